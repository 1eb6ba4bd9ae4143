-- One SPC reading per charted measure x area as at the series' latest month
-- (fct_spc_summary_as_at holds the rules and the readings as at each quarter end).
select * exclude (as_at_month, is_latest)
from {{ ref('fct_spc_summary_as_at') }}
where is_latest
