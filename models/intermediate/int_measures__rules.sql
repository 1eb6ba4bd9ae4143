-- The measures seed parsed into typed rules: `|`-separated lists become lists, and the
-- properties every later model needs (value multiplier, window aggregation, solved rate) are
-- derived here once.
with

measures as (

    select * from {{ ref('measures') }}

),

parsed as (

    select
        *,
        string_split(offence_codes, '|') as offence_code_list,
        string_split(offence_group_exclude, '|') as offence_group_exclude_list,
        cast(string_split(outcome_codes, '|') as integer []) as outcome_code_list,
        string_split(components, '|') as component_list,
        -- Percentages are ratios times 100; other ratios (seconds per call) are plain ratios.
        case when kind = 'ratio' and unit = 'percent' then 100 else 1 end as value_multiplier,
        -- A streak's value for a window is its run length at the window's last month.
        case when streak_of is null then 'sum' else 'last' end as window_aggregation

    from measures

)

select
    *,
    (
        source = 'crime_records'
        and kind = 'count'
        and outcome_codes is null
        and (date_basis = 'recorded' or components is not null)
    ) as has_solved_rate
from parsed
