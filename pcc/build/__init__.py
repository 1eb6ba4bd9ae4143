"""Building the warehouse: refresh orchestration, build plan, dbt runner, quality gate, publish."""
