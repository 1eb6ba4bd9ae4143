{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook="{{ delete_stale_as_at_series(ref('fct_spc_monthly_as_at')) }}"
    )
}}
-- depends_on: {{ source('landing', 'changed_months') }}
-- Signals live at each series' latest month as at each as_at_month (fct_spc_monthly_as_at), one
-- row per measure x area x as_at_month x signal type, each with a one-line reading whose
-- better/worse word follows the measure's polarity. fct_spc_signals is the latest reading.
-- Incremental by as-at series (macros/incremental.sql): a refresh builds only the series a
-- changed month reaches, and new ones.
with

latest as (

    select
        spc.*,
        measures.measure_name,
        measures.polarity,
        areas.area_name,
        areas.area_type
    from {{ ref('fct_spc_monthly_as_at') }} as spc
    inner join {{ ref('dim_measures') }} as measures on spc.measure_id = measures.measure_id
    inner join {{ ref('dim_areas') }} as areas on spc.area_code = areas.area_code
    where spc.chart_type != 'none' and {{ as_at_series_to_build('spc') }}
    qualify
        spc.month_start = max(spc.month_start) over (partition by spc.as_at_month, spc.measure_id, spc.area_code)

),

signals as (

    select
        *,
        'outside_limits' as signal_type,
        case when outside_side = 'above' then 'up' else 'down' end as direction,
        outside_start as since_month,
        outside_length as points
    from latest
    where is_outside_limits

    union all

    select
        *,
        'shift' as signal_type,
        case when side = 'above' then 'up' else 'down' end as direction,
        run_start as since_month,
        run_length as points
    from latest
    where is_run_signal

    union all

    select
        *,
        'trend' as signal_type,
        trend_direction as direction,
        trend_start as since_month,
        trend_length as points
    from latest
    where is_trend_signal

),

worded as (

    select
        *,
        {{ direction_reading('polarity', 'direction') }} as assessment,
        measure_name || case when area_type = 'district' then ' (' || area_name || ')' else '' end as subject,
        case when points = 1 then '1 month' else points || ' months' end as span,
        strftime(since_month, '%b %Y') as since_words,
        case
            when signal_type = 'shift' and direction = 'up' then 'above the centre line since '
            when signal_type = 'shift' then 'below the centre line since '
            when signal_type = 'trend' and direction = 'up' then 'in a row each higher than the month before, since '
            when signal_type = 'trend' then 'in a row each lower than the month before, since '
            when direction = 'up' then 'above the upper control limit since '
            else 'below the lower control limit since '
        end as what,
        case
            when signal_type = 'shift' and direction = 'up' then 'a sustained rise'
            when signal_type = 'shift' then 'a sustained fall'
            when signal_type = 'trend' and direction = 'up' then 'a rising trend'
            when signal_type = 'trend' then 'a falling trend'
            when direction = 'up' then 'unusually high'
            else 'unusually low'
        end as meaning
    from signals

)

select
    measure_id,
    area_code,
    as_at_month,
    is_latest,
    signal_type,
    measure_name,
    area_name,
    month_start as latest_month,
    value as latest_value,
    centre,
    lower_limit,
    upper_limit,
    chart_type,
    direction,
    since_month,
    cast(points as integer) as points,
    assessment,
    subject || ': ' || span || ' ' || what || since_words || ': ' || meaning
    || case assessment
        when 'improvement' then ', an improvement'
        when 'deterioration' then ', a deterioration'
        else ''
    end as reading
from worded
