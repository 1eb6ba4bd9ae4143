-- Victims referred, contacted and supported by commissioned service over the board's windows
-- (force only: the referral extract has no district), with disclosure control per column:
-- services add up to the shown totals, so no column has exactly one withheld cell.
{% set group = 'window_months, period_end' %}

with

monthly as (

    select * from {{ ref('fct_victim_services_monthly') }}

),

windows as (

    select
        window_months,
        period_start,
        period_end,
        previous_period_start,
        previous_period_end
    from {{ ref('fct_measure_board') }}
    where
        source = 'extract' and measure_id = 'victim_referrals' and is_default_baseline
        and area_code = '{{ var("force_area_code") }}'

),

services as (

    select distinct service from monthly

),

cells as (

    select
        windows.window_months,
        windows.period_start,
        windows.period_end,
        {% for column in ['referrals_received', 'contacted', 'supported'] %}
            coalesce(sum(monthly.{{ column }}) filter (
                where monthly.month_start between windows.period_start and windows.period_end
            ), 0) as {{ column }},
            coalesce(sum(monthly.{{ column }}) filter (
                where monthly.month_start between windows.previous_period_start and windows.previous_period_end
            ), 0) as previous_{{ column }},
        {% endfor %}
        services.service
    from windows
    cross join services
    left join monthly
        on
            services.service = monthly.service
            and monthly.month_start between windows.previous_period_start and windows.period_end
    group by all

)

select
    cast(window_months as integer) as window_months,
    period_start,
    period_end,
    {% for column in ['referrals_received', 'contacted', 'supported'] %}
        cast({{ column }} as bigint) as {{ column }},
        cast(previous_{{ column }} as bigint) as previous_{{ column }},
        {{ withheld(is_small_count(column), column, group, 'true', 'service') }} as {{ column }}_suppressed,
        {{ withheld(is_small_count('previous_' ~ column), 'previous_' ~ column, group, 'true', 'service') }}
            as previous_{{ column }}_suppressed,

    {% endfor %}
    service
from cells
