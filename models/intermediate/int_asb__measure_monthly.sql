-- Monthly counts of every anti-social behaviour measure, for each district and the force. Each
-- incident contributes 1 to `incidents`, and 1 to `repeat_incidents` when it was a repeat.
with

asb_incidents as (

    select * from {{ ref('stg_landing__asb_incidents') }}

),

incidents as (

    select
        {{ month_of('reported_date') }} as month_start,
        district_code,
        category,
        1 as incidents,
        case when is_repeat_incident then 1 else 0 end as repeat_incidents
    from asb_incidents

),

{{ monthly_measures_from_rows('asb_incidents', 'incidents', has_district=true) }}

select * from measure_monthly
