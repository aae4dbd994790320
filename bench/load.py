"""The load benchmark (`python -m bench --load`): many phones at once on the real server.

A synthetic firm (bench/seed.py) gets an open round and a sign-in card for each phone through the
product's own services; then, for each number of sessions, a fresh `streamlit run app.py` serves
it while that many phones (bench/load_client.py) sign in with their card's code, follow the link to
their form and tap an answer every 2-3 s. The phones arrive spread over the first third of the
level, so the first ones tap while the later ones open their form, as on a shop floor.

With ``--servers 1,2`` the firm is moved to PostgreSQL and each level is served by that many app
servers behind HAProxy, as `make cluster` runs them (ops/cluster.py), for each number in turn: the
sessions held with two servers against one.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs

import click

from bench.figures import ROOT, Figure, p95
from bench.load_client import Phone, RunFailed
from bench.seed import ITEMS, ROUNDS, SIDES, seed
from db import open_database
from db.conversations import answers_of, conversations_in_round, get_conversation
from devtalk.domain.models import NOT_APPLICABLE
from devtalk.services import invitations, rounds
from ops.cluster import Cluster, ClusterFailed, postgres_url
from ops.postgres import free_port

ROUND_NAME = "Load test"  # the round every phone fills in
BENCH_FIRM = "bench"  # the firm's slug on PostgreSQL
TAP_GAP = (2.0, 3.0)  # seconds between one person's taps
CPUCLOCK_SCHED = 2  # Linux: the process CPU clock that sums every thread's run time (cpu_seconds)
IDLE_SECONDS = 3.0  # the idle server's own CPU is measured this long before the phones arrive
# The bench questionnaire's answer buttons in the order the form draws them (bench/seed.py).
POINTS = (1, 2, 3, 4, 5, NOT_APPLICABLE)
# The issue's targets on a 2-core machine.
TARGET_SESSIONS, TARGET_TAP_MS, CAPACITY_TAP_MS, OPEN_MS = 30, 300, 500, 1000
CPU_PER_TAP_MS, MEMORY_PER_SESSION_MB, CLIENT_SHARE, CAPACITY = 15, 10, 50, 60


@dataclass(frozen=True)
class Level:
    sessions: int
    openings: list[float]  # milliseconds from tapping the link to the drawn form, per phone
    taps: list[float]  # milliseconds from a tap to its finished run
    server_cpu_per_tap_ms: float  # from the moment every phone had its form, idle housekeeping off
    memory_per_session_mb: float
    client_share: float  # percent of one core the load client used
    servers: int = 0  # app servers behind HAProxy; 0: one server reached directly, on the SQLite file


def run_load(answers: int, levels: tuple[int, ...], seconds: float, json_path: Path | None,
             servers: tuple[int, ...] = ()) -> list[Figure]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "load.db"
        warmers = max(servers, default=1)
        codes = load_firm(path, answers, max(levels) + warmers)  # one more per server: the phone that warms it
        with firm_store(path, bool(servers)) as env:
            measured = []
            for count in servers or (0,):
                for sessions in levels:
                    behind = f" on {count} server(s) behind HAProxy" if count else ""
                    click.echo(f"{sessions} session(s) for {seconds:g} s{behind} ...", err=True)
                    measured.append(measure_level(env, codes[:sessions + max(count, 1)], count, seconds,
                                                  Path(folder) / f"servers-{count}-sessions-{sessions}"))
    results = figures_of(measured)
    if json_path:
        json_path.write_text(json.dumps([f.as_json() for f in results], indent=2), encoding="utf-8")
    return results


def load_firm(path: Path, answers: int, phones: int) -> list[str]:
    """A firm of at least ``phones`` employees with years of history, a round open for all of them,
    and a card code for the first ``phones``. PINs are off: the figures are about filling in,
    and choosing a PIN costs one Argon2 hash per person, once."""
    seeded = seed(path, max(answers, phones * ROUNDS * ITEMS * len(SIDES)))
    database, hr = seeded.db, seeded.hr
    version_id = get_conversation(database, seeded.conversation_id).questionnaire_version_id
    opened = rounds.create_round(database, hr, ROUND_NAME, version_id)
    invitations.set_pin_required(database, hr, False)
    employees = sorted(conversation.employee_id for conversation in conversations_in_round(database, opened.round.id))
    codes = [invitations.issue_code(database, hr, person_id) for person_id in employees[:phones]]
    database.close()
    return codes


@contextmanager
def firm_store(path: Path, on_postgres: bool):
    """The app servers' environment: the seeded SQLite file, or the same firm moved to PostgreSQL
    (a throwaway server, as `make cluster` starts one) by `devtalk migrate-to-postgres`'s service."""
    if not on_postgres:
        yield {"DEVTALK_DB": str(path)}
        return
    from devtalk.services.migration_to_postgres import migrate_to_postgres

    with postgres_url() as url:
        migrate_to_postgres(path, url, BENCH_FIRM)
        yield {"DEVTALK_DATABASE_URL": url, "DEVTALK_FIRM": BENCH_FIRM}


