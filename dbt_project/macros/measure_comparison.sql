{#-
    How a change is judged, in one place: the significance test behind it and the verdict a
    measure's polarity gives it. fct_measure_board and the SPC marts use these macros; the
    like-for-like baseline window is in windows.sql.
-#}

{#-
    Is the change from count n0 to count n1 more than Poisson noise? The 95% interval of the
    rate ratio n1 / n0 is exp(ln(n1 / n0) +/- z * sqrt(1/n1 + 1/n0)) (normal approximation on
    the log ratio; 0.5 is added to both counts when either is 0); significant when it excludes 1.
    NULL when either count is missing.
-#}
{% macro poisson_change_is_significant(n1, n0) -%}
    {%- set z = var('significance_z') -%}
    case
        when {{ n1 }} is null or {{ n0 }} is null then null
        when {{ n1 }} + {{ n0 }} = 0 then false
        when {{ n1 }} = 0 or {{ n0 }} = 0
            then abs(ln(({{ n1 }} + 0.5) / ({{ n0 }} + 0.5)))
            > {{ z }} * sqrt(1 / ({{ n1 }} + 0.5) + 1 / ({{ n0 }} + 0.5))
        else abs(ln(cast({{ n1 }} as double) / {{ n0 }})) > {{ z }} * sqrt(1.0 / {{ n1 }} + 1.0 / {{ n0 }})
    end
{%- endmacro %}

{#-
    Is the change from proportion n0 / d0 to n1 / d1 more than sampling noise? Two-proportion
    z-test with the pooled proportion p = (n1 + n0) / (d1 + d0):
    |n1/d1 - n0/d0| > z * sqrt(p (1 - p) (1/d1 + 1/d0)). NULL when either side is missing.
-#}
{% macro proportion_change_is_significant(n1, d1, n0, d0) -%}
    {%- set z = var('significance_z') -%}
    case
        when {{ n1 }} is null or {{ n0 }} is null or coalesce({{ d1 }}, 0) = 0 or coalesce({{ d0 }}, 0) = 0
            then null
        else
            abs(cast({{ n1 }} as double) / {{ d1 }} - cast({{ n0 }} as double) / {{ d0 }})
            > {{ z }} * sqrt(
                (cast({{ n1 }} + {{ n0 }} as double) / ({{ d1 }} + {{ d0 }}))
                * (1 - cast({{ n1 }} + {{ n0 }} as double) / ({{ d1 }} + {{ d0 }}))
                * (1.0 / {{ d1 }} + 1.0 / {{ d0 }})
            )
    end
{%- endmacro %}

{#- significant / not significant / not tested, from a test's boolean and the test's name. -#}
{% macro significance_word(test, is_significant) -%}
    case
        when {{ test }} = 'none' then 'not tested'
        when {{ is_significant }} is null then null
        when {{ is_significant }} then 'significant'
        else 'not significant'
    end
{%- endmacro %}

{#-
    The one polarity rule: better / worse only for a significant change in a measure with a
    direction; 'no significant change', or 'context only' otherwise; NULL when there is nothing
    to compare with. 'context only' covers measures with no good or bad direction and changes no
    test can judge (significance 'not tested'): averages such as the 999 and 101 average time to
    answer - the call extract holds each day's total answer seconds and calls answered but not
    each call's time, so the spread of answer times, and with it the standard error of the mean,
    is unknown and any interval would be invented (the within-10-seconds rate, a proportion, is
    tested and carries the verdict on answering) - and streaks, which are run lengths, not
    samples (docs/methodology.md).
-#}
{% macro verdict(polarity, change, significance) -%}
    case
        when {{ change }} is null then null
        when {{ polarity }} = 'context_only' then 'context only'
        when {{ significance }} = 'not tested' then 'context only'
        when coalesce({{ significance }}, '') <> 'significant' or {{ change }} = 0
            then 'no significant change'
        when ({{ change }} < 0) = ({{ polarity }} = 'lower_is_better') then 'better'
        else 'worse'
    end
{%- endmacro %}

{#- improvement / deterioration / neutral for a direction (up / down), by polarity (SPC). -#}
{% macro direction_reading(polarity, direction) -%}
    case
        when {{ polarity }} = 'context_only' or {{ direction }} is null then 'neutral'
        when ({{ direction }} = 'down') = ({{ polarity }} = 'lower_is_better') then 'improvement'
        else 'deterioration'
    end
{%- endmacro %}
