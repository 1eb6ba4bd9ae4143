"""The force comparison page: the force ranking and the recorded crime comparison filled from
the shipped sample (every force, Kent marked, the missing most similar group said), the
recorded crime comparison ranking every territorial force of the test tables, and the
peer-group filter. What the page says without PRC data: tests/app/test_missing_sources.py."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from pcc.paths import PROJECT_ROOT
from pcc.present.ranking import sources_note
from tests.public.conftest import public_warehouse  # noqa: F401 - session fixture
from tests.public.fixtures import FORCES

APP = str(PROJECT_ROOT / "app" / "streamlit_app.py")
TERRITORIAL = {"City of London" if f == "London, City of" else f for f in FORCES}

pytestmark = [pytest.mark.heavy, pytest.mark.slow]


def open_comparison() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page("views/comparison.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_the_sample_fills_the_ranking_and_says_no_most_similar_group_is_loaded(published):
    at = open_comparison()
    assert at.title[0].value == "Force comparison"
    ranking = at.dataframe[0].value
    assert len(ranking) == 43  # every territorial force in the sample's 999 files
    ranks = [int(r) for r in ranking["Rank"]]
    assert ranks == sorted(ranks) and ranks[0] == 1
    assert list(ranking[ranking["Group"] == "Kent"]["Force"]) == ["Kent"]
    assert len(at.get("vega_lite_chart")) == 2  # the ski slope and the % change chart
    assert any("Most similar group: not loaded" in w.value for w in at.warning)
    assert any("Synthetic sample" in c.value for c in at.caption)
    # The sources and the missing group said as the pack's ranking page says them.
    assert sources_note(None, "on the Calls page") in [c.value for c in at.caption]
    summary = " ".join(m.value for m in at.markdown)
    assert "Kent: " in summary and "rank " in summary and "National (43 forces)" in summary
    # The sample's police recorded crime table covers every territorial force.
    comparison = at.dataframe[-1].value
    assert len(comparison) == 43 and "–" not in set(comparison["Per 1,000 residents"])


@pytest.fixture
def with_public_data(public_warehouse, monkeypatch):  # noqa: F811
    monkeypatch.setenv("PCC_DATA_DIR", str(public_warehouse["data_dir"]))


def _shown(at: AppTest):
    """The recorded crime comparison table (the force ranking's table comes first)."""
    return at.dataframe[-1].value


def test_page_ranks_every_territorial_force_with_kent_marked(with_public_data):
    at = open_comparison()
    at.selectbox(key="comparison_measure").set_value("Victim-based crime").run()
    assert not at.exception
    frame = _shown(at)
    assert set(frame["Force"]) == TERRITORIAL
    ranks = [int(r) for r in frame["Rank"]]
    assert ranks == sorted(ranks) and ranks[0] == 1
    assert len(at.get("vega_lite_chart")) == 2  # the ranking's ski slope and this one
    # Every police force area has a 2011 Census population in the seed, so every rate is shown.
    assert "–" not in set(frame["Per 1,000 residents"])


def test_peer_group_filter_and_baseline_comparison(with_public_data):
    at = open_comparison()
    at.checkbox(key="comparison_peers").check().run()
    at.radio(key="comparison_against").set_value("Baseline (year to December 2019)").run()
    assert not at.exception
    frame = _shown(at)
    # peer_group.csv lists Kent, Essex, Sussex, Surrey, ... : those present in the data.
    assert set(frame["Force"]) == {"Kent", "Essex", "Sussex", "Surrey"}
    assert "Baseline (year to December 2019)" in frame.columns


def test_knife_crime_ranks_every_force_per_100000_residents(published):
    """The knife crime measure from its own outcomes tables: every territorial force ranked
    per 100,000 residents, the values as the shared formatter writes them."""
    at = open_comparison()
    name = "Offences involving a knife or sharp instrument per 100,000 residents"
    at.selectbox(key="ranking_measure").set_value("knife_offences_per_100k").run()
    assert not at.exception, [e.value for e in at.exception]
    ranking = at.dataframe[0].value
    assert len(ranking) == 43
    assert all(v.endswith(" per 100,000") for v in ranking["Value"])
    summary = " ".join(m.value for m in at.markdown)
    assert name in summary and "National (43 forces): " in summary
