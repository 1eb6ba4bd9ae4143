-- Every base measure (not composite, not streak) for every area its source reports and every
-- month its source covers, with 0 where nothing happened: a month without a robbery is 0
-- robberies, not a missing row. Months outside the source's coverage have no row at all.
with

rules as (

    select * from {{ ref('int_measures__rules') }}
    where components is null and streak_of is null

),

areas as (

    select * from {{ ref('int_measures__areas') }}

),

source_months as (

    select * from {{ ref('int_measures__source_months') }}

),

spine as (

    select
        rules.measure_id,
        rules.kind,
        rules.has_solved_rate,
        areas.area_code,
        source_months.month_start
    from rules
    inner join source_months on rules.source = source_months.source
    inner join areas on list_contains(areas.sources, rules.source)

),

measured as (

    select * from {{ ref('int_crime__measure_monthly') }}
    union all
    select * from {{ ref('int_calls__measure_monthly') }}
    union all
    select * from {{ ref('int_s136__measure_monthly') }}
    union all
    select * from {{ ref('int_victim_services__measure_monthly') }}
    union all
    select * from {{ ref('int_satisfaction__measure_monthly') }}
    union all
    select * from {{ ref('int_asb__measure_monthly') }}
    union all
    select * from {{ ref('int_roads__measure_monthly') }}

)

select
    spine.measure_id,
    spine.area_code,
    spine.month_start,
    coalesce(measured.numerator, 0) as numerator,
    case when spine.kind = 'ratio' then coalesce(measured.denominator, 0) end as denominator,
    case when spine.has_solved_rate then coalesce(measured.recorded_crimes, 0) end as recorded_crimes,
    case when spine.has_solved_rate then coalesce(measured.solved_crimes, 0) end as solved_crimes
from spine
left join measured
    on
        spine.measure_id = measured.measure_id
        and spine.area_code = measured.area_code
        and spine.month_start = measured.month_start
