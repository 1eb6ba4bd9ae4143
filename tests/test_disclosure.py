import pytest

from pcc.present.disclosure import SUPPRESSED, suppress_count


@pytest.mark.parametrize(
    ("count", "shown"), [(0, 0), (1, SUPPRESSED), (4, SUPPRESSED), (5, 5), (1234, 1234)]
)
def test_counts_from_one_to_four_are_suppressed(count, shown):
    assert suppress_count(count) == shown


def test_missing_counts_stay_missing():
    assert suppress_count(None) is None
