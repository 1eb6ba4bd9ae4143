"""Header -> which extract this is, and where each contract column sits in the file."""

from __future__ import annotations

from dataclasses import dataclass

from ingest.contracts import CONTRACTS, Contract, normalise_header
from ingest.violation import FileRejected, Violation


@dataclass(frozen=True)
class Detected:
    contract: Contract
    positions: dict[str, int]  # contract column name -> field index in the file


def detect(header: list[str], file: str) -> Detected:
    """Match the header to one contract; names compare ignoring case, spaces and underscores."""
    normalised = [normalise_header(name) for name in header]
    for index, name in enumerate(normalised):
        if not name:
            reason = f"empty column name in the header (field {index + 1})"
            raise FileRejected(Violation(file, 1, None, reason))
        if normalised.index(name) != index:
            reason = "duplicate column in the header"
            raise FileRejected(Violation(file, 1, header[index], reason))

    contract = _best_contract(set(normalised), file)
    by_name = {normalise_header(c.name): c.name for c in contract.columns}
    unknown = [h for h, n in zip(header, normalised, strict=True) if n not in by_name]
    if unknown:
        reason = f"unknown column{'s' if len(unknown) > 1 else ''} (not in the {contract.source} contract)"
        raise FileRejected(Violation(file, 1, ", ".join(unknown), reason))
    positions = {by_name[n]: i for i, n in enumerate(normalised)}
    missing = [c.name for c in contract.columns if c.required and c.name not in positions]
    if missing:
        plural = "s" if len(missing) > 1 else ""
        reason = f"required column{plural} missing from the {contract.source} header"
        raise FileRejected(Violation(file, 1, ", ".join(missing), reason))
    return Detected(contract, positions)


def _best_contract(names: set[str], file: str) -> Contract:
    """The contract sharing the most columns, if it shares at least half of its required ones."""
    scored = sorted(
        (
            (len(names & {normalise_header(c.name) for c in k.columns}), k)
            for k in CONTRACTS.values()
        ),
        key=lambda pair: -pair[0],
    )
    (best_score, best), (second_score, _) = scored[0], scored[1]
    required = sum(c.required for c in best.columns)
    if best_score * 2 < required or best_score == second_score:
        expected = ", ".join(sorted(CONTRACTS))
        reason = f"unrecognised header: not the header of any extract ({expected})"
        raise FileRejected(Violation(file, 1, None, reason))
    return best
