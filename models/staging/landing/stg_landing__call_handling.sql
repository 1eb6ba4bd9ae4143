with

source as (

    select * from {{ source('landing', 'call_handling') }}

),

renamed as (

    select
        cast(date as date) as call_date,
        cast(channel as varchar) as channel,
        cast(calls_offered as bigint) as calls_offered,
        cast(calls_answered as bigint) as calls_answered,
        cast(answered_within_10s as bigint) as answered_within_10s,
        cast(answered_10_to_60s as bigint) as answered_10_to_60s,
        cast(answered_over_60s as bigint) as answered_over_60s,
        cast(calls_abandoned as bigint) as calls_abandoned,
        cast(total_answer_seconds as bigint) as total_answer_seconds,
        cast(_file_sha256 as varchar) as source_file_sha256,
        cast(_line_number as bigint) as source_line_number

    from source

)

select * from renamed
