"""A throwaway PostgreSQL server in a temp folder: Debian's binaries, a free port on 127.0.0.1, trust
sign-in from this machine only, and the folder gone after stop(). The tests (one server per pytest
worker) and `make cluster` start one, since CI has no database server running.

PostgreSQL refuses to run as root, so as root initdb and the server run as the `postgres` user
(runuser) and the folder belongs to it.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Self

DEBIAN_BINARIES = Path("/usr/lib/postgresql")
SUPERUSER = "postgres"
# Durability a test's throwaway data does without: about twice as fast on a busy disk.
TEST_SPEED = {"fsync": "off", "synchronous_commit": "off", "full_page_writes": "off"}


class PostgresMissing(RuntimeError):
    """No PostgreSQL server binaries on this machine."""


def binaries(root: Path = DEBIAN_BINARIES) -> Path:
    """The bin folder of the newest PostgreSQL that Debian's `postgresql` package put here."""
    found = sorted((path.parent for path in root.glob("*/bin/initdb")),
                   key=lambda folder: int(folder.parent.name) if folder.parent.name.isdigit() else 0)
    if not found:
        raise PostgresMissing(
            f"PostgreSQL is not installed: no {root}/*/bin/initdb. Install Debian's package: "
            "apt-get install postgresql (make test does).")
    return found[-1]


def free_port() -> int:
    """A local port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Server:
    """A running throwaway server; stop() ends it and removes its folder."""

    folder: Path
    port: int
    bin: Path

    @property
    def data(self) -> Path:
        return self.folder / "data"

    @property
    def log(self) -> Path:
        return self.folder / "server.log"

    @property
    def superuser_url(self) -> str:
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/postgres"

    def stop(self) -> None:
        """Stop the server (open connections are cut) and remove its folder."""
        if self.data.exists():
            _run([self.bin / "pg_ctl", "stop", "-D", self.data, "-m", "fast", "-w"], check=False)
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def start(fast: bool = True, parent: Path | None = None) -> Server:
    """A new server in a folder of its own under ``parent`` (the system temp folder by default).
    ``fast`` trades durability for speed: for tests, never for data anyone keeps."""
    bin_folder = binaries()
    folder = Path(tempfile.mkdtemp(prefix="devtalk-pg-", dir=parent))
    server = Server(folder, free_port(), bin_folder)
    try:
        _own(folder)
        _run([bin_folder / "initdb", "-D", server.data, "-U", SUPERUSER, "--auth=trust", "--encoding=UTF8",
              "--locale=C.UTF-8", *(["--no-sync"] if fast else [])])
        # Only this machine reaches it: trust sign-in is safe on 127.0.0.1 and the folder's own socket.
        settings = {"listen_addresses": "'127.0.0.1'", "unix_socket_directories": f"'{folder}'",
                    **(TEST_SPEED if fast else {})}
        with open(server.data / "postgresql.conf", "a", encoding="utf-8") as conf:
            conf.writelines(f"{name} = {value}\n" for name, value in settings.items())
        _listen(server)
    except BaseException:
        server.stop()
        raise
    return server


def _listen(server: Server, attempts: int = 3) -> None:
    """Start the server on its port; a port someone took since it was found free gets a new one."""
    for attempt in range(attempts):
        started = _run([server.bin / "pg_ctl", "start", "-D", server.data, "-l", server.log, "-w", "-t", "120",
                        "-o", f"-p {server.port}"], check=False)
        if started.returncode == 0:
            return
        if "already in use" not in _tail(server.log) or attempt == attempts - 1:
            raise RuntimeError(f"PostgreSQL did not start:\n{started.stdout}{_tail(server.log)}")
        server.port = free_port()


def _as_root() -> bool:
    return os.geteuid() == 0


def _own(folder: Path) -> None:
    """As root, the folder becomes the postgres user's: the server refuses to run as root."""
    if _as_root():
        account = pwd.getpwnam(SUPERUSER)
        os.chown(folder, account.pw_uid, account.pw_gid)


def _run(command: list, check: bool = True) -> subprocess.CompletedProcess:
    """A PostgreSQL tool, as the postgres user when we are root; its output together, for errors."""
    arguments = [str(part) for part in command]
    if _as_root():
        arguments = ["runuser", "-u", SUPERUSER, "--", *arguments]
    done = subprocess.run(arguments, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False)
    if check and done.returncode != 0:
        raise RuntimeError(f"{' '.join(arguments)} failed:\n{done.stdout}")
    return done


def _tail(log: Path, lines: int = 20) -> str:
    try:
        return "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return ""
