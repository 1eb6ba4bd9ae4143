-- The months each source covers: a month owned by a load of that source (a file delivered for
-- that month, even if it had no rows), or a month with rows. Windows are only computed where
-- every month is covered, so a missing month makes the window NULL instead of a silent zero.
with

crime_records as (

    select * from {{ ref('stg_landing__crime_records') }}

),

call_handling as (

    select * from {{ ref('stg_landing__call_handling') }}

),

s136_detentions as (

    select * from {{ ref('stg_landing__s136_detentions') }}

),

victim_referrals as (

    select * from {{ ref('stg_landing__victim_referrals') }}

),

victim_satisfaction as (

    select * from {{ ref('stg_landing__victim_satisfaction') }}

),

asb_incidents as (

    select * from {{ ref('stg_landing__asb_incidents') }}

),

road_casualties as (

    select * from {{ ref('stg_landing__road_casualties') }}

),

month_owner as (

    select * from {{ ref('stg_landing__month_owner') }}

),

months_with_rows as (

    select distinct
        'crime_records' as source,
        {{ month_of('recorded_date') }} as month_start
    from crime_records

    union all

    select distinct
        'call_handling' as source,
        {{ month_of('call_date') }} as month_start
    from call_handling

    union all

    select distinct
        's136_detentions' as source,
        {{ month_of('detained_at') }} as month_start
    from s136_detentions

    union all

    select distinct
        'victim_referrals' as source,
        month_start
    from victim_referrals

    union all

    select distinct
        'victim_satisfaction' as source,
        month_start
    from victim_satisfaction

    union all

    select distinct
        'asb_incidents' as source,
        {{ month_of('reported_date') }} as month_start
    from asb_incidents

    union all

    select distinct
        'road_casualties' as source,
        {{ month_of('collision_date') }} as month_start
    from road_casualties

),

months_in_loads as (

    select
        source,
        month_start
    from month_owner

)

select distinct
    source,
    month_start
from (
    select
        source,
        month_start
    from months_with_rows
    union all
    select
        source,
        month_start
    from months_in_loads
)
