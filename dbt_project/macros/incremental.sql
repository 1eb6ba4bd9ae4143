{#-
    Incremental models rebuild only the months whose landing rows changed since the warehouse
    the build started from (landing.changed_months, written by `pcc refresh`). The pre-hook
    deletes those months first, so a month that lost all its rows is emptied too; the model
    then appends the months' new rows.
-#}

{% macro changed_months(landing_table) -%}
    (select month from {{ source('landing', 'changed_months') }} where source = '{{ landing_table }}')
{%- endmacro %}

{% macro delete_changed_months(month_column, landing_table) -%}
    {%- if is_incremental() -%}
        delete from {{ this }} where {{ month_column }} in {{ changed_months(landing_table) }}
    {%- endif -%}
{%- endmacro %}
