{#- Every non-null value lies within [min_value, max_value] (either bound optional). -#}
{% test accepted_range(model, column_name, min_value=none, max_value=none) %}
{%- set below = column_name ~ ' < ' ~ min_value if min_value is not none else none %}
{%- set above = column_name ~ ' > ' ~ max_value if max_value is not none else none %}

    select {{ column_name }}
    from {{ model }}
    where
        {{ column_name }} is not null
        and ({{ [below, above] | reject('none') | join(' or ') or 'false' }})

{% endtest %}
