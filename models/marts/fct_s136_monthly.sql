with

s136_detentions as (

    select * from {{ ref('stg_landing__s136_detentions') }}

)

select
    {{ month_of('detained_at') }} as month_start,
    district_code,
    age_band,
    first_place_of_safety,
    conveyance,
    sex,
    ethnicity_group,
    is_repeat_detention,
    cast(count(*) as bigint) as detentions
from s136_detentions
group by all
