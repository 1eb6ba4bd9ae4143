{#-
    Secondary suppression of one count column across the districts of a measure and window
    (fct_measure_board). `primary` is true where the count itself is suppressed (1-4). Where a
    group has exactly one primary cell, the force total minus the other districts would give it
    away, so the smallest other district count (ties by area_code; a 0 too, as a force total
    of 1-4 would otherwise name its district) is suppressed with it.
-#}
{% macro secondary_suppression(primary, count) -%}
    coalesce({{ primary }}, false) or (
        count(case when {{ primary }} then 1 end)
            over (partition by measure_id, window_months, period_end, baseline_end) = 1
        and area_type <> 'force'
        and {{ count }} is not null
        and not coalesce({{ primary }}, false)
        and row_number() over (
            partition by
                measure_id, window_months, period_end, baseline_end,
                area_type <> 'force' and {{ count }} is not null and not coalesce({{ primary }}, false)
            order by {{ count }}, area_code
        ) = 1
    )
{%- endmacro %}
