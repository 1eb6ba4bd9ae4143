-- Every Home Office outcome type is in exactly one board outcome group, solved exactly when
-- outcome_types says so, and each group has one order and one solved flag: otherwise the
-- groups would not add up to the solved rate.
with

outcome_types as (

    select * from {{ ref('outcome_types') }}

),

outcome_groups as (

    select * from {{ ref('outcome_groups') }}

)

select
    cast(outcome_types.outcome_code as varchar) as problem_key,
    'outcome type without a board group' as problem
from outcome_types
left join outcome_groups on outcome_types.outcome_code = outcome_groups.outcome_code
where outcome_groups.outcome_code is null

union all

select
    cast(outcome_groups.outcome_code as varchar) as problem_key,
    'is_solved differs from outcome_types' as problem
from outcome_groups
inner join outcome_types on outcome_groups.outcome_code = outcome_types.outcome_code
where outcome_groups.is_solved <> outcome_types.is_solved

union all

select
    board_outcome_group as problem_key,
    'group with more than one order or solved flag' as problem
from outcome_groups
group by board_outcome_group
having count(distinct group_order) > 1 or count(distinct is_solved) > 1

union all

select
    'still open' as problem_key,
    'no single row for open crimes (empty outcome_code)' as problem
from outcome_groups
where outcome_code is null
having count(*) <> 1
