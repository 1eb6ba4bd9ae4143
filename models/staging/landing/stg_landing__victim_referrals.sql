with

source as (

    select * from {{ source('landing', 'victim_referrals') }}

),

renamed as (

    select
        cast(month as date) as month_start,
        cast(service as varchar) as service,
        cast(provider as varchar) as provider,  -- noqa: RF04
        cast(crime_category as varchar) as crime_category,
        cast(referrals_received as bigint) as referrals_received,
        cast(contacted as bigint) as contacted,
        cast(supported as bigint) as supported,
        cast(reported_to_police_before_support as bigint) as reported_to_police_before_support,
        cast(empowered_to_report as bigint) as empowered_to_report,
        cast(better_able_to_cope as bigint) as better_able_to_cope,
        cast(_file_sha256 as varchar) as source_file_sha256,
        cast(_line_number as bigint) as source_line_number

    from source

)

select * from renamed
