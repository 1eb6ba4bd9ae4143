with

rules as (

    select * from {{ ref('int_measures__rules') }}

),

measure_sources as (

    select * from {{ ref('measure_sources') }}

),

offence_codes as (

    select * from {{ ref('offence_codes') }}

),

-- What a measure's offence codes are: one code's description (shoplifting), or the subgroup
-- they all belong to if they share one (homicide).
code_subgroups as (

    select
        rules.measure_id,
        case
            when count(*) = 1 then min(codes.offence_description)
            when count(distinct codes.offence_subgroup) = 1 then min(codes.offence_subgroup)
        end as shared_subgroup
    from rules
    cross join unnest(rules.offence_code_list) as listed (offence_code)
    inner join offence_codes as codes on listed.offence_code = codes.offence_code
    group by rules.measure_id

),

-- Each crime-record rule as words: "1, 4.1, 4.10 and 4.2", "Drug offences or Fraud offences".
worded as (

    select
        rules.measure_id,
        {% for list, joiner in [
            ('offence_code_list', ' and '),
            ('offence_group_exclude_list', ' or '),
            ('cast(outcome_code_list as varchar [])', ' or '),
        ] %}
            case
                when len({{ list }}) = 1 then {{ list }}[1]
                when len({{ list }}) > 1
                    then
                        array_to_string(list_slice({{ list }}, 1, len({{ list }}) - 1), ', ')
                        || '{{ joiner }}' || {{ list }}[-1]
            end as words_{{ loop.index }}{% if not loop.last %},{% endif %}
        {% endfor %}
    from rules

),

plain as (

    select
        rules.measure_id,
        case
            when rules.source = 'crime_records' and rules.components is null
                then
                    case when rules.kind = 'ratio' then 'Share of offences' else 'Offences' end
                    || case
                        when rules.offence_codes is not null
                            then
                                ' with Home Office code'
                                || case when len(rules.offence_code_list) > 1 then 's ' else ' ' end
                                || worded.words_1
                                || coalesce(' (' || lower(code_subgroups.shared_subgroup) || ')', '')
                        when rules.offence_subgroup is not null
                            then ' in the Home Office subgroup ' || rules.offence_subgroup
                        when rules.offence_group_exclude is not null
                            then ' other than ' || worded.words_2
                        else ''
                    end
                    || coalesce(' flagged ' || replace(rules.flag, '_', ' '), '')
                    || coalesce(' against a victim of type ' || rules.victim_type, '')
                    || coalesce(' whose outcome is type ' || worded.words_3, '')
            else rules.definition
        end as plain_definition
    from rules
    inner join worded on rules.measure_id = worded.measure_id
    left join code_subgroups on rules.measure_id = code_subgroups.measure_id

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
    plain.plain_definition,
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
inner join plain on rules.measure_id = plain.measure_id
inner join measure_sources on rules.source = measure_sources.source
