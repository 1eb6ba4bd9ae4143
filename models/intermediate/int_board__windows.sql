-- Every window the board reports, in one shape: Kent's measures from its extracts (by ONS area)
-- and every force's measures from the Home Office open data (by force name), so one board
-- definition (fct_measure_board) serves `pcc measures` and `pcc measures --source prc`.
with

kent as (

    select * from {{ ref('fct_measure_windows') }}

),

forces as (

    select * from {{ ref('fct_force_measure_windows') }}

),

areas as (

    select * from {{ ref('dim_areas') }}

),

solved as (

    select * from {{ ref('int_board__solved_as_at') }}

)

select
    kent.measure_id,
    kent.area_code,
    areas.area_name,
    areas.area_type,
    'extract' as source,
    kent.window_months,
    kent.period_start,
    kent.period_end,
    kent.previous_period_start,
    kent.previous_period_end,
    kent.numerator,
    kent.denominator,
    kent.previous_numerator,
    kent.previous_denominator,
    kent.recorded_crimes,
    -- Solved rates at equal maturity: each window as at its own end (int_board__solved_as_at).
    solved.solved_as_at_end as solved_crimes,
    kent.previous_recorded_crimes,
    solved.previous_solved_as_at_end as previous_solved_crimes
from kent
inner join areas on kent.area_code = areas.area_code
left join solved
    on
        kent.measure_id = solved.measure_id
        and kent.area_code = solved.area_code
        and kent.window_months = solved.window_months
        and kent.period_end = solved.period_end

union all

select
    measure_id,
    force_name as area_code,
    force_name as area_name,
    'police force area' as area_type,
    'prc' as source,
    window_months,
    period_start,
    period_end,
    previous_period_start,
    previous_period_end,
    offences as numerator,
    cast(null as bigint) as denominator,
    previous_offences as previous_numerator,
    cast(null as bigint) as previous_denominator,
    cast(null as bigint) as recorded_crimes,
    cast(null as bigint) as solved_crimes,
    cast(null as bigint) as previous_recorded_crimes,
    cast(null as bigint) as previous_solved_crimes
from forces
