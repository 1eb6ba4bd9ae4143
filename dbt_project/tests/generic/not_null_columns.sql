{#-
    No NULL in any of these columns, checked in one scan of the model (a set-based test: one
    query instead of one not_null test per column). A failing row names the column and how many
    of its rows are NULL. Marts with an enforced contract declare not_null constraints instead.
-#}
{% test not_null_columns(model, column_names) %}

    select
        column_name,
        null_rows
    from (
        select
            {% for column in column_names -%}
                count(*) filter (where {{ column }} is null) as {{ column }}{{ "," if not loop.last }}
            {% endfor %}
        from {{ model }}
    ) unpivot (null_rows for column_name in ({{ column_names | join(', ') }}))
    where null_rows > 0

{% endtest %}
