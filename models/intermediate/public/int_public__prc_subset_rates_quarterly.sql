-- Per measure of a subset of offences (comparison_measures.offence_subset: knives or sharp
-- instruments, firearms), force and financial quarter, from that subset's crime outcomes
-- tables: the offences recorded in the quarter, the sum over every outcome type (0 = not yet
-- assigned included) of the outcomes for offences recorded in the quarter, since each offence
-- recorded has one outcome there; and, for a charge rate, those given one of its outcome types
-- by publication (null for a rate per residents). The tables leave out rows whose counts are
-- both 0, so a territorial force with no row in a quarter the table covers recorded none of
-- these offences: it gets 0 (a small force's firearm count is often 0, and it ranks). A quarter
-- whose counts are all N/A (a force that supplied none) has no row, so no window over it is
-- complete.
with

outcomes as (

    select * from {{ ref('stg_public__prc_subset_outcomes') }}

),

force_names as (

    select * from {{ ref('int_public__force_names') }}

),

measures as (

    select
        measure_id,
        offence_subset,
        cast(string_split(outcome_codes, '|') as integer []) as outcome_code_list
    from {{ ref('comparison_measures') }}
    where offence_subset is not null

),

territorial_forces as (

    select force_name from {{ ref('forces') }}
    where is_territorial

),

resolved as (

    select
        outcomes.*,
        coalesce(force_names.force_name, trim(outcomes.published_force_name)) as force_name,
        coalesce(force_names.is_territorial, false) as is_territorial
    from outcomes
    left join force_names on lower(trim(outcomes.published_force_name)) = force_names.name_key

),

counted as (

    select
        measures.measure_id,
        resolved.offence_subset,
        resolved.force_name,
        resolved.is_territorial,
        resolved.quarter_start,
        count(resolved.outcomes_for_offences_recorded) as counted_rows,
        sum(resolved.outcomes_for_offences_recorded) as offences,
        case
            when any_value(measures.outcome_code_list) is not null
                then coalesce(
                    sum(resolved.outcomes_for_offences_recorded) filter (
                        where list_contains(measures.outcome_code_list, resolved.outcome_code)
                    ),
                    0
                )
        end as outcomes
    from resolved
    inner join measures on resolved.offence_subset = measures.offence_subset
    group by all

),

quarters as (

    select distinct
        offence_subset,
        quarter_start
    from resolved

),

-- Every territorial force in every quarter a subset's table covers, for each of its measures.
expected as (

    select
        measures.measure_id,
        measures.offence_subset,
        territorial_forces.force_name,
        true as is_territorial,
        quarters.quarter_start,
        measures.outcome_code_list is not null as counts_outcomes
    from measures
    inner join quarters on measures.offence_subset = quarters.offence_subset
    cross join territorial_forces

),

filled as (

    select
        coalesce(expected.measure_id, counted.measure_id) as measure_id,
        coalesce(expected.offence_subset, counted.offence_subset) as offence_subset,
        coalesce(expected.force_name, counted.force_name) as force_name,
        coalesce(expected.is_territorial, counted.is_territorial) as is_territorial,
        coalesce(expected.quarter_start, counted.quarter_start) as quarter_start,
        counted.counted_rows,
        coalesce(counted.offences, 0) as offences,
        case
            when counted.counted_rows is null and expected.counts_outcomes then 0
            else counted.outcomes
        end as outcomes
    from expected
    full outer join counted
        on
            expected.measure_id = counted.measure_id
            and expected.force_name = counted.force_name
            and expected.quarter_start = counted.quarter_start

)

select
    measure_id,
    offence_subset,
    force_name,
    is_territorial,
    quarter_start,
    cast(offences as bigint) as offences,
    cast(outcomes as bigint) as outcomes
from filled
where counted_rows is null or counted_rows > 0
