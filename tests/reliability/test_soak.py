"""Acknowledged means durable: 100 writers killed at random moments lose nothing.

``VISITPLANNER_SOAK=1000`` runs longer; ``benchmarks/soak.py`` prints the figures.
"""

from __future__ import annotations

import os
import sys

import pytest
from soak import run_soak

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="fork and SIGKILL")


def test_every_acknowledged_write_survives_a_kill(tmp_path):
    runs = int(os.environ.get("VISITPLANNER_SOAK", "100"))
    figures = run_soak(tmp_path, runs)
    report = "\n".join(figures.lines())
    assert figures.runs == runs and figures.kills == runs, report
    assert figures.integrity == {"ok": runs}, report
    assert figures.lost == [], report
    # The writers did write between the kills, through both paths.
    assert figures.by_mode.get("service", 0) > 0 and figures.by_mode.get("cli", 0) > 0, report
