-- Territorial forces ranked on each measure's % change against the previous year and against
-- the baseline (rank 1 = the largest fall; forces whose comparison is zero or missing are not
-- ranked), nationally and within the peer group (peer_group seed), with Kent flagged.
with

windows as (

    select * from {{ ref('fct_force_measure_windows') }}

),

forces as (

    select * from {{ ref('dim_forces') }}

),

territorial as (

    select
        windows.*,
        coalesce(forces.is_kent, false) as is_kent,
        coalesce(forces.is_peer, false) as is_peer
    from windows
    left join forces on windows.force_name = forces.force_name
    where windows.is_territorial

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
    pct_change,
    baseline_offences,
    pct_change_vs_baseline,
    population,
    rate_per_1000,
    cast(case when pct_change is not null then rank() over (
        partition by measure_id, window_months, period_end, pct_change is null
        order by pct_change
    ) end as integer) as rank_vs_previous_year,
    cast(count(pct_change) over (
        partition by measure_id, window_months, period_end
    ) as integer) as forces_ranked_vs_previous_year,
    cast(case when pct_change_vs_baseline is not null then rank() over (
        partition by measure_id, window_months, period_end, pct_change_vs_baseline is null
        order by pct_change_vs_baseline
    ) end as integer) as rank_vs_baseline,
    cast(count(pct_change_vs_baseline) over (
        partition by measure_id, window_months, period_end
    ) as integer) as forces_ranked_vs_baseline,
    cast(case when is_peer and pct_change is not null then rank() over (
        partition by measure_id, window_months, period_end, is_peer, pct_change is null
        order by pct_change
    ) end as integer) as peer_rank_vs_previous_year,
    cast(case when is_peer and pct_change_vs_baseline is not null then rank() over (
        partition by measure_id, window_months, period_end, is_peer, pct_change_vs_baseline is null
        order by pct_change_vs_baseline
    ) end as integer) as peer_rank_vs_baseline
from territorial
