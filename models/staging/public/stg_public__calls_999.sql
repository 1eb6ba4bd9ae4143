-- Home Office 999 answer-time rows as published, renamed and cast (names resolved later).
with

source as (

    select * from {{ source('landing_public', 'calls_999_monthly') }}

),

renamed as (

    select
        cast(force_name as varchar) as published_force_name,
        cast(month as date) as month_start,
        cast(calls as bigint) as calls,
        cast(answered_under_10s as bigint) as answered_under_10s,
        cast(answered_10_to_60s as bigint) as answered_10_to_60s,
        cast(answered_60s_or_more as bigint) as answered_60s_or_more,
        cast(average_answer_seconds as double) as published_average_answer_seconds,
        cast(header_names as varchar) as header_names,
        cast(_file_sha256 as varchar) as source_file_sha256,
        cast(_line_number as bigint) as source_line_number

    from source

)

select * from renamed
