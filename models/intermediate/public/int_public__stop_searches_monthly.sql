-- data.police.uk stop and searches counted per force and month, by outcome group
-- (stop_search_outcomes seed), for every month a force's file was delivered: a file without
-- searches is a month of 0 searches. Searches by the ethnicity the officer recorded (the
-- column police.uk fills most often), for rates against the census's ethnic groups. The force
-- is the police.uk force id of the file name, resolved to the forces seed by its words
-- ("avon-and-somerset" is "Avon and Somerset") or a variant ("metropolitan", "btp"); an unknown
-- id is kept under itself and is never ranked.
with

files as (

    select * from {{ ref('stg_public__stop_search_files') }}

),

searches as (

    select * from {{ ref('stg_public__stop_searches') }}

),

outcomes as (

    select * from {{ ref('stop_search_outcomes') }}

),

names as (

    select * from {{ ref('int_public__force_names') }}

),

resolved as (

    select
        files.police_uk_force_id,
        files.month_start,
        searches.source_line_number is not null as is_search,
        searches.is_outcome_linked_to_object,
        searches.officer_defined_ethnicity,
        outcomes.outcome_group,
        coalesce(by_id.force_name, by_words.force_name) as known_force_name,
        coalesce(by_id.is_territorial, by_words.is_territorial) as known_is_territorial
    from files
    left join searches
        on
            files.police_uk_force_id = searches.police_uk_force_id
            and files.month_start = searches.month_start
    left join outcomes on searches.outcome = outcomes.outcome
    left join names as by_id on files.police_uk_force_id = by_id.name_key
    left join names as by_words on replace(files.police_uk_force_id, '-', ' ') = by_words.name_key

)

select
    coalesce(known_force_name, police_uk_force_id) as force_name,
    coalesce(known_is_territorial, false) as is_territorial,
    known_force_name is not null as is_known_force,
    police_uk_force_id,
    month_start,
    cast(count(*) filter (where is_search) as bigint) as searches,
    cast(count(*) filter (where outcome_group = 'arrest') as bigint) as arrests,
    cast(count(*) filter (where outcome_group = 'other_outcome') as bigint) as other_outcomes,
    cast(count(*) filter (where outcome_group = 'no_further_action') as bigint) as no_further_action,
    cast(count(*) filter (where is_search and outcome_group is null) as bigint) as outcome_not_given,
    cast(count(*) filter (where is_outcome_linked_to_object) as bigint) as outcomes_linked_to_object,
    cast(count(*) filter (where officer_defined_ethnicity = 'White') as bigint) as searches_white,
    cast(count(*) filter (where officer_defined_ethnicity = 'Black') as bigint) as searches_black,
    cast(count(*) filter (where officer_defined_ethnicity = 'Asian') as bigint) as searches_asian,
    cast(count(*) filter (where officer_defined_ethnicity = 'Mixed') as bigint) as searches_mixed,
    cast(count(*) filter (where officer_defined_ethnicity = 'Other') as bigint) as searches_other,
    cast(count(*) filter (where is_search and officer_defined_ethnicity is null) as bigint)
        as searches_ethnicity_not_given
from resolved
group by all
