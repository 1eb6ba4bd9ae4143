"""Only the reconciliation's severity can be relaxed, and only to a warning, by saying so."""

from __future__ import annotations

import pytest

from expectations import rules_marts, settings
from expectations.errors import QualityError


def _reconciliation_rules():
    suite = next(s for s in rules_marts.mart_suites() if s.name == "mart_fct_reconciliation")
    return suite.rules


def test_the_reconciliation_blocks_publication_unless_told_otherwise(monkeypatch):
    monkeypatch.delenv("PCC_DQ_RECONCILIATION", raising=False)
    severities = {settings.severity(r.rule, r.severity) for r in _reconciliation_rules()}
    assert "critical" in severities


def test_the_reconciliation_can_be_a_warning_for_synthetic_volume_data(monkeypatch):
    monkeypatch.setenv("PCC_DQ_RECONCILIATION", "warning")
    assert {settings.severity(r.rule, r.severity) for r in _reconciliation_rules()} == {"warning"}
    # Every other critical rule stays critical.
    others = [
        rule
        for suite in rules_marts.mart_suites()
        for rule in suite.rules
        if rule.rule != "reconciliation" and rule.severity == "critical"
    ]
    assert others and all(settings.severity(r.rule, r.severity) == "critical" for r in others)


def test_an_unknown_severity_is_refused(monkeypatch):
    monkeypatch.setenv("PCC_DQ_RECONCILIATION", "off")
    with pytest.raises(QualityError, match="critical or warning"):
        settings.severity("reconciliation", "critical")
