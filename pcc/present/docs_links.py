"""Links to the dbt documentation site (`pcc docs --serve`): the port it serves on by default and
a mart's page there (its columns, tests and lineage)."""

from __future__ import annotations

DOCS_PORT = 8080  # `pcc docs --serve` without --port
DBT_PROJECT = "pcc_warehouse"  # dbt_project.yml name: the prefix of every model's docs page


def model_url(model: str, port: int = DOCS_PORT) -> str:
    """A mart's page in the site `pcc docs --serve` serves."""
    return f"http://127.0.0.1:{port}/#!/model/model.{DBT_PROJECT}.{model}"
