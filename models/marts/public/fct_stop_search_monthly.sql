-- data.police.uk stop and searches per force and month, by outcome group, for every force
-- whose files are loaded (the ranking uses the territorial forces).
select
    force_name,
    is_territorial,
    is_known_force,
    police_uk_force_id,
    month_start,
    searches,
    arrests,
    other_outcomes,
    no_further_action,
    outcome_not_given,
    outcomes_linked_to_object,
    searches_white,
    searches_black,
    searches_asian,
    searches_mixed,
    searches_other,
    searches_ethnicity_not_given
from {{ ref('int_public__stop_searches_monthly') }}
