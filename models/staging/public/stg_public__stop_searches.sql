-- data.police.uk stop and search rows, renamed and cast (the force id is resolved later).
with

source as (

    select * from {{ source('landing_public', 'police_uk_stop_search') }}

),

renamed as (

    select
        cast(force_id as varchar) as police_uk_force_id,
        cast(month as date) as month_start,
        cast(search_type as varchar) as search_type,
        cast(searched_at as varchar) as published_searched_at,
        cast(part_of_policing_operation as boolean) as is_part_of_policing_operation,
        cast(policing_operation as varchar) as policing_operation,
        cast(latitude as double) as latitude,
        cast(longitude as double) as longitude,
        cast(gender as varchar) as gender,
        cast(age_range as varchar) as age_range,
        cast(self_defined_ethnicity as varchar) as self_defined_ethnicity,
        cast(officer_defined_ethnicity as varchar) as officer_defined_ethnicity,
        cast(legislation as varchar) as legislation,
        cast(object_of_search as varchar) as object_of_search,
        cast(outcome as varchar) as outcome,
        cast(outcome_linked_to_object as boolean) as is_outcome_linked_to_object,
        cast(removal_of_outer_clothing as boolean) as is_more_than_outer_clothing_removed,
        cast(_file_sha256 as varchar) as source_file_sha256,
        cast(_member as varchar) as source_member,
        cast(_line_number as bigint) as source_line_number

    from source

)

select * from renamed
