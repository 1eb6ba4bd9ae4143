-- Signals live at each series' latest month (fct_spc_signals_as_at holds the rules and the
-- signals as at each quarter end).
select * exclude (as_at_month, is_latest)
from {{ ref('fct_spc_signals_as_at') }}
where is_latest
