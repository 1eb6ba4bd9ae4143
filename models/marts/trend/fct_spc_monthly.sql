-- The SPC chart of every charted measure x area x month as at the series' latest month
-- (fct_spc_monthly_as_at holds the rules and the charts as at each quarter end).
select * exclude (as_at_month, is_latest)
from {{ ref('fct_spc_monthly_as_at') }}
where is_latest
