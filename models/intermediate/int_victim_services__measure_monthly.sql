-- Monthly counts of every victim-services measure (force only), from the services' monthly
-- returns.
with

victim_referrals as (

    select * from {{ ref('stg_landing__victim_referrals') }}

),

{{ monthly_measures_from_rows('victim_referrals', 'victim_referrals', has_district=false) }}

select * from measure_monthly
