-- Monthly counts of every section 136 measure, for each district and the force. Each detention
-- contributes 1 to the `detentions` value column the measure rules sum.
with

s136_detentions as (

    select * from {{ ref('stg_landing__s136_detentions') }}

),

detentions as (

    select
        {{ month_of('detained_at') }} as month_start,
        district_code,
        first_place_of_safety,
        1 as detentions
    from s136_detentions

),

{{ monthly_measures_from_rows('s136_detentions', 'detentions', has_district=true) }}

select * from measure_monthly
