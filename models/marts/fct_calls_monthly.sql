with

monthly as (

    select * from {{ ref('int_calls__monthly') }}

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
