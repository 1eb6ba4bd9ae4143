-- Offences per supported measure, force and financial quarter from the police recorded crime
-- open data tables.
with

quarterly as (

    select * from {{ ref('int_public__prc_measure_quarterly') }}

)

select
    measure_id,
    force_name,
    is_territorial,
    quarter_start,
    {{ add_months('quarter_start', 2) }} as quarter_end,
    offences
from quarterly
