"""The load benchmark's quick mode: a real server, phones that speak its websocket protocol, and
the figures as JSON. It asserts no timings: those depend on the machine, and live in the
benchmark itself."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench import load
from db import open_db
from db.conversations import answers_of, conversations_in_round
from db.rounds import list_rounds

ROOT = Path(__file__).resolve().parents[2]
FIELDS = {"name", "unit", "median", "p95", "floor", "ratio", "target", "pass"}


@pytest.mark.slow
def test_python_m_bench_load_writes_the_tap_capacity_and_memory_figures_as_json(tmp_path):
    out = tmp_path / "load.json"
    environment = {name: value for name, value in os.environ.items() if name != "DEVTALK_DB"}
    result = subprocess.run([sys.executable, "-m", "bench", "--load", "--answers", "20000", "--load-levels", "1,2",
                             "--load-seconds", "2", "--json", str(out)],
                            check=False, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    figures = json.loads(out.read_text())
    names = [f["name"] for f in figures]
    for wanted in ("tap -> rerun finished, 1 session", "tap -> rerun finished, 2 sessions",
                   "opening the fill-in page, 2 sessions", "server CPU per tap, 2 sessions",
                   "server memory per session, 2 sessions", "load client CPU share, 2 sessions"):
        assert wanted in names
    assert any("capacity" in name for name in names)
    assert all(set(f) == FIELDS and isinstance(f["pass"], bool) for f in figures)
    assert "target / pass" in result.stdout


@pytest.mark.slow
def test_every_phone_of_a_load_level_finds_its_taps_stored_in_the_database(tmp_path):
    path = tmp_path / "load.db"
    codes = load.load_firm(path, 20_000, 3)
    level = load.measure_level({"DEVTALK_DB": str(path)}, codes, 0, 2, tmp_path / "level")

    database = open_db(path)
    loaded = next(found for found in list_rounds(database) if found.name == load.ROUND_NAME)
    answered = [conversation for conversation in conversations_in_round(database, loaded.id)
                if answers_of(database, conversation.id, "employee")]
    # The phone that warmed the server up and the two measured ones; nobody else signed in.
    assert len(answered) == 3
    assert level.sessions == 2 and len(level.taps) >= 2 and len(level.openings) == 2


@pytest.mark.slow
def test_python_m_bench_load_with_servers_measures_each_number_of_servers_behind_haproxy(tmp_path):
    out = tmp_path / "load.json"
    environment = {name: value for name, value in os.environ.items()
                   if name not in ("DEVTALK_DB", "DEVTALK_DATABASE_URL", "DEVTALK_FIRM")}
    result = subprocess.run([sys.executable, "-m", "bench", "--load", "--answers", "20000", "--load-levels", "1",
                             "--load-seconds", "2", "--servers", "1,2", "--json", str(out)],
                            check=False, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    names = [f["name"] for f in json.loads(out.read_text())]
    for wanted in ("tap -> rerun finished, 1 session, 1 server", "tap -> rerun finished, 1 session, 2 servers",
                   "server CPU per tap, 1 session, 2 servers", "capacity, 2 servers against 1"):
        assert wanted in names
