{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook="{{ delete_stale_rows(table_changed('victim_referrals')) }}"
    )
}}
-- depends_on: {{ source('landing', 'changed_months') }}
-- Victims referred, contacted and supported by commissioned service and by crime category over
-- the board's windows (force only: the referral extract has no district), with disclosure
-- control per column of each breakdown: a breakdown's cells add up to the shown totals, so no
-- column of it has exactly one withheld cell.
-- Incremental (macros/incremental.sql): rebuilt whole when the victim_referrals extract changed, kept
-- as published when only another source did (the board's windows for it stay the same).
{% set breakdowns = ['service', 'crime_category'] %}
{% set counts = ['referrals_received', 'contacted', 'supported'] %}
{% set group = 'window_months, period_end, breakdown' %}

with

monthly as (

    select * from {{ ref('fct_victim_services_monthly') }}

),

windows as (

    select
        window_months,
        period_start,
        period_end,
        previous_period_start,
        previous_period_end
    from {{ ref('fct_measure_board') }}
    where
        source = 'extract' and measure_id = 'victim_referrals' and is_default_baseline
        and area_code = '{{ var("force_area_code") }}'
        {% if is_incremental() %}
            and {{ table_changed('victim_referrals') }}
        {% endif %}

),

long as (

    {% for breakdown in breakdowns %}
        select
            month_start,
            '{{ breakdown }}' as breakdown,
            {{ breakdown }} as category,
            {{ counts | join(', ') }}
        from monthly
        where {{ breakdown }} is not null
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

categories as (

    select distinct
        breakdown,
        category
    from long

),

cells as (

    select
        windows.window_months,
        windows.period_start,
        windows.period_end,
        {% for column in counts %}
            coalesce(sum(long.{{ column }}) filter (
                where long.month_start between windows.period_start and windows.period_end
            ), 0) as {{ column }},
            coalesce(sum(long.{{ column }}) filter (
                where long.month_start between windows.previous_period_start and windows.previous_period_end
            ), 0) as previous_{{ column }},
        {% endfor %}
        categories.breakdown,
        categories.category
    from windows
    cross join categories
    left join long
        on
            categories.breakdown = long.breakdown
            and categories.category = long.category
            and long.month_start between windows.previous_period_start and windows.period_end
    group by all

)

select
    cast(window_months as integer) as window_months,
    period_start,
    period_end,
    breakdown,
    category,
    {% for column in counts %}
        cast({{ column }} as bigint) as {{ column }},
        cast(previous_{{ column }} as bigint) as previous_{{ column }},
        {{ withheld(is_small_count(column), column, group, 'true', 'category') }} as {{ column }}_suppressed,
        {{ withheld(is_small_count('previous_' ~ column), 'previous_' ~ column, group, 'true', 'category') }}
            as previous_{{ column }}_suppressed{% if not loop.last %},{% endif %}
    {% endfor %}
from cells
