with

source as (

    select * from {{ source('landing', 'crime_records') }}

),

renamed as (

    select
        cast(crime_id as varchar) as crime_id,
        cast(recorded_date as date) as recorded_date,
        cast(offence_code as varchar) as offence_code,
        cast(district_code as varchar) as district_code,
        cast(lsoa_code as varchar) as lsoa_code,
        cast(domestic_abuse as boolean) as is_domestic_abuse,
        cast(knife_or_sharp_instrument as boolean) as is_knife_or_sharp_instrument,
        cast(firearm as boolean) as is_firearm,
        cast(online as boolean) as is_online,
        cast(hate as boolean) as is_hate,
        cast(vawg as boolean) as is_vawg,
        cast(victim_type as varchar) as victim_type,
        cast(outcome_code as integer) as outcome_code,
        cast(outcome_date as date) as outcome_date,
        cast(_file_sha256 as varchar) as source_file_sha256,
        cast(_line_number as bigint) as source_line_number

    from source

)

select * from renamed
