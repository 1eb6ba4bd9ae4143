"""Extract contracts: the one definition of what each raw extract must look like.

Ingest enforces these, the sample generator writes them, the landing tables are typed
from them and the contract tables of docs/contracts.md are generated from them
(`python -m ingest.contract_docs`).
Reference lists (offence codes, districts) come from the dbt seeds so that a new code is
added in exactly one place.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

from ingest.paths import SEEDS_DIR

ColumnType = Literal["string", "date", "datetime", "month", "integer", "boolean"]

# Largest whole number any column may hold: far above any real count (a day's calls, a month's
# crimes), and low enough that sums over millions of rows never overflow a BIGINT.
MAX_INTEGER = 1_000_000_000

# Values accepted for boolean columns (compared case-insensitively).
BOOLEAN_TRUE = ("true", "1")
BOOLEAN_FALSE = ("false", "0")

# DuckDB type each contract type lands as.
LANDING_TYPES: dict[str, str] = {
    "string": "VARCHAR",
    "date": "DATE",
    "datetime": "TIMESTAMP",
    "month": "DATE",  # first day of the month
    "integer": "BIGINT",
    "boolean": "BOOLEAN",
}


@dataclass(frozen=True)
class Column:
    name: str
    type: ColumnType
    required: bool
    description: str
    # Allowed values: a tuple of literals, or the name of a reference list (see reference_values).
    allowed: tuple[str, ...] | str | None = None
    non_negative: bool = False


@dataclass(frozen=True)
class RowRule:
    """A rule across columns of one row, as a DuckDB predicate over the typed columns.

    A row breaks the rule when the predicate is FALSE (NULL counts as passing, so optional
    columns that are empty are not reported twice).
    """

    name: str
    predicate: str
    column: str  # the column named in the error message
    message: str


@dataclass(frozen=True)
class Contract:
    source: str
    description: str
    grain: str
    primary_key: tuple[str, ...]
    month_column: str  # the column whose calendar month decides which months a file covers
    columns: tuple[Column, ...]
    # The breakdown a revision may not drop whole (a district, channel, service, survey).
    breakdown: str
    row_rules: tuple[RowRule, ...] = field(default_factory=tuple)
    daily: bool = False  # one row per day: every day of a covered month must be present

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


def normalise_header(name: str) -> str:
    """Header names are compared ignoring case, spaces and underscores."""
    return name.strip().lower().replace(" ", "").replace("_", "")


CRIME_RECORDS = Contract(
    source="crime_records",
    description="One row per crime recorded by Kent Police under the Home Office Counting Rules.",
    grain="one row per recorded crime",
    primary_key=("crime_id",),
    month_column="recorded_date",
    breakdown="district_code",
    columns=(
        Column("crime_id", "string", True, "Force crime reference, unique across extracts"),
        Column("recorded_date", "date", True, "Date the crime was recorded (not committed)"),
        Column(
            "offence_code",
            "string",
            True,
            "Home Office Counting Rules offence code (individual homicide codes 1, 4.1, 4.10, 4.2)",
            allowed="offence_codes",
        ),
        Column(
            "district_code",
            "string",
            True,
            "ONS code of the local authority district (Kent's 12 districts and Medway)",
            allowed="districts",
        ),
        Column("lsoa_code", "string", False, "2011 Lower layer Super Output Area code, if known"),
        Column("domestic_abuse", "boolean", True, "Flagged as domestic abuse"),
        Column("knife_or_sharp_instrument", "boolean", True, "Knife or sharp instrument involved"),
        Column("firearm", "boolean", True, "Firearm involved (air weapons not flagged)"),
        Column("online", "boolean", True, "Online / cyber-enabled crime"),
        Column("hate", "boolean", True, "Hate crime flag"),
        Column("vawg", "boolean", True, "Violence against women and girls"),
        Column(
            "victim_type",
            "string",
            True,
            "Who the victim was",
            allowed=("person", "organisation", "none"),
        ),
        Column(
            "outcome_code",
            "integer",
            False,
            "Home Office outcome type 1-22; empty while the investigation is open",
            allowed="outcome_codes",
        ),
        Column("outcome_date", "date", False, "Date the outcome was assigned; empty while open"),
    ),
    row_rules=(
        RowRule(
            "outcome_after_recording",
            "outcome_date >= recorded_date",
            "outcome_date",
            "outcome_date is before recorded_date",
        ),
        RowRule(
            "outcome_code_with_date",
            "(outcome_code IS NULL) = (outcome_date IS NULL)",
            "outcome_code",
            "outcome_code and outcome_date must both be given or both be empty",
        ),
    ),
)

CALL_HANDLING = Contract(
    source="call_handling",
    description="Daily call-handling statistics from the force control room, per contact channel.",
    grain="one row per day and channel",
    primary_key=("date", "channel"),
    month_column="date",
    breakdown="channel",
    daily=True,
    columns=(
        Column("date", "date", True, "Calendar day"),
        Column("channel", "string", True, "Contact channel", allowed=("999", "101", "online")),
        Column("calls_offered", "integer", True, "Contacts presented", non_negative=True),
        Column("calls_answered", "integer", True, "Contacts answered", non_negative=True),
        Column(
            "answered_within_10s", "integer", True, "Answered within 10 seconds", non_negative=True
        ),
        Column(
            "answered_10_to_60s", "integer", True, "Answered in 10 to 60 seconds", non_negative=True
        ),
        Column(
            "answered_over_60s",
            "integer",
            True,
            "Answered after more than 60 seconds",
            non_negative=True,
        ),
        Column(
            "calls_abandoned", "integer", True, "Caller hung up before answer", non_negative=True
        ),
        Column(
            "total_answer_seconds",
            "integer",
            True,
            "Sum of time to answer over answered contacts",
            non_negative=True,
        ),
    ),
    row_rules=(
        RowRule(
            "answered_plus_abandoned_within_offered",
            "calls_answered + calls_abandoned <= calls_offered",
            "calls_answered",
            "calls_answered + calls_abandoned is greater than calls_offered",
        ),
        RowRule(
            "answer_bands_sum_to_answered",
            "answered_within_10s + answered_10_to_60s + answered_over_60s = calls_answered",
            "calls_answered",
            "answered_within_10s + answered_10_to_60s + answered_over_60s does not equal calls_answered",
        ),
    ),
)

S136_DETENTIONS = Contract(
    source="s136_detentions",
    description="Detentions under section 136 of the Mental Health Act 1983.",
    grain="one row per detention",
    primary_key=("detention_id",),
    month_column="detention_datetime",
    breakdown="district_code",
    columns=(
        Column("detention_id", "string", True, "Force reference of the detention"),
        Column("detention_datetime", "datetime", True, "Date and time of detention (ISO 8601)"),
        Column(
            "district_code",
            "string",
            True,
            "ONS district where the detention took place",
            allowed="districts",
        ),
        Column(
            "age_band",
            "string",
            True,
            "Age of the person detained",
            allowed=(
                "under 18",
                "18-24",
                "25-34",
                "35-44",
                "45-54",
                "55-64",
                "65 and over",
                "unknown",
            ),
        ),
        Column(
            "sex",
            "string",
            True,
            "Sex of the person detained",
            allowed=("female", "male", "other", "unknown"),
        ),
        Column(
            "ethnicity_group",
            "string",
            True,
            "Self-defined ethnicity (ONS 5+1 groups)",
            allowed=("asian", "black", "mixed", "white", "other", "not stated"),
        ),
        Column(
            "first_place_of_safety",
            "string",
            True,
            "Where the person was first taken",
            allowed=(
                "health-based place of safety",
                "emergency department",
                "police custody",
                "other",
            ),
        ),
        Column(
            "conveyance",
            "string",
            True,
            "How they were taken there",
            allowed=("police vehicle", "ambulance", "other"),
        ),
        Column(
            "repeat_detention",
            "boolean",
            True,
            "Detained under s.136 before in the previous 12 months",
        ),
    ),
)

VICTIM_REFERRALS = Contract(
    source="victim_referrals",
    description="Monthly returns from victim services commissioned by the PCC.",
    grain="one row per month, service, provider and crime category",
    primary_key=("month", "service", "provider", "crime_category"),
    month_column="month",
    breakdown="service",
    columns=(
        Column("month", "month", True, "Calendar month (YYYY-MM)"),
        Column(
            "service",
            "string",
            True,
            "Commissioned service, e.g. Kent Advocacy and Support Service",
        ),
        Column("provider", "string", True, "Organisation delivering the service"),
        Column(
            "crime_category",
            "string",
            True,
            "Crime category the service supports",
            allowed=(
                "all crime",
                "domestic abuse",
                "sexual violence",
                "stalking",
                "hate crime",
                "children and young people",
                "restorative justice",
                "other",
            ),
        ),
        Column(
            "referrals_received",
            "integer",
            True,
            "Referrals received in the month",
            non_negative=True,
        ),
        Column(
            "contacted", "integer", True, "Victims contacted and offered support", non_negative=True
        ),
        # Support continues for victims referred earlier, so supported may exceed referrals.
        Column("supported", "integer", True, "Victims supported in the month", non_negative=True),
        Column(
            "reported_to_police_before_support",
            "integer",
            True,
            "Supported victims who had reported to police before support",
            non_negative=True,
        ),
        Column(
            "empowered_to_report",
            "integer",
            True,
            "Victims empowered to report after support",
            non_negative=True,
        ),
        Column(
            "better_able_to_cope",
            "integer",
            True,
            "Victims better able to cope and build resilience",
            non_negative=True,
        ),
    ),
)

VICTIM_SATISFACTION = Contract(
    source="victim_satisfaction",
    description="Monthly victim satisfaction survey results.",
    grain="one row per month, survey and question",
    primary_key=("month", "survey", "question"),
    month_column="month",
    breakdown="survey",
    columns=(
        Column("month", "month", True, "Calendar month of the survey (YYYY-MM)"),
        Column(
            "survey", "string", True, "Survey", allowed=("domestic_abuse", "hate_crime", "rape")
        ),
        Column(
            "question",
            "string",
            True,
            "Question asked",
            allowed=("overall_satisfaction", "dignity_and_respect", "treated_fairly"),
        ),
        Column(
            "respondents", "integer", True, "Respondents answering the question", non_negative=True
        ),
        Column("satisfied", "integer", True, "Respondents satisfied", non_negative=True),
    ),
    row_rules=(
        RowRule(
            "satisfied_within_respondents",
            "satisfied <= respondents",
            "satisfied",
            "satisfied is greater than respondents",
        ),
    ),
)

ASB_INCIDENTS = Contract(
    source="asb_incidents",
    description="Anti-social behaviour incidents reported to Kent Police (not crimes: incidents).",
    grain="one row per incident",
    primary_key=("incident_id",),
    month_column="reported_date",
    breakdown="district_code",
    columns=(
        Column("incident_id", "string", True, "Force incident reference, unique across extracts"),
        Column("reported_date", "date", True, "Date the incident was reported"),
        Column(
            "district_code",
            "string",
            True,
            "ONS code of the local authority district where it happened",
            allowed="districts",
        ),
        Column(
            "category",
            "string",
            True,
            "National ASB category: personal (targeted at a person or group), nuisance "
            "(the community at large) or environmental (the surroundings)",
            allowed=("personal", "nuisance", "environmental"),
        ),
        Column(
            "repeat_incident",
            "boolean",
            True,
            "The same location or caller reported ASB before in the previous 12 months",
        ),
    ),
)

ROAD_CASUALTIES = Contract(
    source="road_casualties",
    description=(
        "Road casualties in collisions in Kent, from the Department for Transport's STATS19 "
        "collision and casualty files (written by python -m ingest.public.stats19)."
    ),
    grain="one row per casualty",
    primary_key=("collision_index", "casualty_reference"),
    month_column="collision_date",
    breakdown="district_code",
    columns=(
        Column("collision_index", "string", True, "STATS19 collision (or accident) index"),
        Column(
            "casualty_reference",
            "integer",
            True,
            "Casualty number within the collision",
            non_negative=True,
        ),
        Column("collision_date", "date", True, "Date of the collision"),
        Column(
            "district_code",
            "string",
            True,
            "local_authority_ons_district of the collision",
            allowed="districts",
        ),
        Column(
            "casualty_severity",
            "integer",
            True,
            "STATS19 casualty_severity code as published (1, 2 or 3)",
            allowed=("1", "2", "3"),
        ),
    ),
)

CONTRACTS: dict[str, Contract] = {
    c.source: c
    for c in (
        CRIME_RECORDS,
        CALL_HANDLING,
        S136_DETENTIONS,
        VICTIM_REFERRALS,
        VICTIM_SATISFACTION,
        ASB_INCIDENTS,
        ROAD_CASUALTIES,
    )
}


@cache
def reference_values(name: str) -> frozenset[str]:
    """Allowed values of a reference list, read from the dbt seeds shipped with the project."""
    if name == "offence_codes":
        with open(SEEDS_DIR / "offence_codes.csv", newline="", encoding="utf-8") as f:
            return frozenset(
                r["offence_code"] for r in csv.DictReader(f) if r["record_level"] == "true"
            )
    if name == "districts":
        with open(SEEDS_DIR / "districts.csv", newline="", encoding="utf-8") as f:
            return frozenset(r["district_code"] for r in csv.DictReader(f))
    if name == "outcome_codes":
        with open(SEEDS_DIR / "outcome_types.csv", newline="", encoding="utf-8") as f:
            return frozenset(r["outcome_code"] for r in csv.DictReader(f))
    raise KeyError(f"unknown reference list {name!r}")


def allowed_values(column: Column) -> frozenset[str] | None:
    if column.allowed is None:
        return None
    if isinstance(column.allowed, str):
        return reference_values(column.allowed)
    return frozenset(column.allowed)
