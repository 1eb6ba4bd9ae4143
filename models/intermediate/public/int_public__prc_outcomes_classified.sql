-- Crime outcomes open data rows with the force resolved and the reference offence group and
-- subgroup, exactly as the PRC rows are (macros/prc_classified.sql).
{{ prc_classified(ref('stg_public__prc_outcomes')) }}