def measure_level(env: dict[str, str], codes: list[str], servers: int, seconds: float, folder: Path) -> Level:
    folder.mkdir()
    with serving(env, servers, folder) as (url, pids):
        return asyncio.run(drive(url, pids, env, codes, servers, seconds))


async def drive(url: str, pids: list[int], env: dict[str, str], codes: list[str], servers: int,
                seconds: float) -> Level:
    rng = random.Random(18)
    # A new server process imports the app and fills its caches on the first run: one phone per
    # server does that before the clock starts (the balancer hands each new socket to the server
    # with the fewest open ones), so the figures show what each further phone costs.
    warmers = max(servers, 1)
    warm = [Phone(url, random.Random(number)) for number in range(warmers)]
    for phone, code in zip(warm, codes):
        await phone.connect()
        await phone.sign_in(code)
        await phone.open_form()
        await phone.tap()
    baseline = resident_mb(pids)
    # What the server burns with nobody tapping (Streamlit polls its config files five times a
    # second) is no tap's cost: it is measured here and taken off the CPU per tap.
    idle_from, idle_cpu = time.perf_counter(), cpu_seconds(pids)
    await asyncio.sleep(IDLE_SECONDS)
    idle_rate = (cpu_seconds(pids) - idle_cpu) / (time.perf_counter() - idle_from)
    started, client_started = time.perf_counter(), time.process_time()
    deadline = started + seconds
    phones = [Phone(url, random.Random(rng.random())) for _ in codes[warmers:]]
    # The CPU per tap is taken from the moment the last phone has its form: no opening in it.
    window: list[tuple[float, float]] = []
    opened = []

    def one_more_open() -> None:
        opened.append(True)
        if len(opened) == len(phones):
            window.append((time.perf_counter(), cpu_seconds(pids)))

    outcomes = await asyncio.gather(*(person(phone, code, started + rng.uniform(0, seconds / 3), deadline, one_more_open)
                                      for phone, code in zip(phones, codes[warmers:])))
    all_in, cpu_then = window[0]
    server_cpu = max(0.0, cpu_seconds(pids) - cpu_then - idle_rate * (time.perf_counter() - all_in))
    client_share = 100 * (time.process_time() - client_started) / (time.perf_counter() - started)
    memory = (resident_mb(pids) - baseline) / len(phones)
    for phone in (*warm, *phones):
        await phone.close()
    check_stored(env, (*warm, *phones))
    openings = [opening for opening, _ in outcomes]
    taps = [(at, milliseconds) for _, done in outcomes for at, milliseconds in done]
    in_window = [milliseconds for at, milliseconds in taps if at >= all_in]
    return Level(len(phones), openings, [milliseconds for _, milliseconds in taps],
                 1000 * server_cpu / max(1, len(in_window)), memory, client_share, servers)


async def person(phone: Phone, code: str, arrives: float, deadline: float,
                 opened: Callable[[], None]) -> tuple[float, list[tuple[float, float]]]:
    """One person: scans the card, opens the form, then taps an answer every 2-3 s (at least once)."""
    await asyncio.sleep(max(0.0, arrives - time.perf_counter()))
    await phone.connect()
    await phone.sign_in(code)
    opening = await phone.open_form()
    opened()
    taps = []
    next_tap = time.perf_counter() + phone.rng.uniform(*TAP_GAP)
    while not taps or next_tap < deadline:
        await asyncio.sleep(max(0.0, next_tap - time.perf_counter()))
        at = time.perf_counter()
        taps.append((at, await phone.tap()))
        next_tap = at + phone.rng.uniform(*TAP_GAP)
    return opening, taps


def check_stored(env: dict[str, str], phones) -> None:
    """Every phone's last tap on each item is the answer the database holds: a tap that stored
    nothing would be fast for the wrong reason."""
    database = open_database(env.get("DEVTALK_DATABASE_URL") or env["DEVTALK_DB"], env.get("DEVTALK_FIRM"))
    try:
        for phone in phones:
            conversation = int(parse_qs(phone.query)["conversation"][0])
            stored = answers_of(database, conversation, "employee")
            for item, option in phone.tapped.items():
                answer, point = stored.get(item), POINTS[option]
                held = None if answer is None else NOT_APPLICABLE if answer.not_applicable else answer.value
                if held != point:
                    raise RunFailed(f"conversation {conversation}, {item}: tapped {point}, stored {held}")
    finally:
        database.close()


@contextmanager
def serving(env: dict[str, str], servers: int, folder: Path):
    """The websocket address the phones use and the app servers' process ids: one server reached
    directly (``servers`` 0), or that many behind HAProxy."""
    if not servers:
        with server(env, folder / "server.log") as (url, pid):
            yield url, [pid]
        return
    try:
        with Cluster(env, folder, servers) as cluster:
            yield cluster.url.replace("http://", "ws://"), [app.process.pid for app in cluster.servers]
    except ClusterFailed as failure:
        raise RunFailed(str(failure)) from None


