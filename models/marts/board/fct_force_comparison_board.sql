-- The force comparison as the explorer shows it: marts.fct_force_comparison with its % changes
-- and rate per 1,000 residents rounded half-up once, exactly, from the integer counts.
with

comparison as (

    select * from {{ ref('fct_force_comparison') }}

)

select
    measure_id,
    window_months,
    period_start,
    period_end,
    force_name,
    is_kent,
    is_peer,
    offences,
    previous_offences,
    baseline_offences,
    population,
    cast(
        {{ round_half_up('(cast(offences as hugeint) - previous_offences) * 100', 'previous_offences', 1) }}
        as decimal(38, 1)
    ) as pct_change_rounded,
    cast(
        {{ round_half_up('(cast(offences as hugeint) - baseline_offences) * 100', 'baseline_offences', 1) }}
        as decimal(38, 1)
    ) as pct_change_vs_baseline_rounded,
    cast({{ round_half_up('offences * 1000', 'population', 2) }} as decimal(38, 2)) as rate_per_1000_rounded,
    rank_vs_previous_year,
    forces_ranked_vs_previous_year,
    rank_vs_baseline,
    forces_ranked_vs_baseline,
    peer_rank_vs_previous_year,
    peer_rank_vs_baseline
from comparison
