"""The booklet's synthesis shows who took part and which dynamics met in its period."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date

import pytest

import report_data
from visitplanner.services.documents.printing import booklet_pdf


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")
def test_the_synthesis_has_the_actor_mix_and_the_cooperation_graph(catalogue, tmp_path) -> None:
    report_data.build(catalogue)
    out = booklet_pdf(
        catalogue, tmp_path / "livret.pdf", start=date(2027, 1, 1), end=date(2027, 12, 31)
    )
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    synthesis = " ".join(text.split("Synthèse thématique")[-1].split())
    assert "Participants par type d’acteur" in synthesis
    assert "Coopérations entre dynamiques" in synthesis
    assert "Description" in synthesis and "Nova Child & Co" in synthesis
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True).stdout
    assert "Helvetica" not in fonts
