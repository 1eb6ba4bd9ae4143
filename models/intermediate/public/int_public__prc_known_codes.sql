-- Every offence code the reference list knows, in either form: the open-data code (the
-- combined homicide code 1/4.1/4.10/4.2) and the record-level code.
with

offence_codes as (

    select * from {{ ref('offence_codes') }}

)

select open_data_code as code
from offence_codes
union
select offence_code as code
from offence_codes
