{#-
    What the rule columns of the measures seed may refer to, per non-crime source:
    value_columns can be named in numerator_column / denominator_column, filter_columns are
    seed columns that must equal the same-named extract column when set. A singular test checks
    every seed row against this, so a typo cannot silently produce zeros.

    Usage: {% set spec = {} %}{% do measure_source_columns(spec) %}. The macro fills the dict
    passed in rather than using dbt's return(), which sqlfluff's jinja templater does not have.
-#}
{% macro measure_source_columns(spec) %}
    {%- do spec.update({
        'call_handling': {
            'value_columns': [
                'calls_offered', 'calls_answered', 'answered_within_10s', 'answered_10_to_60s',
                'answered_within_60s', 'answered_over_60s', 'calls_abandoned', 'total_answer_seconds'
            ],
            'filter_columns': ['channel'],
        },
        's136_detentions': {
            'value_columns': ['detentions'],
            'filter_columns': ['first_place_of_safety'],
        },
        'victim_referrals': {
            'value_columns': [
                'referrals_received', 'contacted', 'supported', 'reported_to_police_before_support',
                'empowered_to_report', 'better_able_to_cope'
            ],
            'filter_columns': ['service', 'crime_category'],
        },
        'victim_satisfaction': {
            'value_columns': ['respondents', 'satisfied'],
            'filter_columns': ['survey', 'question'],
        },
        'asb_incidents': {
            'value_columns': ['incidents', 'repeat_incidents'],
            'filter_columns': ['category'],
        },
        'road_casualties': {
            'value_columns': ['casualties', 'killed', 'seriously_injured', 'ksi'],
            'filter_columns': [],
        },
    }) -%}
{% endmacro %}

{#- Every seed column that filters a non-crime source, appended to the list passed in. -#}
{% macro measure_filter_columns(columns) %}
    {%- set sources = {} -%}
    {%- do measure_source_columns(sources) -%}
    {%- for spec in sources.values() -%}
        {%- do columns.extend(spec['filter_columns']) -%}
    {%- endfor -%}
{% endmacro %}

{#- The value of the extract column whose name is held in `name_expression`. -#}
{% macro value_of_named_column(name_expression, relation_alias, value_columns) -%}
    case {{ name_expression }}
    {%- for column in value_columns %}
        when '{{ column }}' then {{ relation_alias }}.{{ column }}
    {%- endfor %}
    end
{%- endmacro %}

{#-
    Monthly numerator and denominator of every measure of a non-crime source, for the force and,
    when the source has districts, for each district. `rows_relation` (a CTE of the calling model)
    has a `month` column, the source's value and filter columns, and district_code when
    has_district. Emits CTEs ending in `measure_monthly`, to continue a model's WITH clause.
    Driven entirely by the measure rules: a new measure on these sources is a seed row.
-#}
{% macro monthly_measures_from_rows(source_name, rows_relation, has_district) -%}
    {%- set sources = {} -%}
    {%- do measure_source_columns(sources) -%}
    {%- set spec = sources[source_name] -%}
    {%- set district = rows_relation ~ '.district_code' if has_district else 'cast(null as varchar)' -%}
    {%- set numerator = value_of_named_column('rules.numerator_column', rows_relation, spec['value_columns']) -%}
    {%- set denominator = value_of_named_column('rules.denominator_column', rows_relation, spec['value_columns']) -%}
    rules as (

        select * from {{ ref('int_measures__rules') }}
        where
            source = '{{ source_name }}'
            and components is null
            and streak_of is null

    ),

    matched as (

        select
            rules.measure_id,
            rules.kind,
            {{ rows_relation }}.month_start,
            {{ district }} as district_code,
            {{ numerator }} as numerator_amount,
            {{ denominator }} as denominator_amount

        from {{ rows_relation }}
        inner join rules
            on
                true
    {%- for column in spec['filter_columns'] %}
                and (rules.{{ column }} is null or rules.{{ column }} = {{ rows_relation }}.{{ column }})
    {%- endfor %}

    ),

    by_district as (

        select
            measure_id,
            kind,
            district_code,
            month_start,
            sum(numerator_amount) as numerator,
            sum(denominator_amount) as denominator
        from matched
        group by measure_id, kind, district_code, month_start

    ),

    by_area as (

        select
            measure_id,
            month_start,
            '{{ var("force_area_code") }}' as area_code,
            sum(numerator) as numerator,
            case when kind = 'ratio' then sum(denominator) end as denominator
        from by_district
        group by measure_id, kind, month_start

    {%- if has_district %}

        union all

        select
            measure_id,
            month_start,
            district_code as area_code,
            numerator,
            case when kind = 'ratio' then denominator end as denominator
        from by_district
    {%- endif %}

    ),

    measure_monthly as (

        select
            measure_id,
            area_code,
            month_start,
            cast(numerator as bigint) as numerator,
            cast(denominator as bigint) as denominator,
            cast(null as bigint) as recorded_crimes,
            cast(null as bigint) as solved_crimes
        from by_area

    )
{%- endmacro %}

{#-
    The join condition of a crime measure rule (alias `rules`) to crime counts at the grain of
    int_crime__monthly_counts (alias `counts`): date basis, code list, subgroup, excluded groups,
    flag and victim type. Outcome codes are the caller's: they decide the numerator, not the match.
-#}
{% macro crime_rule_matches(rules, counts) -%}
    {{ counts }}.date_basis = {{ rules }}.date_basis
    and {{ crime_matches_rule(counts, rules) }}
{%- endmacro %}

{#-
    The rule's filters alone, without the date basis: the solved-by-lag counts match crimes on
    the outcome basis against rules on the recorded basis (int_crime__solved_by_lag).
-#}
{% macro crime_matches_rule(counts, rules) -%}
    (
        {{ rules }}.offence_code_list is null
        or list_contains({{ rules }}.offence_code_list, {{ counts }}.offence_code)
    )
    and (
        {{ rules }}.offence_subgroup is null
        or {{ counts }}.offence_subgroup = {{ rules }}.offence_subgroup
    )
    and (
        {{ rules }}.offence_group_exclude_list is null
        or not list_contains({{ rules }}.offence_group_exclude_list, {{ counts }}.offence_group)
    )
    and ({{ rules }}.flag is null or list_contains({{ counts }}.flags, {{ rules }}.flag))
    and ({{ rules }}.victim_type is null or {{ counts }}.victim_type = {{ rules }}.victim_type)
{%- endmacro %}
