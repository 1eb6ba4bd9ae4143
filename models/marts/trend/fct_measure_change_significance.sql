-- Is a count's change against the previous year (and against the baseline) more than noise?
-- Each count is treated as Poisson; the 95% interval of the rate ratio a / b is
-- exp(ln(a / b) +/- z * sqrt(1/a + 1/b)) (normal approximation on the log ratio). When either count
-- is 0, 0.5 is added to both for the interval only, and a count of 0 takes the lower end to
-- -100% (a ratio's exact lower limit is 0 when its count is 0), so the interval always holds the
-- point estimate. Significant when the interval excludes 1.
{% set z = var('significance_z', 1.959964) %}

with

windows as (

    select windows.*
    from {{ ref('fct_measure_windows') }} as windows
    inner join {{ ref('dim_measures') }} as measures on windows.measure_id = measures.measure_id
    where measures.kind = 'count' and measures.window_aggregation = 'sum'

),

corrected as (

    select
        *,
        case
            when previous_numerator is null or numerator + previous_numerator = 0 then null
            when numerator = 0 or previous_numerator = 0
                then ln((numerator + 0.5) / (previous_numerator + 0.5))
            else ln(cast(numerator as double) / previous_numerator)
        end as previous_log_ratio,
        case
            when previous_numerator is null or numerator + previous_numerator = 0 then null
            when numerator = 0 or previous_numerator = 0
                then sqrt(1 / (numerator + 0.5) + 1 / (previous_numerator + 0.5))
            else sqrt(1.0 / numerator + 1.0 / previous_numerator)
        end as previous_log_se,
        case
            when baseline_numerator is null or numerator + baseline_numerator = 0 then null
            when numerator = 0 or baseline_numerator = 0
                then ln((numerator + 0.5) / (baseline_numerator + 0.5))
            else ln(cast(numerator as double) / baseline_numerator)
        end as baseline_log_ratio,
        case
            when baseline_numerator is null or numerator + baseline_numerator = 0 then null
            when numerator = 0 or baseline_numerator = 0
                then sqrt(1 / (numerator + 0.5) + 1 / (baseline_numerator + 0.5))
            else sqrt(1.0 / numerator + 1.0 / baseline_numerator)
        end as baseline_log_se
    from windows

)

select
    measure_id,
    area_code,
    window_months,
    period_start,
    period_end,
    numerator,
    previous_numerator,
    pct_change,
    case
        when numerator = 0 and previous_log_ratio is not null then -100.0
        else (exp(previous_log_ratio - {{ z }} * previous_log_se) - 1) * 100
    end as pct_change_lower,
    (exp(previous_log_ratio + {{ z }} * previous_log_se) - 1) * 100 as pct_change_upper,
    case
        when previous_numerator is null then null
        when previous_log_ratio is null then false
        else abs(previous_log_ratio) > {{ z }} * previous_log_se
    end as is_significant,
    baseline_numerator,
    pct_change_vs_baseline,
    case
        when numerator = 0 and baseline_log_ratio is not null then -100.0
        else (exp(baseline_log_ratio - {{ z }} * baseline_log_se) - 1) * 100
    end as pct_change_vs_baseline_lower,
    (exp(baseline_log_ratio + {{ z }} * baseline_log_se) - 1) * 100 as pct_change_vs_baseline_upper,
    case
        when baseline_numerator is null then null
        when baseline_log_ratio is null then false
        else abs(baseline_log_ratio) > {{ z }} * baseline_log_se
    end as is_significant_vs_baseline
from corrected
