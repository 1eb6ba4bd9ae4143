-- PRC rows with the force resolved and the reference offence group and subgroup
-- (macros/prc_classified.sql).
{{ prc_classified(ref('stg_public__prc_offences')) }}
