{#-
    Disclosure control (README, "Disclosure control"): a person-level count of 1 to
    (var('suppression_threshold') | int) - 1 is withheld (primary), and so that no withheld cell can be
    recovered by subtraction from a shown total, a group of cells that add up to a shown total
    never has exactly one withheld cell: where it would, the smallest other eligible cell (a 0
    too: a total of 1-4 would otherwise name its cell) is withheld with it (secondary).
-#}

{#- Is `count` a primary cell (a person-level count of 1-4)? -#}
{% macro is_small_count(count) -%}
    coalesce({{ count }} between 1 and {{ (var('suppression_threshold') | int) - 1 }}, false)
{%- endmacro %}

{#-
    Primary or secondary, for one count column. `group_by`: the columns of a group whose cells
    add up to a shown total; `eligible`: which rows of the group may take a secondary cell;
    `tie_break`: order among equal counts.
-#}
{% macro withheld(primary, count, group_by, eligible='true', tie_break='1') -%}
    {%- set candidate = '(' ~ eligible ~ ') and ' ~ count ~ ' is not null and not ' ~ primary -%}
    {{ primary }} or (
        count(case when {{ primary }} then 1 end) over (partition by {{ group_by }}) = 1
        and {{ candidate }}
        and row_number() over (
            partition by {{ group_by }}, {{ candidate }} order by {{ count }}, {{ tie_break }}
        ) = 1
    )
{%- endmacro %}
