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
    kent.solved_crimes,
    kent.previous_recorded_crimes,
    kent.previous_solved_crimes
from kent
inner join areas on kent.area_code = areas.area_code

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
