{#-
    numerator / denominator rounded half-up (half away from zero) to `places` decimals, exactly,
    for integer numerator and denominator: no floating point is involved, so 2541 / 19768 * 100
    gives 12.9 and 35 / 10000 * 100 gives 0.35. Returns DECIMAL(38, 6); NULL if the denominator
    is 0 or NULL. pcc.present.numbers.round_half_up is the Python twin (a test keeps them in step).
-#}
{% macro round_half_up(numerator, denominator, places) -%}
    case
        when {{ denominator }} is null or {{ denominator }} = 0 or {{ numerator }} is null then null
        else
            cast(
                sign({{ numerator }}) * sign({{ denominator }})
                * (
                    (abs(cast({{ numerator }} as hugeint)) * cast(power(10, {{ places }}) as hugeint) * 2
                    + abs(cast({{ denominator }} as hugeint)))
                    // (2 * abs(cast({{ denominator }} as hugeint)))
                )
                as decimal(38, 0)
            ) * cast(power(10, -({{ places }})) as decimal(18, 6))
    end
{%- endmacro %}

{#- A figure as outputs show it: rounded half-up once, as DECIMAL(38, 1) (0 or 1 decimals). -#}
{% macro shown(numerator, denominator, places) -%}
    cast({{ round_half_up(numerator, denominator, places) }} as decimal(38, 1))
{%- endmacro %}

{#- A figure whose decimals (0 to 2) are a column: rounded half-up once, as DECIMAL(38, 2). -#}
{% macro figure(numerator, denominator, places) -%}
    cast({{ round_half_up(numerator, denominator, places) }} as decimal(38, 2))
{%- endmacro %}

{#-
    The same rounding as a DuckDB macro stored in the warehouse (marts.round_half_up), for the
    figures no mart can hold: the explorer's free selections (any offences, flag and districts)
    are summed at query time and rounded by this one definition, never in Python.
-#}
{% macro create_query_macros() -%}
    create schema if not exists marts;
    create or replace macro marts.round_half_up(numerator, denominator, places) as (
        {{ round_half_up('numerator', 'denominator', 'places') }}
    )
{%- endmacro %}
