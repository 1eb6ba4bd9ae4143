-- Daily call-handling rows summed to calendar months per channel: the one monthly roll-up that
-- both the call measures and the calls mart start from.
with

call_handling as (

    select * from {{ ref('stg_landing__call_handling') }}

)

select
    {{ month_of('call_date') }} as month_start,
    channel,
    count(*) as days_reported,
    sum(calls_offered) as calls_offered,
    sum(calls_answered) as calls_answered,
    sum(answered_within_10s) as answered_within_10s,
    sum(answered_10_to_60s) as answered_10_to_60s,
    sum(answered_within_10s + answered_10_to_60s) as answered_within_60s,
    sum(answered_over_60s) as answered_over_60s,
    sum(calls_abandoned) as calls_abandoned,
    sum(total_answer_seconds) as total_answer_seconds
from call_handling
group by {{ month_of('call_date') }}, channel
