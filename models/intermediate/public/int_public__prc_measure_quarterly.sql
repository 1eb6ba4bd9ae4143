-- Offences per supported measure, force and financial quarter. Every quarter a force has any
-- published row for is covered: a measure with no matching rows there is 0, not missing.
-- Composites are the sum of their components. Outcome rates are int_public__prc_outcome_rates_quarterly.
with

offences as (

    select * from {{ ref('int_public__prc_offences_classified') }}

),

rules as (

    select * from {{ ref('int_public__prc_measure_rules') }}
    where outcome_code_list is null

),

coverage as (

    select distinct
        force_name,
        is_territorial,
        quarter_start
    from offences

),

matched as (

    select
        rules.measure_id,
        offences.force_name,
        offences.quarter_start,
        sum(offences.offences) as offences
    from offences
    inner join rules
        on not rules.is_composite and {{ prc_rule_matches('rules', 'offences') }}
    group by rules.measure_id, offences.force_name, offences.quarter_start

),

base as (

    select
        rules.measure_id,
        coverage.force_name,
        coverage.is_territorial,
        coverage.quarter_start,
        coalesce(matched.offences, 0) as offences
    from coverage
    cross join rules
    left join matched
        on
            rules.measure_id = matched.measure_id
            and coverage.force_name = matched.force_name
            and coverage.quarter_start = matched.quarter_start
    where not rules.is_composite

),

composite_components as (

    select
        measure_id,
        unnest(component_list) as component_id
    from rules
    where is_composite

),

composites as (

    select
        composite_components.measure_id,
        base.force_name,
        base.is_territorial,
        base.quarter_start,
        sum(base.offences) as offences
    from composite_components
    inner join base on composite_components.component_id = base.measure_id
    group by
        composite_components.measure_id, base.force_name, base.is_territorial, base.quarter_start

)

select
    measure_id,
    force_name,
    is_territorial,
    quarter_start,
    cast(offences as bigint) as offences
from base
union all
select
    measure_id,
    force_name,
    is_territorial,
    quarter_start,
    cast(offences as bigint) as offences
from composites
