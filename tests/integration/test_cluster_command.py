"""`make cluster` (`python -m ops.cluster`) as a person runs it: it prints where the demo firm and
the fund portal are, the balancer answers there, and Ctrl-C stops every process it started. (The
firms behind those host names: tests/browser/test_cluster.py.)"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from ops.cluster import free_port

ROOT = Path(__file__).resolve().parents[2]
READY = "Ctrl-C stops everything."


def listening(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def health(port: int) -> int:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=10) as response:
        return response.status


@pytest.mark.slow
def test_the_cluster_command_prints_both_addresses_and_ctrl_c_stops_every_process(tmp_path):
    port = free_port()
    # Its own throwaway PostgreSQL server: the demo firm and the fund portal stay out of the test server's registry.
    environment = {name: value for name, value in os.environ.items()
                   if name not in ("DEVTALK_DB", "DEVTALK_DATABASE_URL", "DEVTALK_FIRM")}
    log = tmp_path / "cluster.out"
    with open(log, "wb") as output:
        command = subprocess.Popen([sys.executable, "-m", "ops.cluster", "--port", str(port)], cwd=ROOT,
                                   env=environment, stdout=output, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 240
        while READY not in log.read_text(errors="replace"):
            assert command.poll() is None and time.monotonic() < deadline, log.read_text(errors="replace")
            time.sleep(0.5)
        printed = log.read_text()
        assert f"http://demo.localhost:{port}/" in printed
        assert f"http://fonds.localhost:{port}/" in printed
        assert "fondsbeheer" in printed  # the fund administrator, with a password shown once
        servers = [int(found) for found in re.findall(r"app\d: http://127\.0\.0\.1:(\d+)", printed)]
        assert len(servers) == 2
        assert health(port) == 200

        command.send_signal(signal.SIGINT)
        assert command.wait(timeout=60) == 0
        assert not any(listening(each) for each in (port, *servers))
    finally:
        if command.poll() is None:
            command.kill()
