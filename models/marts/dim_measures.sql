with

rules as (

    select * from {{ ref('int_measures__rules') }}

),

measure_sources as (

    select * from {{ ref('measure_sources') }}

)

select
    rules.measure_id,
    rules.measure_name,
    rules.framework,
    rules.priority,
    rules.source,
    measure_sources.source_name,
    measure_sources.has_district_breakdown,
    measure_sources.is_about_people,
    rules.kind,
    rules.definition,
    rules.polarity,
    rules.unit,
    rules.display_order,
    rules.is_headline,
    rules.has_solved_rate,
    rules.value_multiplier,
    rules.window_aggregation,
    rules.date_basis,
    rules.offence_codes,
    rules.offence_subgroup,
    rules.offence_group_exclude,
    rules.flag,
    rules.victim_type,
    rules.outcome_codes,
    rules.components,
    rules.numerator_column,
    rules.denominator_column,
    rules.channel,
    rules.survey,
    rules.question,
    rules.service,
    rules.crime_category,
    rules.first_place_of_safety,
    rules.streak_of,
    rules.streak_threshold,
    rules.source_reference,
    rules.category,
    -- The test behind every better / worse (macros/measure_comparison.sql): Poisson for summed counts,
    -- two proportions for percentages; none for averages (seconds) and streaks.
    case
        when rules.kind = 'count' and rules.window_aggregation = 'sum' then 'poisson'
        when rules.kind = 'ratio' and rules.unit = 'percent' then 'two proportions'
        else 'none'
    end as significance_test
from rules
inner join measure_sources on rules.source = measure_sources.source
