-- Monthly satisfied and respondent counts of every victim satisfaction measure (force only).
with

victim_satisfaction as (

    select * from {{ ref('stg_landing__victim_satisfaction') }}

),

{{ monthly_measures_from_rows('victim_satisfaction', 'victim_satisfaction', has_district=false) }}

select * from measure_monthly
