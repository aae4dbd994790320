"""The benchmark's small mode runs inside the suite: it must work and write valid JSON.
It asserts no timings: those depend on the machine, and live in the benchmark itself."""

import json

import pytest
from click.testing import CliRunner

from devtalk.cli import cli

FIELDS = {"name", "unit", "median", "p95", "floor", "ratio", "target", "pass"}


@pytest.mark.slow
def test_bench_small_mode_runs_and_writes_every_figure_as_json(tmp_path, monkeypatch):
    monkeypatch.delenv("DEVTALK_DB", raising=False)
    out = tmp_path / "bench.json"
    result = CliRunner().invoke(cli, ["bench", "--answers", "20000", "--repeat", "2", "--json", str(out)])
    assert result.exit_code == 0, result.output
    figures = json.loads(out.read_text())
    assert {f["name"] for f in figures} >= {"seeding speed", "comparison page", "fill-in page rerun, 60 items",
                                           "autosave of one answer", "dossier page, 12 years",
                                           "report PDF with chart, 60 items"}
    assert all(set(f) == FIELDS for f in figures)
    assert all(isinstance(f["pass"], bool) and f["median"] > 0 for f in figures)
    assert "target / pass" in result.output
