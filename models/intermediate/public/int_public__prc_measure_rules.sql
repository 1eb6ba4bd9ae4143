-- The crime count measures the open data tables can support, as rules over PRC rows: counted
-- by recorded date, with no flag, victim type or outcome restriction (the tables carry none).
-- Record-level codes become open-data codes (homicide 1, 4.1, 4.10, 4.2 -> 1/4.1/4.10/4.2).
-- Composites (neighbourhood crime) are supported when every component is. Outcome rates (a
-- solved rate: recorded crimes given one of some outcome types over recorded crimes) are
-- supported on the same terms, from the crime outcomes tables: the board's, and those of the
-- comparison_measures seed, which name the count measure whose offences they divide.
with

rules as (

    select * from {{ ref('int_measures__rules') }}

),

offence_codes as (

    select * from {{ ref('offence_codes') }}

),

comparison_measures as (

    select * from {{ ref('comparison_measures') }}

),

base_rules as (

    select
        measure_id,
        offence_code_list,
        offence_subgroup,
        offence_group_exclude_list
    from rules
    where
        source = 'crime_records'
        and kind = 'count'
        and date_basis = 'recorded'
        and components is null
        and flag is null
        and victim_type is null
        and outcome_codes is null

),

outcome_rules as (

    select
        measure_id,
        offence_code_list,
        offence_subgroup,
        offence_group_exclude_list,
        outcome_code_list
    from rules
    where
        source = 'crime_records'
        and kind = 'ratio'
        and date_basis = 'recorded'
        and components is null
        and flag is null
        and victim_type is null
        and outcome_codes is not null
    union all
    select
        comparison_measures.measure_id,
        base_rules.offence_code_list,
        base_rules.offence_subgroup,
        base_rules.offence_group_exclude_list,
        cast(string_split(comparison_measures.outcome_codes, '|') as integer []) as outcome_code_list
    from comparison_measures
    inner join base_rules on comparison_measures.base_measure_id = base_rules.measure_id
    where comparison_measures.outcome_codes is not null

),

offence_rules as (

    select
        *,
        cast(null as integer []) as outcome_code_list
    from base_rules
    union all
    select * from outcome_rules

),

rule_codes as (

    select
        measure_id,
        unnest(offence_code_list) as offence_code
    from offence_rules
    where offence_code_list is not null

),

open_data_codes as (

    select
        rule_codes.measure_id,
        -- Ordered, so every build gives the same list (incremental equals full).
        list(
            distinct coalesce(offence_codes.open_data_code, rule_codes.offence_code)
            order by coalesce(offence_codes.open_data_code, rule_codes.offence_code)
        )
        || list(distinct rule_codes.offence_code order by rule_codes.offence_code) as code_list
    from rule_codes
    left join offence_codes on rule_codes.offence_code = offence_codes.offence_code
    group by rule_codes.measure_id

),

components as (

    select
        measure_id,
        unnest(component_list) as component_id,
        len(component_list) as component_count
    from rules
    where components is not null and source = 'crime_records' and kind = 'count'

),

supported_composites as (

    select components.measure_id
    from components
    inner join base_rules on components.component_id = base_rules.measure_id
    group by components.measure_id, components.component_count
    having count(*) = components.component_count

)

select
    offence_rules.measure_id,
    false as is_composite,
    open_data_codes.code_list,
    offence_rules.offence_subgroup,
    offence_rules.offence_group_exclude_list,
    cast(null as varchar []) as component_list,
    offence_rules.outcome_code_list
from offence_rules
left join open_data_codes on offence_rules.measure_id = open_data_codes.measure_id
union all
select
    rules.measure_id,
    true as is_composite,
    cast(null as varchar []) as code_list,
    cast(null as varchar) as offence_subgroup,
    cast(null as varchar []) as offence_group_exclude_list,
    rules.component_list,
    cast(null as integer []) as outcome_code_list
from rules
inner join supported_composites on rules.measure_id = supported_composites.measure_id
