{#-
    The renamed and cast columns of the Home Office's police recorded crime and crime outcomes
    open data tables: the offence columns every table has, and the further columns of a crime
    outcomes table, the same for the table of all offences (stg_public__prc_outcomes) and the
    tables of an offence subset (stg_public__prc_subset_outcomes), which share its layout.
-#}
{% macro prc_offence_columns() -%}
        cast(financial_year as varchar) as financial_year,
        cast(financial_quarter as integer) as financial_quarter,
        cast(quarter_start as date) as quarter_start,
        cast(force_name as varchar) as published_force_name,
        cast(offence_description as varchar) as offence_description,
        cast(offence_group as varchar) as published_offence_group,
        cast(offence_subgroup as varchar) as published_offence_subgroup,
        cast(offence_code as varchar) as offence_code
{%- endmacro %}

{% macro prc_outcome_columns() -%}
        coalesce(lower(trim(offence_code_expired)) = 'x', false) as is_offence_code_expired,
        cast(outcome_description as varchar) as outcome_description,
        cast(outcome_group as varchar) as outcome_group,
        try_cast(trim(outcome_type) as integer) as outcome_code,
        cast(outcomes_for_offences_recorded as bigint) as outcomes_for_offences_recorded,
        cast(outcomes_closed as bigint) as outcomes_closed,
        cast(_file_sha256 as varchar) as source_file_sha256,
        cast(_sheet as varchar) as source_sheet,
        cast(_line_number as bigint) as source_line_number
{%- endmacro %}
