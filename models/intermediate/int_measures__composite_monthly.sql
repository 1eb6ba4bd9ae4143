-- Composite measures (e.g. neighbourhood crime) are the sum of their components' monthly
-- numerators, denominators and solved counts. A month counts only if every component has it.
with

rules as (

    select * from {{ ref('int_measures__rules') }}

),

base as (

    select * from {{ ref('int_measures__monthly_base') }}

),

components as (

    select
        measure_id,
        unnest(component_list) as component_id,
        len(component_list) as component_count
    from rules
    where components is not null

)

select
    components.measure_id,
    base.area_code,
    base.month_start,
    cast(sum(base.numerator) as bigint) as numerator,
    cast(sum(base.denominator) as bigint) as denominator,
    cast(sum(base.recorded_crimes) as bigint) as recorded_crimes,
    cast(sum(base.solved_crimes) as bigint) as solved_crimes
from components
inner join base on components.component_id = base.measure_id
group by components.measure_id, components.component_count, base.area_code, base.month_start
having count(*) = components.component_count
