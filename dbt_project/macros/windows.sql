{#-
    Month arithmetic and the window definitions built on it, in one file so that macros
    calling each other also resolve in sqlfluff's templater (it loads each macro file alone).
-#}

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

{#-
    Last month of the baseline window compared with a window of `window_months` ending
    `period_end`, for the 12-month baseline ending `baseline_end` (README, "Comparisons"):
    - 12-month windows (rolling year, financial year): the baseline's 12 months;
    - shorter windows (a quarter): the same calendar months within the baseline's 12 months,
      so July-September 2025 is compared with July-September 2019, never October-December.
-#}
{% macro baseline_window_end(period_end, window_months, baseline_end) -%}
    case
        when {{ window_months }} >= 12 then {{ baseline_end }}
        else {{ add_months(
            baseline_end,
            '-((month(' ~ baseline_end ~ ') - month(' ~ period_end ~ ') + 12) % 12)'
        ) }}
    end
{%- endmacro %}

{#-
    The one window definition, for Kent's monthly measures (fct_measure_windows) and the
    forces' quarterly open data (fct_force_measure_windows).

    complete_windows: every window of var('window_lengths') months ending at each period of
    `periods` (a relation with the `keys`, a `period_start` DATE column and the `sums`),
    summed, keeping only windows whose every period is present (no partial windows).
    `period_months` is 1 for monthly and 3 for quarterly periods. `extra` adds aggregates over
    the window's periods (alias `periods`), e.g. the last period's value. `lengths` replaces
    var('window_lengths') (the force ranking's 999 windows: var('force_ranking_window_lengths')).
-#}
{% macro complete_windows(periods, keys, period_start, period_months, sums, extra=[], lengths=none) -%}
    select
    {%- for key in keys %}
        ends.{{ key }},
    {%- endfor %}
        window_lengths.window_months,
        {{ add_months(add_months('ends.' ~ period_start, period_months - 1), '1 - window_lengths.window_months') }}
            as period_start,
        {{ add_months('ends.' ~ period_start, period_months - 1) }} as period_end,
    {%- for column in sums %}
        sum(periods.{{ column }}) as {{ column }},
    {%- endfor %}
    {%- for aggregate in extra %}
        {{ aggregate }},
    {%- endfor %}
        count(*) * {{ period_months }} as months_covered
    from {{ periods }} as ends
    cross join (select unnest({{ lengths or var('window_lengths') }}) as window_months) as window_lengths
    inner join {{ periods }} as periods
        on
    {%- for key in keys %}
            ends.{{ key }} = periods.{{ key }} and
    {%- endfor %}
            periods.{{ period_start }} between
            {{ add_months('ends.' ~ period_start, period_months ~ ' - window_lengths.window_months') }}
            and ends.{{ period_start }}
    group by all
    having count(*) * {{ period_months }} = window_lengths.window_months
{%- endmacro %}

{#-
    Each window of `windows` (from complete_windows) with the same window a year earlier
    (previous_*) and the like-for-like baseline window (baseline_*, macros/measure_comparison.sql) for
    the build's baseline var('baseline_end'), for each of `columns`.
-#}
{% macro compared_windows(windows, keys, columns) -%}
    {%- set baseline_end = month_from_text("'" ~ var('baseline_end') ~ "'") -%}
    {%- set baseline_window_end_sql = baseline_window_end('cur.period_end', 'cur.window_months', baseline_end) -%}
    select
        cur.*,
        {{ add_months('cur.period_start', -12) }} as previous_period_start,
        {{ add_months('cur.period_end', -12) }} as previous_period_end,
    {%- for column in columns %}
        prev.{{ column }} as previous_{{ column }},
    {%- endfor %}
    {{ add_months(baseline_window_end_sql, '1 - cur.window_months') }} as baseline_start,
        {{ baseline_window_end_sql }} as baseline_end,
    {%- for column in columns %}
        base.{{ column }} as baseline_{{ column }}{{ "," if not loop.last }}
    {%- endfor %}
    from {{ windows }} as cur
    left join {{ windows }} as prev
        on
    {%- for key in keys %}
            cur.{{ key }} = prev.{{ key }} and
    {%- endfor %}
            cur.window_months = prev.window_months
            and prev.period_end = {{ add_months('cur.period_end', -12) }}
    left join {{ windows }} as base
        on
    {%- for key in keys %}
            cur.{{ key }} = base.{{ key }} and
    {%- endfor %}
            cur.window_months = base.window_months
            and base.period_end = {{ baseline_window_end_sql }}
{%- endmacro %}
