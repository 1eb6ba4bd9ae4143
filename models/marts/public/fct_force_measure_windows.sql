-- Every supported measure, force and window length (3 and 12 months) for every quarter end
-- whose whole window is in the data, with the same window a year earlier and the baseline
-- window (like for like, macros/measure_comparison.sql), and rates per 1,000 residents where the
-- force_population seed has the force.
with

quarterly as (

    select * from {{ ref('int_public__prc_measure_quarterly') }}

),

population as (

    select * from {{ ref('force_population') }}

),

windows as (

    {{ complete_windows(
        'quarterly', ['measure_id', 'force_name', 'is_territorial'], 'quarter_start', 3, ['offences']
    ) }}

),

compared as (

    select
        compared_windows.*,
        population.population
    from ({{ compared_windows('windows', ['measure_id', 'force_name'], ['offences']) }}) as compared_windows
    left join population on compared_windows.force_name = population.force_name

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
