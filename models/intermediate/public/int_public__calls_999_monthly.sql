-- 999 answer times per force and month, with the published force name resolved to the forces
-- seed (int_public__force_names). A name the seed does not know (Police Scotland, the PSNI) is
-- kept under its published name and is not territorial, so it is never ranked.
with

calls as (

    select * from {{ ref('stg_public__calls_999') }}

),

names as (

    select * from {{ ref('int_public__force_names') }}

)

select
    coalesce(names.force_name, calls.published_force_name) as force_name,
    coalesce(names.is_territorial, false) as is_territorial,
    names.force_name is not null as is_known_force,
    calls.published_force_name,
    calls.month_start,
    calls.calls,
    calls.answered_under_10s,
    calls.answered_10_to_60s,
    calls.answered_60s_or_more,
    calls.published_average_answer_seconds
from calls
left join names on lower(trim(calls.published_force_name)) = names.name_key
