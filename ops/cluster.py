"""`make cluster` (`python -m ops.cluster`): devtalk as a fund or an accountant's office hosts it,
all on this machine: PostgreSQL (a throwaway server of its own, or DEVTALK_DATABASE_URL's), several
`streamlit run app.py` servers on ports of their own, and Debian's HAProxy in front of them with
sticky sessions (ops/haproxy.cfg). Ctrl-C stops everything.

The cluster test (tests/browser/test_cluster.py) and the load bench (`python -m bench --load
--servers N`) start the same `Cluster` and stop one of its servers or measure all of them.
"""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from string import Template
from typing import Self

import click

from db import tenants
from devtalk import config
from ops import postgres
from ops.postgres import free_port

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = Path(__file__).with_name("haproxy.cfg")
HAPROXY = os.environ.get("DEVTALK_HAPROXY", "/usr/sbin/haproxy")
START_SECONDS = 90  # a new server imports pandas, Altair and the PDF libraries; on a busy 2-core machine
STOP_SECONDS = 20
DEMO_FIRM = "demo"  # the demo firm's address: demo.localhost
FUND_ADMIN = "fondsbeheer"  # the fund portal's first administrator


class ClusterFailed(RuntimeError):
    """A part of the cluster did not start; the message ends with the tail of its log."""


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=1) as response:
            return response.status == 200
    except OSError:
        return False


@dataclass
class Process:
    """A program of the cluster with its log file, started and stopped by its own process id."""

    name: str
    log: Path
    process: subprocess.Popen | None = field(default=None, repr=False)

    def launch(self, command: list[str], env: dict[str, str] | None = None) -> None:
        with open(self.log, "ab") as output:
            self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT,
                                            start_new_session=True)  # Ctrl-C reaches the cluster, which stops it

    def wait_until(self, url: str) -> None:
        deadline = time.monotonic() + START_SECONDS
        while not healthy(url):
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise ClusterFailed(f"{self.name} did not start ({url})\n{self.log_tail()}")
            time.sleep(0.2)

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self, how: signal.Signals = signal.SIGTERM) -> None:
        if not self.running:
            return
        self.process.send_signal(how)
        try:
            self.process.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def log_tail(self) -> str:
        return self.log.read_text(errors="replace")[-3000:] if self.log.exists() else ""


@dataclass
class AppServer(Process):
    """One `streamlit run app.py`; its name is HAProxy's name for it and the value of SERVERID."""

    port: int = 0
    env: dict[str, str] = field(default_factory=dict, repr=False)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def launch_server(self) -> None:
        self.launch([sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(self.port),
                     "--server.address", "127.0.0.1", "--server.headless", "true"], self.env)


class Cluster:
    """``count`` app servers serving the database that ``env`` names, and HAProxy on ``port``."""

    def __init__(self, env: dict[str, str], folder: Path, count: int = 2, port: int | None = None,
                 bind: str = "127.0.0.1", server_ports: list[int] | None = None) -> None:
        self.port = port or free_port()
        self.bind = bind
        self.folder = folder
        server_env = {
            **os.environ, **env,
            # Streamlit signs its XSRF cookie (uploads) and st.login's cookie with this secret: random
            # per process unless set, so a tab moved to another server would be refused there.
            "STREAMLIT_SERVER_COOKIE_SECRET": secrets.token_urlsafe(32),
            # The servers see the balancer's address; its X-Forwarded-For names the person's.
            "DEVTALK_TRUSTED_PROXIES": "127.0.0.1",
        }
        ports = server_ports or [free_port() for _ in range(count)]
        self.servers = [AppServer(f"app{number}", folder / f"app{number}.log", port=server_port, env=server_env)
                        for number, server_port in enumerate(ports, start=1)]
        self.balancer = Process("haproxy", folder / "haproxy.log")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def server(self, name: str) -> AppServer:
        return next(server for server in self.servers if server.name == name)

    def start(self) -> None:
        for server in self.servers:  # all import at once: on two cores that halves the wait
            server.launch_server()
        for server in self.servers:
            server.wait_until(f"{server.url}/_stcore/health")
        settings = self.folder / "haproxy.cfg"
        settings.write_text(haproxy_config(f"{self.bind}:{self.port}", self.servers), encoding="utf-8")
        checked = subprocess.run([HAPROXY, "-c", "-f", str(settings)], check=False, capture_output=True, text=True)
        if checked.returncode:
            raise ClusterFailed(f"HAProxy refused {settings}:\n{checked.stdout}{checked.stderr}")
        self.balancer.launch([HAPROXY, "-db", "-f", str(settings)])
        self.balancer.wait_until(f"{self.url}/_stcore/health")

    def stop(self) -> None:
        self.balancer.stop()
        for server in self.servers:
            server.stop()

    def __enter__(self) -> Self:
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *_exc) -> None:
        self.stop()


