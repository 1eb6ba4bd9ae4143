{#-
    Refer to relations without the database name. dbt-duckdb names the database after the file
    (warehouse-<stamp>.duckdb while building), and views store their SQL, so a fully qualified
    view would break once refresh renames the file to warehouse.duckdb. Schema-qualified names
    resolve inside whichever file the warehouse is opened as.
    Outside dbt (sqlfluff's jinja templater has no `builtins`) they render a placeholder name.
-#}
{% macro ref() -%}
    {%- if builtins is defined -%}
        {%- do return(builtins.ref(*varargs, **kwargs).include(database=false)) -%}
    {%- else -%}
        {{ varargs | join('_') }}
    {%- endif -%}
{%- endmacro %}

{% macro source() -%}
    {%- if builtins is defined -%}
        {%- do return(builtins.source(*varargs, **kwargs).include(database=false)) -%}
    {%- else -%}
        {{ varargs | join('_') }}
    {%- endif -%}
{%- endmacro %}
