with

call_handling as (

    select * from {{ ref('stg_landing__call_handling') }}

),

monthly as (

    select
        {{ month_of('call_date') }} as month_start,
        channel,
        count(*) as days_reported,
        sum(calls_offered) as calls_offered,
        sum(calls_answered) as calls_answered,
        sum(answered_within_10s) as answered_within_10s,
        sum(answered_10_to_60s) as answered_10_to_60s,
        sum(answered_over_60s) as answered_over_60s,
        sum(calls_abandoned) as calls_abandoned,
        sum(total_answer_seconds) as total_answer_seconds
    from call_handling
    group by all

)

select
    month_start,
    channel,
    cast(days_reported as integer) as days_reported,
    cast(calls_offered as bigint) as calls_offered,
    cast(calls_answered as bigint) as calls_answered,
    cast(answered_within_10s as bigint) as answered_within_10s,
    cast(answered_10_to_60s as bigint) as answered_10_to_60s,
    cast(answered_over_60s as bigint) as answered_over_60s,
    cast(calls_abandoned as bigint) as calls_abandoned,
    cast(total_answer_seconds as bigint) as total_answer_seconds,
    {{ exact_division('calls_answered * 100', 'calls_offered') }} as pct_answered,
    {{ exact_division('answered_within_10s * 100', 'calls_answered') }} as pct_answered_within_10s,
    {{ exact_division('calls_abandoned * 100', 'calls_offered') }} as pct_abandoned,
    {{ exact_division('total_answer_seconds', 'calls_answered') }} as avg_answer_seconds
from monthly
