-- Per outcome rate (int_public__prc_measure_rules), force and financial quarter: the offences
-- recorded in the quarter that the crime outcomes tables give one of the rate's outcome types
-- (their count of outcomes for offences recorded in the quarter, as at publication), and the
-- offences recorded in the quarter (police recorded crime tables). Only quarters both tables
-- cover for the force: a quarter with outcomes but no offences, or the reverse, has no rate,
-- and neither has a quarter whose outcome counts are all N/A (a force that supplied none).
with

outcomes as (

    select * from {{ ref('int_public__prc_outcomes_classified') }}

),

offences as (

    select * from {{ ref('int_public__prc_offences_classified') }}

),

rules as (

    select * from {{ ref('int_public__prc_measure_rules') }}
    where outcome_code_list is not null

),

coverage as (

    select distinct
        offences.force_name,
        offences.is_territorial,
        offences.quarter_start
    from offences
    semi join outcomes
        on
            offences.force_name = outcomes.force_name
            and offences.quarter_start = outcomes.quarter_start
            and outcomes.outcomes_for_offences_recorded is not null

),

recorded as (

    select
        rules.measure_id,
        offences.force_name,
        offences.quarter_start,
        sum(offences.offences) as offences
    from offences
    inner join rules on {{ prc_rule_matches('rules', 'offences') }}
    group by rules.measure_id, offences.force_name, offences.quarter_start

),

given_outcome as (

    select
        rules.measure_id,
        outcomes.force_name,
        outcomes.quarter_start,
        sum(outcomes.outcomes_for_offences_recorded) as outcomes
    from outcomes
    inner join rules
        on
            {{ prc_rule_matches('rules', 'outcomes') }}
            and list_contains(rules.outcome_code_list, outcomes.outcome_code)
    group by rules.measure_id, outcomes.force_name, outcomes.quarter_start

)

select
    rules.measure_id,
    coverage.force_name,
    coverage.is_territorial,
    coverage.quarter_start,
    cast(coalesce(given_outcome.outcomes, 0) as bigint) as outcomes,
    cast(coalesce(recorded.offences, 0) as bigint) as offences
from coverage
cross join rules
left join recorded
    on
        rules.measure_id = recorded.measure_id
        and coverage.force_name = recorded.force_name
        and coverage.quarter_start = recorded.quarter_start
left join given_outcome
    on
        rules.measure_id = given_outcome.measure_id
        and coverage.force_name = given_outcome.force_name
        and coverage.quarter_start = given_outcome.quarter_start
