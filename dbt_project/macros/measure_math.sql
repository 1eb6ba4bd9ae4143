{#-
    Every statistic of a measure is an integer ratio of its summed numerators (n) and
    denominators (d), so presentation can round it exactly. For a window with current (n1, d1)
    and comparison (n0, d0), and m the value multiplier (100 for percentages):
        value       count: n1 / 1                 ratio: n1 * m / d1
        change      count: (n1 - n0) / 1          ratio: (n1*d0 - n0*d1) * m / (d1*d0)
        pct_change  count: (n1 - n0) * 100 / n0   ratio: (n1*d0 - n0*d1) * 100 / (n0*d1)
    A ratio's change is in the value's own unit (percentage points for percentages).
    These macros give the numerator and denominator of each; exact_division divides once.
-#}

{% macro value_numerator(kind, multiplier, n1) -%}
    case when {{ kind }} = 'ratio' then cast({{ n1 }} as hugeint) * {{ multiplier }} else cast({{ n1 }} as hugeint) end
{%- endmacro %}

{% macro value_denominator(kind, d1) -%}
    case when {{ kind }} = 'ratio' then cast({{ d1 }} as hugeint) else 1 end
{%- endmacro %}

{% macro change_numerator(kind, multiplier, n1, d1, n0, d0) -%}
    case
        when {{ kind }} = 'ratio'
            then (cast({{ n1 }} as hugeint) * {{ d0 }} - cast({{ n0 }} as hugeint) * {{ d1 }}) * {{ multiplier }}
        else cast({{ n1 }} as hugeint) - {{ n0 }}
    end
{%- endmacro %}

{% macro change_denominator(kind, d1, d0) -%}
    case when {{ kind }} = 'ratio' then cast({{ d1 }} as hugeint) * {{ d0 }} else 1 end
{%- endmacro %}

{% macro pct_change_numerator(kind, n1, d1, n0, d0) -%}
    case
        when {{ kind }} = 'ratio'
            then (cast({{ n1 }} as hugeint) * {{ d0 }} - cast({{ n0 }} as hugeint) * {{ d1 }}) * 100
        else (cast({{ n1 }} as hugeint) - {{ n0 }}) * 100
    end
{%- endmacro %}

{% macro pct_change_denominator(kind, d1, n0) -%}
    case when {{ kind }} = 'ratio' then cast({{ n0 }} as hugeint) * {{ d1 }} else cast({{ n0 }} as hugeint) end
{%- endmacro %}

{#- One division in double precision; NULL when the denominator is 0 or NULL. -#}
{% macro exact_division(numerator, denominator) -%}
    case when {{ denominator }} <> 0 then cast({{ numerator }} as double) / cast({{ denominator }} as double) end
{%- endmacro %}
