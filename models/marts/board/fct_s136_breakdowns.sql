{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook="{{ delete_stale_rows(table_changed('s136_detentions')) }}"
    )
}}
-- depends_on: {{ source('landing', 'changed_months') }}
-- s.136 detentions by age band, sex, ethnicity, first place of safety, conveyance and repeat,
-- for the force and each district, over the board's windows, with disclosure control: the
-- explorer and the pack show these cells and withhold those flagged (macros/disclosure.sql).
-- Incremental (macros/incremental.sql): rebuilt whole when the s136_detentions extract changed, kept
-- as published when only another source did (the board's windows for it stay the same).
{% set dimensions = [
    'age_band', 'sex', 'ethnicity_group', 'first_place_of_safety', 'conveyance', 'is_repeat_detention'
] %}
{% set group = 'area_code, window_months, period_end, dimension' %}

with

monthly as (

    select * from {{ ref('fct_s136_monthly') }}

),

labels as (

    select * from {{ ref('breakdown_categories') }}

),

-- The windows of the s.136 total, for the force and every district (complete windows only).
windows as (

    select
        board.area_code,
        board.area_name,
        board.area_type,
        board.window_months,
        board.period_start,
        board.period_end,
        board.previous_period_start,
        board.previous_period_end
    from {{ ref('fct_measure_board') }} as board
    where
        board.source = 'extract' and board.measure_id = 's136_detentions' and board.is_default_baseline
        {% if is_incremental() %}
            and {{ table_changed('s136_detentions') }}
        {% endif %}

),

long as (

    {% for dimension in dimensions %}
        select
            month_start,
            district_code,
            '{{ dimension }}' as dimension,
            cast({{ dimension }} as varchar) as category,
            detentions
        from monthly
        where {{ dimension }} is not null
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

by_area as (

    select
        month_start,
        district_code as area_code,
        dimension,
        category,
        sum(detentions) as detentions
    from long
    group by all

    union all

    select
        month_start,
        '{{ var("force_area_code") }}' as area_code,
        dimension,
        category,
        sum(detentions) as detentions
    from long
    group by all

),

categories as (

    select distinct
        dimension,
        category
    from long

),

cells as (

    select
        windows.area_code,
        windows.window_months,
        windows.period_end,
        categories.dimension,
        categories.category,
        coalesce(sum(by_area.detentions) filter (
            where by_area.month_start between windows.period_start and windows.period_end
        ), 0) as detentions,
        coalesce(sum(by_area.detentions) filter (
            where by_area.month_start between windows.previous_period_start and windows.previous_period_end
        ), 0) as previous_detentions
    from windows
    cross join categories
    left join by_area
        on
            windows.area_code = by_area.area_code
            and categories.dimension = by_area.dimension
            and categories.category = by_area.category
            and by_area.month_start between windows.previous_period_start and windows.period_end
    group by all

),

labelled as (

    select
        cells.*,
        coalesce(labels.category_order, 999) as category_order,
        coalesce(labels.dimension_label, cells.dimension) as dimension_label,
        coalesce(labels.category_label, cells.category) as category_label
    from cells
    left join labels
        on cells.dimension = labels.dimension and cells.category = labels.category

),

totals as (

    select
        *,
        sum(detentions) over (partition by {{ group }}) as total,
        sum(previous_detentions) over (partition by {{ group }}) as previous_total,
        {{ is_small_count('detentions') }} as primary_cell,
        {{ is_small_count('previous_detentions') }} as previous_primary_cell
    from labelled

),

flagged as (

    select
        *,
        {{ withheld('primary_cell', 'detentions', group, 'true', 'category_order, category') }}
            as detentions_suppressed,
        {{ withheld('previous_primary_cell', 'previous_detentions', group, 'true', 'category_order, category') }}
            as previous_detentions_suppressed
    from totals

)

select
    flagged.area_code,
    windows.area_name,
    windows.area_type,
    cast(flagged.window_months as integer) as window_months,
    windows.period_start,
    flagged.period_end,
    windows.previous_period_start,
    windows.previous_period_end,
    flagged.dimension,
    flagged.dimension_label,
    flagged.category,
    flagged.category_label,
    cast(flagged.category_order as integer) as category_order,
    cast(flagged.detentions as bigint) as detentions,
    cast(flagged.previous_detentions as bigint) as previous_detentions,
    {{ shown('flagged.detentions * 100', 'flagged.total', 1) }} as share_rounded,
    {{ shown('flagged.previous_detentions * 100', 'flagged.previous_total', 1) }} as previous_share_rounded,
    cast(flagged.detentions - flagged.previous_detentions as bigint) as change,  -- noqa: RF04
    {{ shown('(flagged.detentions - flagged.previous_detentions) * 100', 'flagged.previous_detentions', 1) }}
        as pct_change_rounded,
    flagged.detentions_suppressed,
    flagged.previous_detentions_suppressed,
    flagged.detentions_suppressed or flagged.previous_detentions_suppressed as change_suppressed
from flagged
inner join windows
    on
        flagged.area_code = windows.area_code
        and flagged.window_months = windows.window_months
        and flagged.period_end = windows.period_end
