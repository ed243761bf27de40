"""The two worlds the collective makes cooperate: economic dynamics and ESS ones."""

from __future__ import annotations

ECONOMIC = ("cluster", "competitiveness_cluster")
ESS = ("ptce", "third_place", "tzcld", "local_currency", "transition_initiative")
FAMILIES = ("economic", "ess", "other")


def family(kind: str) -> str:
    """``economic``, ``ess`` or ``other``: the two worlds the collective makes cooperate."""
    if kind in ECONOMIC:
        return "economic"
    if kind in ESS:
        return "ess"
    return "other"
