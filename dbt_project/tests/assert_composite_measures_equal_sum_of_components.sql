-- Every composite measure (e.g. neighbourhood crime) equals the sum of its components in every
-- window, area and month-end where all of them are computed.
with

measures as (

    select * from {{ ref('dim_measures') }}

),

windows as (

    select * from {{ ref('fct_measure_windows') }}

),

components as (

    select
        measure_id,
        unnest(string_split(components, '|')) as component_id
    from measures
    where components is not null

),

component_sums as (

    select
        components.measure_id,
        windows.area_code,
        windows.window_months,
        windows.period_end,
        sum(windows.numerator) as component_numerator,
        sum(windows.previous_numerator) as component_previous_numerator,
        sum(windows.baseline_numerator) as component_baseline_numerator,
        sum(windows.recorded_crimes) as component_recorded_crimes,
        sum(windows.solved_crimes) as component_solved_crimes
    from components
    inner join windows on components.component_id = windows.measure_id
    group by all

)

select
    component_sums.*,
    windows.numerator,
    windows.previous_numerator,
    windows.baseline_numerator
from component_sums
inner join windows
    on
        component_sums.measure_id = windows.measure_id
        and component_sums.area_code = windows.area_code
        and component_sums.window_months = windows.window_months
        and component_sums.period_end = windows.period_end
where
    windows.numerator is distinct from component_sums.component_numerator
    or windows.previous_numerator is distinct from component_sums.component_previous_numerator
    or windows.baseline_numerator is distinct from component_sums.component_baseline_numerator
    or windows.recorded_crimes is distinct from component_sums.component_recorded_crimes
    or windows.solved_crimes is distinct from component_sums.component_solved_crimes
