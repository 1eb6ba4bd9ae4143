{#
    Rows of a police recorded crime open data table (offences, or crime outcomes) with the force
    resolved (name variants), whether the force is territorial, and the offence group and
    subgroup of the reference list. A code the reference list does not know is kept with its
    published group and subgroup (renamed to the reference names), never dropped. Every column
    of `rows` (staged: published_* names) is kept.
#}
{% macro prc_classified(rows) -%}
    with

    offences as (

        select * from {{ rows }}

    ),

    force_names as (

        select * from {{ ref('int_public__force_names') }}

    ),

    offence_codes as (

        select * from {{ ref('offence_codes') }}

    ),

    renames as (

        select * from {{ ref('prc_offence_renames') }}

    ),

    code_names as (

        -- Open-data codes (the combined homicide code stands for four) and record-level codes, so
        -- a file using either kind finds its group.
        select
            open_data_code as code,
            offence_group,
            offence_subgroup
        from offence_codes
        union
        select
            offence_code as code,
            offence_group,
            offence_subgroup
        from offence_codes

    ),

    reference_codes as (

        select
            code,
            min(offence_group) as offence_group,
            min(offence_subgroup) as offence_subgroup
        from code_names
        group by code

    )

    select
        offences.*,
        coalesce(force_names.force_name, trim(offences.published_force_name)) as force_name,
        force_names.force_name is not null as is_known_force,
        coalesce(force_names.is_territorial, false) as is_territorial,
        reference_codes.code is not null as is_known_code,
        coalesce(
            reference_codes.offence_group, group_renames.reference_name, offences.published_offence_group
        ) as offence_group,
        coalesce(
            reference_codes.offence_subgroup,
            subgroup_renames.reference_name,
            offences.published_offence_subgroup
        ) as offence_subgroup
    from offences
    left join force_names on lower(trim(offences.published_force_name)) = force_names.name_key
    left join reference_codes on offences.offence_code = reference_codes.code
    left join renames as group_renames
        on
            group_renames.level = 'group'
            and offences.published_offence_group = group_renames.published_name
    left join renames as subgroup_renames
        on
            subgroup_renames.level = 'subgroup'
            and offences.published_offence_subgroup = subgroup_renames.published_name
{% endmacro %}

{#- Whether a row of a PRC table (alias `rows`) is one a rule of int_public__prc_measure_rules
    (alias `rules`) counts: its codes, subgroup and excluded groups, each when set. -#}
{% macro prc_rule_matches(rules, rows) -%}
    (
        ({{ rules }}.code_list is null or list_contains({{ rules }}.code_list, {{ rows }}.offence_code))
        and ({{ rules }}.offence_subgroup is null or {{ rows }}.offence_subgroup = {{ rules }}.offence_subgroup)
        and (
            {{ rules }}.offence_group_exclude_list is null
            or not list_contains({{ rules }}.offence_group_exclude_list, {{ rows }}.offence_group)
        )
    )
{%- endmacro %}
