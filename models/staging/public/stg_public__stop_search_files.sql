-- The (force id, month)s delivered as data.police.uk stop and search files, with or without
-- searches: the owners of the stop and search rows.
with

source as (

    select * from {{ source('landing_public', 'public_owner') }}
    where source = 'police_uk_stop_search'

),

renamed as (

    select
        cast(scope as varchar) as police_uk_force_id,
        cast(month as date) as month_start,
        cast(load_id as bigint) as load_id

    from source

)

select * from renamed
