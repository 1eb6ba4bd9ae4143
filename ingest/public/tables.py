"""Landing tables for public data: name -> {column: DuckDB type}, in column order.

Kept free of other ingest imports so ingest.landing can create these tables with the rest.
"""

from __future__ import annotations

PRC_OFFENCES = "prc_offences"
PRC_OUTCOMES = "prc_outcomes"
# The outcomes tables for a subset of offences (knives or sharp instruments, firearms): the
# all-offence layout, with the subset the file is named for.
PRC_SUBSET_OUTCOMES = "prc_subset_outcomes"
STREET_CRIMES = "police_uk_street"
STREET_OUTCOMES = "police_uk_outcomes"
STOP_SEARCH = "police_uk_stop_search"
CALLS_999 = "calls_999_monthly"
PUBLIC_OWNER = "public_owner"

_POLICE_UK_PLACE = {
    "crime_id": "VARCHAR",  # empty for anti-social behaviour
    "month": "DATE",  # first day of the month
    "reported_by": "VARCHAR",
    "falls_within": "VARCHAR",
    "longitude": "DOUBLE",
    "latitude": "DOUBLE",
    "location": "VARCHAR",
    "lsoa_code": "VARCHAR",
    "lsoa_name": "VARCHAR",
}

PUBLIC_TABLES: dict[str, dict[str, str]] = {
    PRC_OFFENCES: {
        "financial_year": "VARCHAR",  # as published, e.g. 2017/18
        "financial_quarter": "INTEGER",  # 1-4, April-June = 1
        "quarter_start": "DATE",  # first day of the quarter's first month
        "force_name": "VARCHAR",  # as published (variants resolved in dbt)
        "offence_description": "VARCHAR",
        "offence_group": "VARCHAR",
        "offence_subgroup": "VARCHAR",
        "offence_code": "VARCHAR",  # homicide as the combined code 1/4.1/4.10/4.2
        "offences": "BIGINT",
        "count_column": "VARCHAR",  # Number of Offences or Offence Count (the vintage)
        "_file_sha256": "VARCHAR",
        "_sheet": "VARCHAR",  # workbook sheet, NULL for a CSV export
        "_line_number": "BIGINT",  # row in the sheet or line in the CSV (header = 1)
    },
    PRC_OUTCOMES: {
        "financial_year": "VARCHAR",
        "financial_quarter": "INTEGER",
        "quarter_start": "DATE",
        "force_name": "VARCHAR",
        "offence_description": "VARCHAR",
        "offence_group": "VARCHAR",
        "offence_subgroup": "VARCHAR",
        "offence_code": "VARCHAR",
        "offence_code_expired": "VARCHAR",  # 'x' where the code is no longer used; '' if absent
        "outcome_description": "VARCHAR",
        "outcome_group": "VARCHAR",
        "outcome_type": "VARCHAR",  # as published: the Home Office outcome type number (0 = none yet)
        # Outcomes given (by publication) to offences recorded in the quarter; outcomes of
        # investigations closed in the quarter. Signed, as PRC counts; NULL where published N/A.
        "outcomes_for_offences_recorded": "BIGINT",
        "outcomes_closed": "BIGINT",
        "_file_sha256": "VARCHAR",
        "_sheet": "VARCHAR",
        "_line_number": "BIGINT",
    },
    PRC_SUBSET_OUTCOMES: {},  # filled below: offence_subset, then the PRC_OUTCOMES columns
    STREET_CRIMES: {
        **_POLICE_UK_PLACE,
        "crime_type": "VARCHAR",
        "last_outcome_category": "VARCHAR",
        "context": "VARCHAR",
        "_file_sha256": "VARCHAR",
        "_member": "VARCHAR",  # file inside a zip or folder the row came from
        "_line_number": "BIGINT",
    },
    STREET_OUTCOMES: {
        **_POLICE_UK_PLACE,
        "outcome_type": "VARCHAR",
        "_file_sha256": "VARCHAR",
        "_member": "VARCHAR",
        "_line_number": "BIGINT",
    },
    STOP_SEARCH: {
        "force_id": "VARCHAR",  # police.uk force id from the file name: kent, avon-and-somerset
        "month": "DATE",  # first day of the month the file is named for
        "search_type": "VARCHAR",  # Person search, Vehicle search, Person and Vehicle search
        "searched_at": "VARCHAR",  # Date as published (ISO 8601 date and time)
        "part_of_policing_operation": "VARCHAR",  # True, False or empty
        "policing_operation": "VARCHAR",
        "latitude": "DOUBLE",
        "longitude": "DOUBLE",
        "gender": "VARCHAR",
        "age_range": "VARCHAR",
        "self_defined_ethnicity": "VARCHAR",
        "officer_defined_ethnicity": "VARCHAR",
        "legislation": "VARCHAR",
        "object_of_search": "VARCHAR",
        "outcome": "VARCHAR",  # as published; grouped by the stop_search_outcomes seed in dbt
        "outcome_linked_to_object": "VARCHAR",  # True, False or empty (absent from old files)
        "removal_of_outer_clothing": "VARCHAR",  # True, False or empty (absent from old files)
        "_file_sha256": "VARCHAR",
        "_member": "VARCHAR",  # file inside a zip or folder the row came from
        "_line_number": "BIGINT",
    },
    CALLS_999: {
        "force_name": "VARCHAR",  # as published (variants resolved in dbt)
        "month": "DATE",  # first day of the month
        "calls": "BIGINT",
        "answered_under_10s": "BIGINT",
        "answered_10_to_60s": "BIGINT",
        "answered_60s_or_more": "BIGINT",
        "average_answer_seconds": "DOUBLE",  # as published; NULL for a month without calls
        "header_names": "VARCHAR",  # the published column names (the vintage)
        "_file_sha256": "VARCHAR",
        "_line_number": "BIGINT",
    },
    # Which load owns each (table, scope, month): a newer file replaces exactly these.
    # scope is '' for PRC (offences and outcomes) and 999 data (a publication covers every
    # force), the offence subset of a knife or firearm outcomes table (it covers every force
    # for its subset), the reporting force for police.uk street and outcomes files, and the
    # force id of a stop and search file.
    PUBLIC_OWNER: {
        "source": "VARCHAR",
        "scope": "VARCHAR",
        "month": "DATE",
        "load_id": "BIGINT",
    },
}

PUBLIC_TABLES[PRC_SUBSET_OUTCOMES] = {
    "offence_subset": "VARCHAR",  # knives_or_sharp_instruments or firearms (from the file name)
    **PUBLIC_TABLES[PRC_OUTCOMES],
}

_ARROW_TYPES = {
    "VARCHAR": "string",
    "DATE": "date32",
    "BIGINT": "int64",
    "INTEGER": "int32",
    "DOUBLE": "float64",
}


def to_arrow(table: str, columns: dict[str, list]):
    """Column lists -> a pyarrow Table typed as the landing table (columns given, in order)."""
    import pyarrow as pa

    types = PUBLIC_TABLES[table]
    return pa.table(
        {
            name: pa.array(values, type=getattr(pa, _ARROW_TYPES[types[name]])())
            for name, values in columns.items()
        }
    )
