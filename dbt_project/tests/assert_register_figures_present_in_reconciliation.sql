-- Every register figure the warehouse must reproduce (reconcile yes, lower_bound, upper_bound)
-- has a row in fct_reconciliation with a reconciling status.
with

figures as (

    select * from {{ ref('published_figures') }}

),

reconciliation as (

    select * from {{ ref('fct_reconciliation') }}

)

select
    figures.figure_id,
    figures.reconcile,
    reconciliation.status
from figures
left join reconciliation on figures.figure_id = reconciliation.figure_id
where
    figures.reconcile in ('yes', 'lower_bound', 'upper_bound')
    and (reconciliation.figure_id is null or reconciliation.status = 'not reconciled')
