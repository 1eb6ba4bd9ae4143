{#-
    Incremental models rebuild only the months whose landing rows changed since the warehouse
    the build started from (landing.changed_months, written by `pcc refresh`). The pre-hook
    deletes those months first, so a month that lost all its rows is emptied too; the model
    then appends the months' new rows.
-#}

{% macro changed_months(landing_table) -%}
    (select month from {{ source('landing', 'changed_months') }} where source = '{{ landing_table }}')
{%- endmacro %}

{% macro delete_changed_months(month_column, landing_table) -%}
    {{ delete_stale_rows(month_column ~ ' in ' ~ changed_months(landing_table)) }}
{%- endmacro %}

{#-
    For models keyed by an outcome month as well as a recorded month (int_crime__measure_monthly):
    a crime's outcome month is never before its recorded month (the crime_records contract refuses
    an outcome_date before recorded_date), so a changed recorded month c reaches only months from c
    on. No changed month of the table: nothing is stale.
-#}
{% macro from_first_changed_month(month_column, landing_table) -%}
    coalesce({{ month_column }} >= (select min(month) from {{ changed_months(landing_table) }}), false)
{%- endmacro %}

{#-
    Models keyed by period end (fct_measure_board, fct_outcome_groups_windows,
    int_board__solved_as_at) rebuild only the period ends a changed month can reach. A window
    ending at p holds months up to p, and its year-earlier comparison months up to p - 12, so a
    month changed at c reaches only windows ending at c or later. With baseline_compared, every
    window is also compared with a window of the baseline year, so a changed month at or before
    the last baseline month (of var baseline_end and every baseline choice) reaches every period
    end. The first changed month of any source is used for every measure (a composite may take
    components from several sources): a window recomputed without need comes out the same. No
    changed month: nothing is stale.
-#}
{% macro period_end_is_stale(period_end, baseline_compared=false) -%}
    {%- set first_changed = '(select min(month) from ' ~ source('landing', 'changed_months') ~ ')' -%}
    {%- if baseline_compared -%}
        {%- set last_baseline = "date '" ~ (([var('baseline_end')] + (var('baseline_choices') | list)) | max) ~ "-01'" -%}
        coalesce({{ period_end }} >= {{ first_changed }} or {{ first_changed }} <= {{ last_baseline }}, false)
    {%- else -%}
        coalesce({{ period_end }} >= {{ first_changed }}, false)
    {%- endif -%}
{%- endmacro %}

{#-
    The months an incremental build of fct_measure_windows reads: those of the stale windows
    (ending at or after the first changed month c, up to the longest window before it), of their
    year-earlier windows (12 months more) and of the baseline windows (a quarter's baseline ends
    in the baseline year, so starts up to 11 + longest - 1 months before its last month). With a
    changed month in the baseline year every month is read: every window is stale.
-#}
{% macro window_input_is_needed(month_start) -%}
    {%- set longest = var('window_lengths') | max | int -%}
    {%- set baseline_end = "date '" ~ var('baseline_end') ~ "-01'" -%}
    (
        {{ period_end_is_stale(month_start ~ ' + to_months(' ~ (11 + longest) ~ ')', baseline_compared=true) }}
        or {{ month_start }} between {{ baseline_end }} - to_months({{ 10 + longest }}) and {{ baseline_end }}
    )
{%- endmacro %}

{#-
    Any change to a landing table: the Home Office open data tables are replaced whole when one
    of their loads changes, and landing.changed_months then has a row for the table with no
    month; an extract has a row per changed month. Models that depend on one extract only, but
    are selected because of another (fct_s136_breakdowns takes its windows from fct_measure_board,
    rebuilt for every crime month), rebuild whole when their own extract changed and keep their
    rows otherwise.
-#}
{% macro table_changed(landing_table) -%}
    exists (select 1 from {{ source('landing', 'changed_months') }} where source = '{{ landing_table }}')
{%- endmacro %}

{#-
    The rows of fct_measure_board an incremental build replaces: those of stale period ends, and
    every row from the Home Office recorded crime tables (`source` 'prc') when those changed
    (a new crime month leaves them as published).
-#}
{% macro board_row_is_stale(source_column, period_end) -%}
    (
        ({{ source_column }} = 'prc' and {{ table_changed('prc_offences') }})
        or {{ period_end_is_stale(period_end, baseline_compared=true) }}
    )
{%- endmacro %}

{#-
    The SPC as-at models (int_trend__spc_limits, _phases and _points, fct_spc_monthly_as_at,
    fct_spc_signals_as_at and fct_spc_summary_as_at) are incremental by as-at series: measure x
    area x as_at_month x is_latest. A series as at month q is charted from its own months up to q
    only (its baseline, seasonal indices, phases and provisional months included), so a month
    changed at c reaches only the series as at c or later. The pre-hook deletes those and every
    series the model's upstream no longer has (the old latest month of a series that moved on, a
    quarter end past the data's new end); the model then builds each series its upstream has and
    it lacks: the stale ones, the new latest months, a quarter end that was a series' latest month
    and is now an ordinary quarter end. Keys match null-safe: a unit test may give a series
    without an as_at_month.
-#}
{% macro as_at_series_match(left, right) -%}
    {{ left }}.measure_id = {{ right }}.measure_id
    and {{ left }}.area_code = {{ right }}.area_code
    and {{ left }}.as_at_month is not distinct from {{ right }}.as_at_month
    and {{ left }}.is_latest is not distinct from {{ right }}.is_latest
{%- endmacro %}

{#- Pre-hook of an SPC as-at model: `upstream` is the relation (or subquery) of the series it charts. -#}
{% macro delete_stale_as_at_series(upstream) -%}
    {%- if is_incremental() -%}
        delete from {{ this }} as published
        where
            {{ period_end_is_stale('published.as_at_month') }}
            or not exists (
                select 1 from {{ upstream }} as charted where {{ as_at_series_match('charted', 'published') }}
            )
    {%- endif -%}
{%- endmacro %}

{#- The rows of `alias` (an upstream as-at series) that the model builds: those it lacks. -#}
{% macro as_at_series_to_build(alias) -%}
    {%- if is_incremental() -%}
        not exists (select 1 from {{ this }} as built where {{ as_at_series_match('built', alias) }})
    {%- else -%}
        true
    {%- endif -%}
{%- endmacro %}

{#- Pre-hook of a model incremental by period end: delete the rows it is about to rebuild. -#}
{% macro delete_stale_rows(condition) -%}
    {%- if is_incremental() -%}
        delete from {{ this }} where {{ condition }}
    {%- endif -%}
{%- endmacro %}

{#-
    The data tests over a whole crime history (uniqueness and not-null of stg_landing__crime_records
    and int_crime__crimes_classified) test the rows from the first changed crime month on: their
    `where` is "<month column> >= (select min(month) from landing.changed_months where source =
    'crime_records')", written out in the YAML because dbt cannot call a macro in a generic test's
    config. A full build counts every loaded month as changed, so the tests see every row; an
    incremental build tests the months it rebuilt and those after, not 45 million crimes again
    for one new month. An id that a delivery repeats from another month never reaches the store:
    the extract suites refuse it at ingest ("id already loaded").
-#}
