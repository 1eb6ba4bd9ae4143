with

source as (

    select * from {{ source('landing', 'load_manifest') }}

),

renamed as (

    select
        cast(load_id as bigint) as load_id,
        cast(file_name as varchar) as file_name,
        cast(file_sha256 as varchar) as file_sha256,
        cast(source as varchar) as source,
        cast(rows as bigint) as row_count,
        cast(months as integer) as month_count,
        cast(first_month as date) as first_month,
        cast(last_month as date) as last_month,
        cast(loaded_at as timestamp) as loaded_at,
        cast(action as varchar) as load_action,
        cast(superseded_months as integer) as superseded_months,
        cast(superseded_load_ids as bigint []) as superseded_load_ids,
        cast(archive_path as varchar) as archive_path

    from source

)

select * from renamed