@contextmanager
def server(env: dict[str, str], log: Path):
    """`streamlit run app.py` on a free local port, serving the database ``env`` names: its address
    and process id."""
    port = free_port()
    with open(log, "wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
             "--server.address", "127.0.0.1", "--server.headless", "true"],
            cwd=ROOT, env={**os.environ, **env}, stdout=output, stderr=subprocess.STDOUT)
        try:
            wait_until_up(f"http://127.0.0.1:{port}", process, log)
            yield f"ws://127.0.0.1:{port}", process.pid
        except RunFailed as failure:
            raise RunFailed(f"{failure}\nserver log:\n{log.read_text(errors='replace')[-3000:]}") from None
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def wait_until_up(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        try:
            urllib.request.urlopen(f"{url}/_stcore/health", timeout=1)
            return
        except OSError:
            time.sleep(0.3)
    raise RunFailed(f"streamlit did not start on {url}")


def cpu_seconds(pids: list[int]) -> float:
    """CPU time the app servers have used so far, their exited threads' included (Streamlit runs
    each script run on a thread of its own), to the nanosecond: Linux's CPU-time clock of another
    process, the clock id clock_getcpuclockid(3) gives (``~pid << 3 | CPUCLOCK_SCHED``), which
    Python does not wrap. /proc/PID/stat counts in 10 ms ticks: too coarse for one person's taps
    and for the idle server's few milliseconds a second."""
    return sum(time.clock_gettime((~pid << 3) | CPUCLOCK_SCHED) for pid in pids)


def resident_mb(pids: list[int]) -> float:
    kilobytes = 0
    for pid in pids:
        with open(f"/proc/{pid}/status") as status:
            kilobytes += next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
    return kilobytes / 1024


def figures_of(levels: list[Level]) -> list[Figure]:
    results, capacities = [], {}
    for servers in sorted({level.servers for level in levels}):
        group = [level for level in levels if level.servers == servers]
        alone = next((level for level in group if level.sessions == 1), None)
        for level in group:
            results += level_figures(level, alone)
        capacity = 0
        for level in sorted(group, key=lambda level: level.sessions):
            if p95(level.taps) > CAPACITY_TAP_MS:
                break
            capacity = level.sessions
        capacities[servers] = capacity
        results.append(Figure(f"capacity{behind(servers)}: sessions with p95 tap <={CAPACITY_TAP_MS} ms", "sessions",
                              capacity, capacity, None, None, f">={CAPACITY} sessions (of those measured)",
                              capacity >= CAPACITY))
    for servers, capacity in capacities.items():
        if servers > 1 and 1 in capacities:
            results.append(Figure(f"capacity, {servers} servers against 1", "sessions", capacity, capacity,
                                  capacities[1], round(capacity / max(1, capacities[1]), 2),
                                  "more sessions than 1 server (of those measured)", capacity > capacities[1]))
    return results


def behind(servers: int) -> str:
    """How the phones reached the app, for a figure's name: straight (nothing said) or through HAProxy."""
    return f", {servers} server{'s' if servers > 1 else ''}" if servers else ""


def level_figures(level: Level, alone: Level | None) -> list[Figure]:
    n, taps, openings = level.sessions, level.taps, level.openings
    at = (f"{n} session" if n == 1 else f"{n} sessions") + behind(level.servers)
    tap_p95, open_p95 = p95(taps), p95(openings)
    if n == TARGET_SESSIONS:
        floor = None if alone is None else round(p95(alone.taps), 1)
        ratio = None if floor is None else round(tap_p95 / floor, 2)
        tap = Figure(f"tap -> rerun finished, {at}", "ms", round(statistics.median(taps), 1), round(tap_p95, 1),
                     floor, ratio, f"p95 <={TARGET_TAP_MS} ms and <=2x 1 session",
                     tap_p95 <= TARGET_TAP_MS and (ratio is None or ratio <= 2))
    else:
        tap = Figure(f"tap -> rerun finished, {at}", "ms", round(statistics.median(taps), 1), round(tap_p95, 1),
                     None, None, f"p95 <={CAPACITY_TAP_MS} ms", tap_p95 <= CAPACITY_TAP_MS)
    cpu, memory, share = round(level.server_cpu_per_tap_ms, 1), round(level.memory_per_session_mb, 2), round(level.client_share, 1)
    return [
        tap,
        Figure(f"opening the fill-in page, {at}", "ms", round(statistics.median(openings), 1), round(open_p95, 1),
               None, None, f"p95 <={OPEN_MS} ms", open_p95 <= OPEN_MS),
        Figure(f"server CPU per tap, {at}", "ms CPU", cpu, cpu, None, None, f"<={CPU_PER_TAP_MS} ms",
               cpu <= CPU_PER_TAP_MS),
        Figure(f"server memory per session, {at}", "MB", memory, memory, None, None,
               f"<={MEMORY_PER_SESSION_MB} MB", memory <= MEMORY_PER_SESSION_MB),
        Figure(f"load client CPU share, {at}", "% of core", share, share, None, None,
               f"<={CLIENT_SHARE}% (leaves the server its cores)", share <= CLIENT_SHARE),
    ]
