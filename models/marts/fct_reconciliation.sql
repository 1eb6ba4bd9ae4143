-- Every figure of the published register against the warehouse. Each figure is computed from
-- fct_measure_monthly over its exact months (any window length), as an integer ratio rounded
-- half-up to the published number of decimals, so a match is exact, never a float comparison.
-- A figure that no longer reproduces because a month behind it was revised since it was first
-- delivered is 'revised since publication' (a warning), naming the load that revised it.
with

figures as (

    select * from {{ ref('published_figures') }}

),

exceptions as (

    select * from {{ ref('reconciliation_exceptions') }}

),

measures as (

    select * from {{ ref('dim_measures') }}

),

month_owner as (

    select * from {{ ref('stg_landing__month_owner') }}

),

loads as (

    select * from {{ ref('stg_landing__load_manifest') }}
    where load_action <> 'quarantined'

),

force_monthly as (

    select * from {{ ref('fct_measure_monthly') }}
    where area_code = '{{ var("force_area_code") }}'

),

parsed as (

    select
        figures.figure_id,
        figures.measure_id,
        figures.statistic,
        figures.reconcile,
        figures.kind as figure_kind,
        figures.unit,
        figures.source as published_in,
        figures.note,
        {{ month_from_text('figures.period_start') }} as period_start,
        {{ month_from_text('figures.period_end') }} as period_end,
        {{ month_from_text('figures.comparison_start') }} as comparison_start,
        {{ month_from_text('figures.comparison_end') }} as comparison_end,
        figures.value as published_text,
        cast(figures.value as decimal(18, 6)) as published_value,
        length(coalesce(nullif(split_part(figures.value, '.', 2), ''), '')) as published_decimals,
        figures.period_start || '..' || figures.period_end as period,
        figures.comparison_start || '..' || figures.comparison_end as comparison_period
    from figures

),

measure_coverage as (

    -- The first and last month the warehouse holds for each measure: a figure reaching outside
    -- them is not covered (data not loaded yet, or from before the history), not a mismatch.
    select
        measure_id,
        min(month_start) as first_covered_month,
        max(month_start) as last_covered_month
    from force_monthly
    group by measure_id

),

figure_periods as (

    select
        figure_id,
        measure_id,
        'current' as period_role,
        period_start as first_month,
        period_end as last_month
    from parsed

    union all

    select
        figure_id,
        measure_id,
        'comparison' as period_role,
        comparison_start,
        comparison_end
    from parsed
    where comparison_start is not null

),

period_sums as (

    select
        figure_periods.figure_id,
        figure_periods.period_role,
        measures.window_aggregation,
        {{ months_inclusive('figure_periods.first_month', 'figure_periods.last_month') }}
            as months_expected,
        count(force_monthly.month_start) as months_covered,
        sum(force_monthly.numerator) as numerator_sum,
        sum(force_monthly.denominator) as denominator_sum,
        arg_max(force_monthly.numerator, force_monthly.month_start) as last_numerator
    from figure_periods
    inner join measures on figure_periods.measure_id = measures.measure_id
    left join force_monthly
        on
            figure_periods.measure_id = force_monthly.measure_id
            and force_monthly.month_start between figure_periods.first_month and figure_periods.last_month
    group by all

),

period_values as (

    -- A period only has a value if every one of its months is covered by the source.
    select
        figure_id,
        period_role,
        case
            when months_covered <> months_expected then null
            when window_aggregation = 'last' then last_numerator
            else numerator_sum
        end as numerator,
        case when months_covered = months_expected then denominator_sum end as denominator,
        months_covered = months_expected as is_complete
    from period_sums

),

period_coverage as (

    select
        figure_periods.figure_id,
        bool_or(
            measure_coverage.measure_id is null
            or figure_periods.first_month < measure_coverage.first_covered_month
            or figure_periods.last_month > measure_coverage.last_covered_month
        ) as is_outside_coverage
    from figure_periods
    left join measure_coverage on figure_periods.measure_id = measure_coverage.measure_id
    group by figure_periods.figure_id

),

revised_months as (

    -- A month is revised when an earlier load of its source already covered it.
    select
        month_owner.source,
        month_owner.month_start,
        month_owner.load_id,
        owner_load.file_name
    from month_owner
    inner join loads as owner_load on month_owner.load_id = owner_load.load_id
    where exists (
        select 1 from loads as earlier
        where
            earlier.source = month_owner.source
            and earlier.load_id < month_owner.load_id
            and month_owner.month_start between earlier.first_month and earlier.last_month
    )

),

figure_revisions as (

    select
        figure_periods.figure_id,
        max(revised_months.load_id) as revised_by_load_id,
        arg_max(revised_months.file_name, revised_months.load_id) as revised_by_file
    from figure_periods
    inner join measures on figure_periods.measure_id = measures.measure_id
    inner join revised_months
        on
            measures.source = revised_months.source
            and revised_months.month_start between figure_periods.first_month and figure_periods.last_month
    group by figure_periods.figure_id

),

inputs as (

    -- n1/d1: the figure's period, n0/d0: its comparison period (summed integers).
    select
        parsed.*,
        figure_revisions.revised_by_load_id,
        figure_revisions.revised_by_file,
        measures.measure_id is not null as is_defined_measure,
        cur.is_complete and coalesce(cmp.is_complete, parsed.comparison_start is null) as is_computable,
        coalesce(period_coverage.is_outside_coverage, true) as is_outside_coverage,
        measure_coverage.first_covered_month,
        measure_coverage.last_covered_month,
        measures.kind,
        measures.value_multiplier as multiplier,
        cur.numerator as n1,
        cur.denominator as d1,
        cmp.numerator as n0,
        cmp.denominator as d0
    from parsed
    left join measures on parsed.measure_id = measures.measure_id
    left join period_values as cur on parsed.figure_id = cur.figure_id and cur.period_role = 'current'
    left join period_values as cmp on parsed.figure_id = cmp.figure_id and cmp.period_role = 'comparison'
    left join period_coverage on parsed.figure_id = period_coverage.figure_id
    left join measure_coverage on parsed.measure_id = measure_coverage.measure_id
    left join figure_revisions on parsed.figure_id = figure_revisions.figure_id

),

