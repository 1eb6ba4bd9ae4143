-- Disclosure control: in every group of cells that add up to a shown total, either no cell or
-- at least two cells are withheld, so none can be recovered by subtraction (a group whose
-- total is itself withheld is safe). Rows returned fail.
with

board as (

    select
        'fct_measure_board' as model_name,
        measure_id || ' ' || window_months || ' ' || period_end || ' ' || baseline_end as group_key,
        count(*) filter (where value_suppressed and area_type = 'district') as withheld
    from {{ ref('fct_measure_board') }}
    where source = 'extract' and is_about_people
    group by all
    having not bool_or(value_suppressed and area_type = 'force')

),

s136 as (

    select
        'fct_s136_breakdowns' as model_name,
        area_code || ' ' || window_months || ' ' || period_end || ' ' || dimension as group_key,
        count(*) filter (where detentions_suppressed) as withheld
    from {{ ref('fct_s136_breakdowns') }}
    group by all

),

services as (

    {% for column in ['referrals_received', 'contacted', 'supported', 'previous_supported'] %}
        select
            'fct_victim_service_breakdowns' as model_name,
            window_months || ' ' || period_end || ' ' || breakdown || ' {{ column }}' as group_key,
            count(*) filter (where {{ column }}_suppressed) as withheld
        from {{ ref('fct_victim_service_breakdowns') }}
        group by all
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

)

select * from board
where withheld = 1
union all
select * from s136
where withheld = 1
union all
select * from services
where withheld = 1
