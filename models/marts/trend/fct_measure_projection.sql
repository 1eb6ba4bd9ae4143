-- Seasonal naive projection of the 12 months after each series' latest month: each month is
-- projected to equal the same month a year earlier. The interval is point +/- z * sigma, sigma the
-- root mean square of the seasonal naive errors (value - value 12 months earlier) over the
-- projection_error_months (36) months up to the latest; for horizons up to 12 months sigma does not
-- grow with the horizon (Hyndman & Athanasopoulos, Forecasting: Principles and Practice, 3rd ed.,
-- section 5.5). Limits are floored at 0, and percentages capped at 100.
{% set error_months = var('projection_error_months', 36) %}

with

series as (

    select
        monthly.measure_id,
        monthly.area_code,
        monthly.month_start,
        monthly.value,
        measures.unit,
        max(monthly.month_start) over (partition by monthly.measure_id, monthly.area_code) as last_month
    from {{ ref('fct_measure_monthly') }} as monthly
    inner join {{ ref('dim_measures') }} as measures on monthly.measure_id = measures.measure_id
    where measures.window_aggregation = 'sum' and monthly.value is not null

),

errors as (

    select
        series.measure_id,
        series.area_code,
        count(*) as error_months,
        sqrt({{ exact_mean("pow(series.value - year_before.value, 2)") }}) as error_sd
    from series
    inner join series as year_before
        on
            series.measure_id = year_before.measure_id
            and series.area_code = year_before.area_code
            and year_before.month_start = {{ add_months('series.month_start', -12) }}
    where series.month_start > {{ add_months('series.last_month', '-' ~ error_months) }}
    group by series.measure_id, series.area_code

),

horizons as (

    select cast(unnest(generate_series(1, 12)) as integer) as horizon

),

projected as (

    select
        basis.measure_id,
        basis.area_code,
        {{ add_months('basis.last_month', 'horizons.horizon') }} as month_start,
        horizons.horizon,
        basis.month_start as basis_month,
        basis.last_month,
        basis.unit,
        basis.value as projected_value,
        errors.error_sd,
        errors.error_months
    from series as basis
    inner join horizons on basis.month_start = {{ add_months('basis.last_month', 'horizons.horizon - 12') }}
    left join errors on basis.measure_id = errors.measure_id and basis.area_code = errors.area_code

)

select
    measure_id,
    area_code,
    month_start,
    horizon,
    basis_month,
    last_month as last_actual_month,
    projected_value,
    {% for level, z in [('80', 1.281552), ('95', 1.959964)] %}
        greatest(0, projected_value - {{ z }} * error_sd) as lower_{{ level }},
        case
            when unit = 'percent' then least(100, projected_value + {{ z }} * error_sd)
            else projected_value + {{ z }} * error_sd
        end as upper_{{ level }},
    {% endfor %}
    error_sd,
    cast(error_months as integer) as error_months
from projected
