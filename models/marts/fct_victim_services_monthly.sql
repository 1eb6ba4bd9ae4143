with

victim_referrals as (

    select * from {{ ref('stg_landing__victim_referrals') }}

)

select
    month_start,
    service,
    provider,
    crime_category,
    cast(referrals_received as bigint) as referrals_received,
    cast(contacted as bigint) as contacted,
    cast(supported as bigint) as supported,
    cast(reported_to_police_before_support as bigint) as reported_to_police_before_support,
    cast(empowered_to_report as bigint) as empowered_to_report,
    cast(better_able_to_cope as bigint) as better_able_to_cope
from victim_referrals
