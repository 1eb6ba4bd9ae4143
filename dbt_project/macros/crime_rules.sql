{#-
    Does a row of crime counts (alias `counts`) match a crime measure's rule (alias `rules`)?
    The one definition of the offence code list, subgroup, excluded groups, flag and victim
    type filters, for the monthly measures and for the solved-by-lag counts behind solved rates.
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
