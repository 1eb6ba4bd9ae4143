with

rules as (

    select * from {{ ref('int_measures__rules') }}

),

monthly as (

    select * from {{ ref('int_measures__monthly_base') }}
    union all
    select * from {{ ref('int_measures__composite_monthly') }}
    union all
    select * from {{ ref('int_measures__streak_monthly') }}

)

select
    monthly.measure_id,
    monthly.area_code,
    monthly.month_start,
    monthly.numerator,
    monthly.denominator,
    case
        when rules.kind = 'count' then cast(monthly.numerator as double)
        when monthly.denominator > 0
            then cast(monthly.numerator as double) * rules.value_multiplier / monthly.denominator
    end as value,  -- noqa: RF04
    monthly.recorded_crimes,
    monthly.solved_crimes,
    case
        when monthly.recorded_crimes > 0
            then cast(monthly.solved_crimes as double) * 100 / monthly.recorded_crimes
    end as solved_rate
from monthly
inner join rules on monthly.measure_id = rules.measure_id
