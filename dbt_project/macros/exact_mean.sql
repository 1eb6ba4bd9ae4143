{#-
    The mean of a DOUBLE expression, the same to the last bit in every build. DuckDB adds up
    doubles in parallel in no fixed order, so avg() can differ in its last bit between two builds
    of the same data, and a centre line that moves by one bit can move a point from one side of
    it to the other (and so start or break a run). Each value is taken to 12 decimals and summed
    exactly as a DECIMAL, then divided once. `over` makes it a window mean: "over (partition by ...)".
-#}
{% macro exact_mean(expression, over='') -%}
    cast(avg(cast({{ expression }} as decimal(38, 12))) {{ over }} as double)
{%- endmacro %}
