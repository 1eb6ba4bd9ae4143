with

source as (

    select * from {{ source('landing', 'month_owner') }}

),

renamed as (

    select
        cast(source as varchar) as source,
        cast(month as date) as month_start,
        cast(load_id as bigint) as load_id

    from source

)

select * from renamed
