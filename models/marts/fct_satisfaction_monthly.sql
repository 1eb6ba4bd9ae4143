with

victim_satisfaction as (

    select * from {{ ref('stg_landing__victim_satisfaction') }}

)

select
    month_start,
    survey,
    question,
    cast(respondents as bigint) as respondents,
    cast(satisfied as bigint) as satisfied,
    {{ exact_division('satisfied * 100', 'respondents') }} as pct_satisfied
from victim_satisfaction
