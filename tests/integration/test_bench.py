"""The benchmark's small mode runs inside the suite: it must work and write valid JSON.
It asserts no timings: those depend on the machine, and live in the benchmark itself."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIELDS = {"name", "unit", "median", "p95", "floor", "ratio", "target", "pass"}


@pytest.mark.slow
def test_python_m_bench_small_mode_runs_and_writes_every_figure_as_json(tmp_path):
    out = tmp_path / "bench.json"
    environment = {name: value for name, value in os.environ.items() if name != "DEVTALK_DB"}
    result = subprocess.run([sys.executable, "-m", "bench", "--answers", "20000", "--repeat", "2", "--json", str(out)],
                            cwd=ROOT, env=environment, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    figures = json.loads(out.read_text())
    assert {f["name"] for f in figures} >= {"seeding speed", "comparison page", "fill-in page rerun, 60 items",
                                           "autosave of one answer", "dossier page, 12 years",
                                           "report PDF with chart, 60 items"}
    assert all(set(f) == FIELDS for f in figures)
    assert all(isinstance(f["pass"], bool) and f["median"] > 0 for f in figures)
    assert "target / pass" in result.stdout
