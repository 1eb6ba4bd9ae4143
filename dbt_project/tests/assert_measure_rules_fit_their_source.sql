-- Every row of the measures seed is a rule the models can apply: the columns it sets belong to
-- its source, and every code, group, column name and measure it names exists. A typo would
-- otherwise silently produce a measure of zeros.
{%- set sources = {} %}
{%- do measure_source_columns(sources) %}
{%- set filter_columns = [] %}
{%- do measure_filter_columns(filter_columns) %}
{%- set crime_columns = [
    'date_basis', 'offence_codes', 'offence_subgroup', 'offence_group_exclude', 'flag',
    'victim_type', 'outcome_codes'
] %}
with

rules as (

    select * from {{ ref('int_measures__rules') }}

),

offence_codes as (

    select * from {{ ref('offence_codes') }}

),

outcome_types as (

    select * from {{ ref('outcome_types') }}

),

problems as (

    -- Crime measures use crime rule columns only.
    select
        measure_id,
        'crime measure without date_basis' as problem
    from rules
    where source = 'crime_records' and components is null and date_basis is null

    union all

    select
        measure_id,
        'outcome-date or ratio crime measure without outcome_codes' as problem
    from rules
    where
        source = 'crime_records' and components is null
        and (date_basis = 'outcome' or kind = 'ratio') and outcome_codes is null

    {%- for column in ['numerator_column', 'denominator_column'] + filter_columns %}

        union all

        select
            measure_id,
            'crime measure sets {{ column }}' as problem
        from rules
        where source = 'crime_records' and {{ column }} is not null
    {%- endfor %}

    union all

    select
        rules.measure_id,
        'unknown offence code ' || code.offence_code as problem
    from rules
    cross join unnest(rules.offence_code_list) as code (offence_code)
    where code.offence_code not in (select offence_codes.offence_code from offence_codes)

    union all

    select
        measure_id,
        'unknown offence subgroup ' || offence_subgroup as problem
    from rules
    where
        offence_subgroup is not null
        and offence_subgroup not in (select offence_codes.offence_subgroup from offence_codes)

    union all

    select
        rules.measure_id,
        'unknown offence group ' || excluded.offence_group as problem
    from rules
    cross join unnest(rules.offence_group_exclude_list) as excluded (offence_group)
    where excluded.offence_group not in (select offence_codes.offence_group from offence_codes)

    union all

    select
        rules.measure_id,
        'unknown outcome code ' || cast(outcome.outcome_code as varchar) as problem
    from rules
    cross join unnest(rules.outcome_code_list) as outcome (outcome_code)
    where outcome.outcome_code not in (select outcome_types.outcome_code from outcome_types)

    {%- for source_name, spec in sources.items() %}

        union all

        select
            measure_id,
            'numerator_column is not a value column of {{ source_name }}' as problem
        from rules
        where
            source = '{{ source_name }}' and components is null and streak_of is null
            and (
                numerator_column is null
                or numerator_column not in (
                    {%- for column in spec['value_columns'] %}
                        '{{ column }}'{{ ',' if not loop.last }}
                    {%- endfor %}
                )
            )

        union all

        select
            measure_id,
            'denominator_column must name a column of the source for ratios only' as problem
        from rules
        where
            source = '{{ source_name }}' and components is null and streak_of is null
            and (
                (kind = 'ratio' and (
                    denominator_column is null
                    or denominator_column not in (
                        {%- for column in spec['value_columns'] %}
                            '{{ column }}'{{ ',' if not loop.last }}
                        {%- endfor %}
                    )
                ))
                or (kind = 'count' and denominator_column is not null)
            )

        {%- for column in crime_columns + filter_columns if column not in spec['filter_columns'] %}

            union all

            select
                measure_id,
                '{{ source_name }} measure sets {{ column }}' as problem
            from rules
            where source = '{{ source_name }}' and {{ column }} is not null
        {%- endfor %}
    {%- endfor %}

    union all

    select
        composite.measure_id,
        'component ' || component.component_id || ' is not a measure of the same source' as problem
    from rules as composite
    cross join unnest(composite.component_list) as component (component_id)
    left join rules as part
        on component.component_id = part.measure_id and composite.source = part.source
    where part.measure_id is null or part.components is not null

    union all

    select
        streak.measure_id,
        'streak_of must name a ratio measure and set streak_threshold' as problem
    from rules as streak
    left join rules as tested on streak.streak_of = tested.measure_id
    where
        streak.streak_of is not null
        and (tested.measure_id is null or tested.kind <> 'ratio' or streak.streak_threshold is null)

)

select * from problems
