-- Every supported measure, force and window length (3 and 12 months) for every quarter end
-- whose whole window is in the data, with the same window a year earlier and the baseline
-- window (ending var('baseline_end'), a quarter end), and rates per 1,000 residents where the
-- force_population seed has the force.
with

quarterly as (

    select * from {{ ref('int_public__prc_measure_quarterly') }}

),

population as (

    select * from {{ ref('force_population') }}

),

window_lengths as (

    select unnest({{ var('window_lengths') }}) as window_months

),

window_sums as (

    select
        ends.measure_id,
        ends.force_name,
        ends.is_territorial,
        window_lengths.window_months,
        {{ add_months('ends.quarter_start', 2) }} as period_end,
        count(*) as quarters_covered,
        sum(quarters.offences) as offences
    from quarterly as ends
    cross join window_lengths
    inner join quarterly as quarters
        on
            ends.measure_id = quarters.measure_id
            and ends.force_name = quarters.force_name
            and quarters.quarter_start
            between {{ add_months('ends.quarter_start', '3 - window_lengths.window_months') }}
            and ends.quarter_start
    group by
        ends.measure_id, ends.force_name, ends.is_territorial, window_lengths.window_months,
        ends.quarter_start

),

windows as (

    -- Complete windows only: every quarter of the window is in the data for the force.
    select
        measure_id,
        force_name,
        is_territorial,
        window_months,
        {{ add_months('period_end', '1 - window_months') }} as period_start,
        period_end,
        offences
    from window_sums
    where quarters_covered * 3 = window_months

),

compared as (

    select
        cur.*,
        {{ add_months('cur.period_start', -12) }} as previous_period_start,
        {{ add_months('cur.period_end', -12) }} as previous_period_end,
        prev.offences as previous_offences,
        {{ add_months(month_from_text("'" ~ var('baseline_end') ~ "'"), '1 - cur.window_months') }}
            as baseline_start,
        {{ month_from_text("'" ~ var('baseline_end') ~ "'") }} as baseline_end,
        base.offences as baseline_offences,
        population.population
    from windows as cur
    left join windows as prev
        on
            cur.measure_id = prev.measure_id
            and cur.force_name = prev.force_name
            and cur.window_months = prev.window_months
            and prev.period_end = {{ add_months('cur.period_end', -12) }}
    left join windows as base
        on
            cur.measure_id = base.measure_id
            and cur.force_name = base.force_name
            and cur.window_months = base.window_months
            and base.period_end = {{ month_from_text("'" ~ var('baseline_end') ~ "'") }}
    left join population on cur.force_name = population.force_name

)

select
    measure_id,
    force_name,
    is_territorial,
    cast(window_months as integer) as window_months,
    period_start,
    period_end,
    cast(offences as bigint) as offences,
    previous_period_start,
    previous_period_end,
    cast(previous_offences as bigint) as previous_offences,
    cast(offences - previous_offences as bigint) as change,  -- noqa: RF04
    {{ exact_division('(cast(offences as hugeint) - previous_offences) * 100', 'previous_offences') }}
        as pct_change,
    baseline_start,
    baseline_end,
    cast(baseline_offences as bigint) as baseline_offences,
    cast(offences - baseline_offences as bigint) as change_vs_baseline,
    {{ exact_division('(cast(offences as hugeint) - baseline_offences) * 100', 'baseline_offences') }}
        as pct_change_vs_baseline,
    cast(population as bigint) as population,
    {{ exact_division('cast(offences as hugeint) * 1000', 'population') }} as rate_per_1000,
    {{ exact_division('cast(previous_offences as hugeint) * 1000', 'population') }}
        as previous_rate_per_1000,
    {{ exact_division('cast(baseline_offences as hugeint) * 1000', 'population') }}
        as baseline_rate_per_1000
from compared
