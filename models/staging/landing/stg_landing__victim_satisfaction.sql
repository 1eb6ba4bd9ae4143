with

source as (

    select * from {{ source('landing', 'victim_satisfaction') }}

),

renamed as (

    select
        cast(month as date) as month_start,
        cast(survey as varchar) as survey,
        cast(question as varchar) as question,
        cast(respondents as bigint) as respondents,
        cast(satisfied as bigint) as satisfied,
        cast(_file_sha256 as varchar) as source_file_sha256,
        cast(_line_number as bigint) as source_line_number

    from source

)

select * from renamed
