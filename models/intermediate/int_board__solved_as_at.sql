{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook="{{ delete_stale_rows(period_end_is_stale('period_end')) }}"
    )
}}
-- depends_on: {{ source('landing', 'changed_months') }}
-- Solved crimes of each window as at the end of the window, and of the window a year earlier as
-- at its own end: outcome maturity, like for like. A crime recorded in month r of a window ending
-- P counts as solved if its solved outcome came within P - r months (int_crime__solved_by_lag),
-- so recent windows are never compared with older windows whose investigations had longer to
-- finish, and a window's figure never changes when later months are loaded. Incremental by period
-- end (macros/incremental.sql): a refresh rebuilds only the windows that hold a changed month.
with

windows as (

    select * from {{ ref('fct_measure_windows') }}
    where
        recorded_crimes is not null
        {% if is_incremental() %}
            and {{ period_end_is_stale('period_end') }}
        {% endif %}

),

solved as (

    select * from {{ ref('int_crime__solved_by_lag') }}

)

select
    windows.measure_id,
    windows.area_code,
    windows.window_months,
    windows.period_end,
    cast(coalesce(sum(solved.solved_crimes) filter (
        where solved.recorded_month between windows.period_start and windows.period_end
        and solved.lag_months = date_diff('month', solved.recorded_month, windows.period_end)
    ), 0) as bigint) as solved_as_at_end,
    cast(coalesce(sum(solved.solved_crimes) filter (
        where solved.recorded_month between windows.previous_period_start and windows.previous_period_end
        and solved.lag_months = date_diff('month', solved.recorded_month, windows.previous_period_end)
    ), 0) as bigint) as previous_solved_as_at_end
from windows
left join solved
    on
        windows.measure_id = solved.measure_id
        and windows.area_code = solved.area_code
        and solved.recorded_month between windows.previous_period_start and windows.period_end
group by all
