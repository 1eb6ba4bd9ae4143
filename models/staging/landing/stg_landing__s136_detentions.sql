with

source as (

    select * from {{ source('landing', 's136_detentions') }}

),

renamed as (

    select
        cast(detention_id as varchar) as detention_id,
        cast(detention_datetime as timestamp) as detained_at,
        cast(district_code as varchar) as district_code,
        cast(age_band as varchar) as age_band,
        cast(sex as varchar) as sex,
        cast(ethnicity_group as varchar) as ethnicity_group,
        cast(first_place_of_safety as varchar) as first_place_of_safety,
        cast(conveyance as varchar) as conveyance,
        cast(repeat_detention as boolean) as is_repeat_detention,
        cast(_file_sha256 as varchar) as source_file_sha256,
        cast(_line_number as bigint) as source_line_number

    from source

)

select * from renamed
