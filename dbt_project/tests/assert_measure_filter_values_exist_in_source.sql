-- A filter value in the measures seed (channel, survey, service, ...) must occur in its
-- extract (once it has any rows), or the measure would be zero because of a typo rather than
-- because nothing happened.
{%- set relations = {
    'call_handling': 'stg_landing__call_handling',
    's136_detentions': 'stg_landing__s136_detentions',
    'victim_referrals': 'stg_landing__victim_referrals',
    'victim_satisfaction': 'stg_landing__victim_satisfaction',
    'asb_incidents': 'stg_landing__asb_incidents',
    'road_casualties': 'stg_landing__road_casualties',
} %}
{%- set sources = {} %}
{%- do measure_source_columns(sources) %}
with

rules as (

    select * from {{ ref('int_measures__rules') }}

),

problems as (

    select
        cast(null as varchar) as measure_id,
        cast(null as varchar) as problem
    where false
    {%- for source_name, spec in sources.items() %}
        {%- for column in spec['filter_columns'] %}

            union all

            select
                measure_id,
                '{{ column }} = ' || {{ column }} || ' does not occur in {{ source_name }}' as problem
            from rules
            where
                source = '{{ source_name }}'
                and {{ column }} is not null
                and {{ column }} not in (select distinct {{ column }} from {{ ref(relations[source_name]) }})
                -- A source not delivered yet has no rows to check against.
                and exists (select 1 from {{ ref(relations[source_name]) }})
        {%- endfor %}
    {%- endfor %}

)

select * from problems
