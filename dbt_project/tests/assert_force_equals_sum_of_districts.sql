-- For sources reported by district, the force's monthly counts are the sum of the districts'.
with

measures as (

    select * from {{ ref('dim_measures') }}

),

areas as (

    select * from {{ ref('dim_areas') }}

),

monthly as (

    select * from {{ ref('fct_measure_monthly') }}

),

district_sums as (

    select
        monthly.measure_id,
        monthly.month_start,
        sum(monthly.numerator) as numerator,
        sum(monthly.denominator) as denominator,
        sum(monthly.recorded_crimes) as recorded_crimes,
        sum(monthly.solved_crimes) as solved_crimes
    from monthly
    inner join areas on monthly.area_code = areas.area_code
    inner join measures on monthly.measure_id = measures.measure_id
    where areas.area_type = 'district' and measures.window_aggregation = 'sum'
    group by all

)

select
    district_sums.*,
    monthly.numerator as force_numerator
from district_sums
inner join monthly
    on
        district_sums.measure_id = monthly.measure_id
        and district_sums.month_start = monthly.month_start
        and monthly.area_code = '{{ var("force_area_code") }}'
where
    monthly.numerator is distinct from district_sums.numerator
    or monthly.denominator is distinct from district_sums.denominator
    or monthly.recorded_crimes is distinct from district_sums.recorded_crimes
    or monthly.solved_crimes is distinct from district_sums.solved_crimes
