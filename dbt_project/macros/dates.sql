{#- DuckDB returns a TIMESTAMP for date +/- interval; these keep month arithmetic in DATEs. -#}

{% macro add_months(date_expression, months) -%}
    cast({{ date_expression }} + to_months(cast({{ months }} as integer)) as date)
{%- endmacro %}

{% macro month_of(expression) -%}
    cast(date_trunc('month', {{ expression }}) as date)
{%- endmacro %}

{#- 'YYYY-MM' text to the DATE of the first day of that month. -#}
{% macro month_from_text(expression) -%}
    cast({{ expression }} || '-01' as date)
{%- endmacro %}

{#- Number of months from start to end inclusive (both first-of-month DATEs). -#}
{% macro months_inclusive(start_expression, end_expression) -%}
    (date_diff('month', {{ start_expression }}, {{ end_expression }}) + 1)
{%- endmacro %}