fractions as (

    select
        *,
        case
            when statistic in ('count', 'rate') then {{ value_numerator('kind', 'multiplier', 'n1') }}
            when statistic = 'change' then {{ change_numerator('kind', 'multiplier', 'n1', 'd1', 'n0', 'd0') }}
            when statistic = 'pct_change' then {{ pct_change_numerator('kind', 'n1', 'd1', 'n0', 'd0') }}
        end as computed_numerator,
        case
            when statistic in ('count', 'rate') then {{ value_denominator('kind', 'd1') }}
            when statistic = 'change' then {{ change_denominator('kind', 'd1', 'd0') }}
            when statistic = 'pct_change' then {{ pct_change_denominator('kind', 'd1', 'n0') }}
        end as computed_denominator
    from inputs

),

computed as (

    select
        *,
        {{ round_half_up('computed_numerator', 'computed_denominator', 'published_decimals') }}
            as computed_value,
        {{ exact_division('computed_numerator', 'computed_denominator') }} as computed_exact
    from fractions

),

first_status as (

    select
        *,
        case
            when reconcile = 'no' then 'not reconciled'
            when is_defined_measure and is_outside_coverage then 'not covered'
            when computed_value is null and reconcile = 'yes' then 'mismatch'
            when computed_value is null then 'bound missed'
            when reconcile = 'lower_bound'
                then case when computed_exact >= published_value then 'bound met' else 'bound missed' end
            when reconcile = 'upper_bound'
                then case when computed_exact <= published_value then 'bound met' else 'bound missed' end
            when computed_value = published_value then 'match'
            else 'mismatch'
        end as first_status
    from computed

),

required_figures as (

    select
        exceptions.figure_id,
        unnest(string_split(exceptions.requires_matching_figures, '|')) as required_figure_id
    from exceptions

),

exception_checks as (

    -- A known exception holds only if the warehouse computes the expected value and every
    -- figure it depends on matches; otherwise the figure stays a mismatch.
    select
        exceptions.figure_id,
        exceptions.expected_computed_value,
        exceptions.explanation,
        coalesce(bool_and(coalesce(required.first_status = 'match', false)), false)
            as required_figures_match
    from exceptions
    left join required_figures on exceptions.figure_id = required_figures.figure_id
    left join first_status as required on required_figures.required_figure_id = required.figure_id
    group by exceptions.figure_id, exceptions.expected_computed_value, exceptions.explanation

),

final as (

    select
        first_status.*,
        case
            when
                first_status.first_status = 'mismatch'
                and first_status.computed_value = exception_checks.expected_computed_value
                and exception_checks.required_figures_match
                then 'known exception'
            when
                first_status.first_status in ('mismatch', 'bound missed')
                and first_status.computed_value is not null
                and first_status.revised_by_load_id is not null
                then 'revised since publication'
            else first_status.first_status
        end as status,
        exception_checks.explanation as exception_explanation
    from first_status
    left join exception_checks on first_status.figure_id = exception_checks.figure_id

)

select
    figure_id,
    measure_id,
    statistic,
    period,
    period_start,
    period_end,
    comparison_period,
    comparison_start,
    comparison_end,
    unit,
    figure_kind,
    reconcile,
    published_value,
    cast(published_decimals as integer) as published_decimals,
    computed_value,
    computed_exact,
    cast(computed_numerator as hugeint) as computed_numerator,
    cast(computed_denominator as hugeint) as computed_denominator,
    computed_value - published_value as difference,
    status,
    case when status = 'revised since publication' then revised_by_load_id end as revised_by_load_id,
    case when status = 'revised since publication' then revised_by_file end as revised_by_file,
    case
        when status = 'known exception' then exception_explanation
        when status = 'not reconciled'
            then 'not reconciled: ' || coalesce(note, 'the definition behind the figure is not known')
        when not is_defined_measure then 'measure ' || measure_id || ' is not defined in dim_measures'
        when status = 'not covered'
            then
                'not covered: the warehouse holds this measure for '
                || coalesce(
                    strftime(first_covered_month, '%Y-%m') || '..' || strftime(last_covered_month, '%Y-%m'),
                    'no months'
                )
                || ', not every month of the figure'
        when not is_computable then 'not computable: a month_start of the period is outside the data coverage'
        when computed_value is null then 'not computable: the comparison value is zero'
        when status = 'match' then null
        when status = 'revised since publication'
            then
                'revised since publication: published ' || published_text
                || ', computed ' || format('{:.{}f}', cast(computed_value as double), published_decimals)
                || ' (difference ' || cast(computed_value - published_value as varchar)
                || '); revised by load ' || cast(revised_by_load_id as varchar) || ' (' || revised_by_file || ')'
        when status in ('bound met', 'bound missed')
            then
                'computed ' || cast(round(computed_exact, 4) as varchar)
                || case when reconcile = 'lower_bound' then ' against a floor of ' else ' against a ceiling of ' end
                || published_text
        else
            'published ' || published_text
            || ', computed ' || format('{:.{}f}', cast(computed_value as double), published_decimals)
            || ' (' || cast(computed_numerator as varchar) || ' / ' || cast(computed_denominator as varchar) || ')'
    end as explanation,
    published_in,
    note
from final
