-- The force comparison as the explorer and the pack show it: each territorial force's % change
-- against the previous year and the baseline and its rate per 1,000 residents, rounded half-up
-- once from the integer counts, with its ranks (fct_force_comparison) and the size of its peer
-- group. Outputs select and format these rows; they compute no percentage and count no peers.
with

comparison as (

    select * from {{ ref('fct_force_comparison') }}

),

measures as (

    select * from {{ ref('dim_measures') }}

)

select
    comparison.measure_id,
    measures.measure_name,
    comparison.window_months,
    comparison.period_start,
    comparison.period_end,
    comparison.force_name,
    comparison.is_kent,
    comparison.is_peer,
    comparison.offences,
    comparison.previous_offences,
    comparison.baseline_offences,
    comparison.population,
    {{ shown(
        '(cast(comparison.offences as hugeint) - comparison.previous_offences) * 100',
        'comparison.previous_offences', 1
    ) }} as pct_change_rounded,
    {{ shown(
        '(cast(comparison.offences as hugeint) - comparison.baseline_offences) * 100',
        'comparison.baseline_offences', 1
    ) }} as pct_change_vs_baseline_rounded,
    cast({{ round_half_up('comparison.offences * 1000', 'comparison.population', 2) }} as decimal(38, 2))
        as rate_per_1000_rounded,
    comparison.rank_vs_previous_year,
    comparison.forces_ranked_vs_previous_year,
    comparison.peer_rank_vs_previous_year,
    comparison.rank_vs_baseline,
    comparison.forces_ranked_vs_baseline,
    comparison.peer_rank_vs_baseline,
    cast(count(case when comparison.is_peer then 1 end) over (
        partition by comparison.measure_id, comparison.window_months, comparison.period_end
    ) as integer) as peers
from comparison
inner join measures on comparison.measure_id = measures.measure_id