def haproxy_config(bind: str, servers: list[AppServer]) -> str:
    lines = [f"    server {server.name} 127.0.0.1:{server.port} check cookie {server.name}" for server in servers]
    return Template(TEMPLATE.read_text(encoding="utf-8")).substitute(bind=bind, servers="\n".join(lines))


@contextmanager
def postgres_url():
    """The app's URL with the firm registry ready: DEVTALK_DATABASE_URL when set (a server whose
    roles `db.tenants.bootstrap` made once); else a throwaway server of our own, gone with its data
    when the cluster stops."""
    url = config.database_url()
    if url:
        tenants.prepare(url)
        yield url
        return
    with postgres.start(fast=False) as server:
        url = tenants.bootstrap(server.superuser_url, secrets.token_urlsafe(16))
        tenants.prepare(url)
        yield url


@contextmanager
def demo_firms():
    """The app servers' environment: PostgreSQL with the demo firm and the fund portal, each made
    through the command line the first time (its fund administrator's password is printed once)."""
    with postgres_url() as url:
        env = {**os.environ, "DEVTALK_DATABASE_URL": url, "DEVTALK_FIRM": DEMO_FIRM}
        if tenants.firm_by_slug(url, DEMO_FIRM) is None:
            subprocess.run([sys.executable, "-m", "devtalk", "demo", "--firm", DEMO_FIRM], cwd=ROOT, env=env, check=True)
        if tenants.firm_by_slug(url, config.fund_slug()) is None:
            subprocess.run([sys.executable, "-m", "devtalk", "fund-admin", "add", FUND_ADMIN, "--name", "Fondsbeheer"],
                           cwd=ROOT, env=env, check=True)
        yield {"DEVTALK_DATABASE_URL": url, "DEVTALK_FIRM": DEMO_FIRM}


@click.command()
@click.option("--servers", "count", default=2, show_default=True, help="Number of app servers.")
@click.option("--port", default=8600, show_default=True, help="The balancer's port; the servers take the next ones.")
@click.option("--bind", default="127.0.0.1", show_default=True,
              help="The balancer's address (0.0.0.0: reachable from phones on this network).")
def main(count: int, port: int, bind: str) -> None:
    """Start PostgreSQL with the demo firm and the fund portal, several app servers and HAProxy in front."""
    if not Path(HAPROXY).exists():
        raise click.ClickException(f"HAProxy not found at {HAPROXY}: run `make cluster` (it installs Debian's haproxy)")
    # Ctrl-C stops everything, also when started where SIGINT is ignored (a shell's background job);
    # `kill` too.
    for stopping in (signal.SIGINT, signal.SIGTERM):
        signal.signal(stopping, signal.default_int_handler)
    with tempfile.TemporaryDirectory(prefix="devtalk-cluster-") as folder, demo_firms() as env:
        cluster = Cluster(env, Path(folder), count, port, bind, [port + number for number in range(1, count + 1)])
        with cluster:
            for server in cluster.servers:
                click.echo(f"{server.name}: {server.url} (log {server.log})")
            click.echo(f"The demo firm: http://{DEMO_FIRM}.localhost:{port}/ (hr, manager or employee; password demo)")
            click.echo(f"The fund portal: http://{config.fund_slug()}.localhost:{port}/ ({FUND_ADMIN}; the password above)")
            click.echo("Ctrl-C stops everything.")
            try:
                signal.pause()
            except KeyboardInterrupt:
                click.echo("Stopping ...")


if __name__ == "__main__":
    main()
