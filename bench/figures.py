"""Each benchmark figure: the real thing timed, its floor timed in the same run, and the target."""

from __future__ import annotations

import os
import statistics
import time
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from bench import floor_sql, twins
from bench.seed import CERTIFICATE_TYPES, FUNCTION, PASSWORD, Seeded
from db.conversations import update_conversation

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Figure:
    name: str
    unit: str
    median: float
    p95: float
    floor: float | None
    ratio: float | None
    target: str
    passed: bool

    def as_json(self) -> dict:
        data = asdict(self)
        data["pass"] = data.pop("passed")
        return data


def milliseconds(operation) -> float:
    started = time.perf_counter()
    operation()
    return (time.perf_counter() - started) * 1000


def timed(operation, repeat: int) -> list[float]:
    """Milliseconds per call, after one warm-up call."""
    operation()
    return [milliseconds(operation) for _ in range(repeat)]


def interleaved(operations: dict[str, tuple], repeat: int) -> dict[str, list[float]]:
    """Milliseconds of each named operation (the sum of its parts), taken turn about, so a
    change in the machine's load during the run weighs on all of them alike."""
    for parts in operations.values():
        for part in parts:
            part()
    samples: dict[str, list[float]] = {name: [] for name in operations}
    for _ in range(repeat):
        for name, parts in operations.items():
            samples[name].append(sum(milliseconds(part) for part in parts))
    return samples


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


@contextmanager
def compiled_once():
    """AppTest compiles every script afresh on each run; the real server compiles a page once
    per process and keeps the bytecode. While measuring, pages and twins share one cache, as
    on the server, so compiling does not count against the bigger script.

    Streamlit offers no option for this: it is the bench's one reach into AppTest's module,
    checked first so that a Streamlit that builds its cache another way stops the bench
    instead of quietly measuring compile time again."""
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import app_test

    if getattr(app_test, "ScriptCache", None) is not ScriptCache:
        raise RuntimeError("this Streamlit's AppTest no longer builds its own ScriptCache: see bench/figures.compiled_once")
    shared = ScriptCache()
    app_test.ScriptCache = lambda: shared
    try:
        yield
    finally:
        app_test.ScriptCache = ScriptCache


def page_run(seeded: Seeded, page: str, person_id: int, **params):
    """A run of a real page through AppTest, signed in as ``person_id`` through a real session."""
    from streamlit.testing.v1 import AppTest

    from db.people import get_person
    from devtalk.services import auth

    token = auth.sign_in(seeded.db, get_person(seeded.db, person_id).username, PASSWORD)
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.session_state["session_token"] = token
    app.session_state["lang"] = "nl"
    for name, value in params.items():
        app.query_params[name] = str(value)
    with database_named(seeded.path):
        started(app.switch_page(page), page)

    def run() -> None:
        with database_named(seeded.path):
            app.run()

    return run


@contextmanager
def database_named(path: Path):
    """The app's database for one run. The app takes it from DEVTALK_DB (devtalk.config), as on
    a server, so there is no argument to pass it by; runs on the small and the large database
    take turns, and afterwards the environment is as the bench found it."""
    before = os.environ.get("DEVTALK_DB")
    os.environ["DEVTALK_DB"] = str(path)
    try:
        yield
    finally:
        if before is None:
            del os.environ["DEVTALK_DB"]
        else:
            os.environ["DEVTALK_DB"] = before


def started(app, name: str):
    """The app after a first run; an error page renders fast, so a figure only counts if the
    page showed what it should."""
    app.run()
    if app.exception or app.error:
        raise RuntimeError(f"{name} failed in the benchmark: {[e.value for e in (*app.exception, *app.error)]}")
    return app


def twin_app(within: Path, function, *args):
    """An AppTest of a static twin, run the way AppTest runs a real page (its files go in the
    folder ``within``).

    For a project with a pages/ folder AppTest builds a page object for every file in it
    before each run (the real server does not: app.py's st.navigation replaces that). So the
    twin gets a folder of its own with a pages/ folder of as many files as ours, and that
    harness cost weighs on page and floor alike. Its constants wait in ``twins.ARGUMENTS``."""
    import tempfile

    from streamlit.testing.v1 import AppTest

    folder = Path(tempfile.mkdtemp(prefix="twin-", dir=within))
    (folder / "pages").mkdir()
    for page in (ROOT / "pages").glob("*.py"):
        (folder / "pages" / page.name).write_text("", encoding="utf-8")
    twins.ARGUMENTS[folder.name] = args
    script = folder / "twin.py"
    script.write_text(f"from bench import twins\ntwins.{function.__name__}(*twins.ARGUMENTS[{folder.name!r}])\n",
                      encoding="utf-8")
    return started(AppTest.from_file(str(script), default_timeout=60), function.__name__)


def ratio_figure(name: str, page_samples, floor_samples, limit: float, absolute_ms: float | None = None) -> Figure:
    median, floor = statistics.median(page_samples), statistics.median(floor_samples)
    ratio = median / floor
    passed = ratio <= limit and (absolute_ms is None or median <= absolute_ms)
    target = f"<={limit}x floor" + (f" and <={absolute_ms:g} ms" if absolute_ms else "")
    return Figure(name, "ms", round(median, 2), round(p95(page_samples), 2), round(floor, 2), round(ratio, 2), target, passed)


def seeding_figure(seeded: Seeded) -> Figure:
    rate = seeded.answers / seeded.answer_seconds
    return Figure("seeding speed", "answers/s", round(rate), round(rate), None, None, ">=100000 answers/s", rate >= 100_000)


def autosave_figure(seeded: Seeded, repeat: int) -> Figure:
    from db.people import get_person
    from devtalk.services import conversations

    employee = get_person(seeded.db, seeded.employee_id)
    open_id = _open_conversation(seeded)
    values = iter(range(10_000))
    samples = timed(lambda: conversations.save_answer(seeded.db, employee, open_id, "item-3", value=1 + next(values) % 5), repeat)
    worst = p95(samples)
    return Figure("autosave of one answer", "ms", round(statistics.median(samples), 3), round(worst, 3), None, None,
                  "p95 <=5 ms", worst <= 5)


def _open_conversation(seeded: Seeded) -> int:
    """The bench's last-round conversation, put back to open so it can be filled in."""
    update_conversation(seeded.db, seeded.conversation_id, status="open", employee_submitted_at=None,
                        manager_submitted_at=None)
    return seeded.conversation_id


def _reveal(seeded: Seeded) -> None:
    stamp = datetime.now(timezone.utc).isoformat()
    update_conversation(seeded.db, seeded.conversation_id, status="ready", employee_submitted_at=stamp,
                        manager_submitted_at=stamp)


def comparison_page(seeded: Seeded) -> tuple:
    """The comparison page, and its floor: the raw SQL of what it shows plus its static twin."""
    from db.people import get_person
    from devtalk.domain.agenda import agenda_scores
    from devtalk.presentation.comparison_frames import dumbbell_spec, section_frames
    from devtalk.services.reports import proposed_agenda
    from devtalk.services.skills import levelled_view

    _reveal(seeded)
    page = page_run(seeded, "pages/comparison.py", seeded.manager_id, conversation=seeded.conversation_id)
    # What the page shows: the comparison with the job function's required levels, and the agenda
    # with the skills below them and the certificates due.
    manager = get_person(seeded.db, seeded.manager_id)
    view = levelled_view(seeded.db, manager, seeded.conversation_id)
    tables = [frame.to_dict("list") for _, likert, opens in section_frames(view.comparison, "nl")
              for frame in (likert, opens) if frame is not None]
    shown = min(8, len(view.comparison.likert)) + len(view.comparison.open)
    agenda = proposed_agenda(seeded.db, manager, view, [])
    scored = sum(1 for point in agenda if agenda_scores(point, view.comparison, "nl"))
    twin = twin_app(seeded.path.parent, twins.comparison_twin, len(view.comparison.sections), tables,
                    dumbbell_spec(view.comparison, "nl"), shown, len(agenda), scored)
    return page, (twin.run, lambda: floor_sql.comparison(seeded.db, seeded.conversation_id))


def fill_in_page(seeded: Seeded) -> tuple:
    from db.people import get_person
    from devtalk.services.conversations import open_form

    open_id = _open_conversation(seeded)
    page = page_run(seeded, "pages/fill_in.py", seeded.employee_id, conversation=open_id)
    form = open_form(seeded.db, get_person(seeded.db, seeded.employee_id), open_id)
    labels = {point: f"{point} · label" for point in (1, 2, 3, 4, 5)} | {"na": "n.v.t."}
    sections = [[labels if item.type == "likert" else None for item in section.items] for section in form.sections]
    twin = twin_app(seeded.path.parent, twins.fill_in_twin, sections)
    return page, (twin.run, lambda: floor_sql.fill_in(seeded.db, open_id))


def dossier_page(seeded: Seeded) -> tuple:
    from db.people import get_person
    from devtalk.presentation.comparison_frames import likert_frame, open_frame
    from devtalk.presentation.dossier_frames import overview_frame
    from devtalk.services.conversations import comparison_view
    from devtalk.services.dossier import overview

    _reveal(seeded)
    page = page_run(seeded, "pages/dossier.py", seeded.employee_id)
    employee = get_person(seeded.db, seeded.employee_id)
    found, numbers = overview(seeded.db, employee, seeded.employee_id)
    newest = comparison_view(seeded.db, employee, found.entries[0].conversation.id).comparison
    report = found.entries[0].report
    texts = [text for text in (report.summary, report.agreements, report.employee_comment) if text] if report else []
    twin = twin_app(seeded.path.parent, twins.dossier_twin, overview_frame(found.entries, numbers, "nl").to_dict("list"),
                    likert_frame(newest, "nl").to_dict("list"), open_frame(newest, "nl").to_dict("list"),
                    [entry.round.name for entry in found.entries], texts)
    return page, (twin.run, lambda: floor_sql.dossier(seeded.db, seeded.employee_id))


def report_pdf_figure(seeded: Seeded, repeat: int) -> Figure:
    """The conversation report with its chart for the 60-item bench questionnaire, built afresh
    each time (the pictures of the chart forgotten), as for a conversation nobody printed before."""
    from db.people import get_person
    from devtalk.presentation.pdf import chart
    from devtalk.services.printing import conversation_report_pdf
    from devtalk.services.reports import mark_held

    _reveal(seeded)
    manager = get_person(seeded.db, seeded.manager_id)
    mark_held(seeded.db, manager, seeded.conversation_id)

    def build() -> None:
        chart._laid_out.cache_clear()
        conversation_report_pdf(seeded.db, manager, seeded.conversation_id, "nl")

    samples = timed(build, repeat)
    median = statistics.median(samples)
    return Figure("report PDF with chart, 60 items", "ms", round(median, 1), round(p95(samples), 1), None, None,
                  "<=1500 ms", median <= 1500)


def completion_figure(seeded: Seeded, repeat: int) -> Figure:
    """The completion dashboard's data for the newest yearly round (every bench person has a
    conversation in it: 300 or more at the default size)."""
    from db.conversations import conversations_in_round, get_conversation
    from devtalk.services.completion import completion

    round_id = get_conversation(seeded.db, seeded.conversation_id).round_id
    conversations = len(conversations_in_round(seeded.db, round_id))
    samples = timed(lambda: completion(seeded.db, seeded.hr, round_id), repeat)
    median = statistics.median(samples)
    return Figure(f"completion dashboard data, {conversations} conversations", "ms", round(median, 2),
                  round(p95(samples), 2), None, None, "<=200 ms", median <= 200)


def heatmap_figure(seeded: Seeded, repeat: int) -> Figure:
    """The team heatmap's data (its people, and one SQL aggregate of their answers) and its chart
    table, as the HR team page builds them, for the bench's team round of 200 people."""
    from devtalk.presentation.team_frames import heatmap_frame
    from devtalk.services.team import heatmap

    built = heatmap(seeded.db, seeded.hr, seeded.team_round_id, FUNCTION.id)

    def build() -> None:
        heatmap_frame(heatmap(seeded.db, seeded.hr, seeded.team_round_id, FUNCTION.id), "average", "nl")

    samples = timed(build, repeat)
    median = statistics.median(samples)
    return Figure(f"team heatmap data, {len(built.people)} people x {len(built.items)} skill items", "ms", round(median, 1),
                  round(p95(samples), 1), None, None, "<=300 ms", median <= 300)


def matrix_data(seeded: Seeded):
    """The skills matrix's data (levels, requirements, minimums, certificate holders) and its chart
    table, as the matrix page builds them, for the bench's team of 200 people."""
    from devtalk.presentation.matrix_frames import heatmap_frame
    from devtalk.services.matrix import matrix

    return lambda: heatmap_frame(matrix(seeded.db, seeded.hr, team_id=seeded.matrix_team_id), "nl")


def matrix_figure(seeded: Seeded, samples: list[float]) -> Figure:
    from devtalk.services.matrix import matrix

    built = matrix(seeded.db, seeded.hr, team_id=seeded.matrix_team_id)
    median = statistics.median(samples)
    return Figure(f"skills matrix data, {len(built.people)} people x {len(built.skills)} skills + {CERTIFICATE_TYPES} certificate types",
                  "ms", round(median, 1), round(p95(samples), 1), None, None, "<=300 ms", median <= 300)


EXPIRY_PEOPLE, EXPIRY_TYPES = 400, 5  # 2,000 certificates: a firm's whole list several times over


def expiry_figure(repeat: int) -> Figure:
    """HR's expiry dashboard (every active person's certificates that count, with status, and the
    required ones missing) over 2,000 certificates, in a database of its own."""
    import random

    from db import certificates as certificate_repo
    from db import migrate, open_db
    from db.connection import transaction
    from db.people import add_person, save_function
    from devtalk.domain.access import OPERATOR
    from devtalk.domain.models import JobFunction
    from devtalk.services.certificates import dashboard

    rng, database = random.Random(16), open_db(None)
    migrate(database)
    today = datetime.now(timezone.utc).date()
    with transaction(database):
        save_function(database, JobFunction("lasser", "Lasser"))
        types = [certificate_repo.save_type(database, None, ["lasser"] if n < 2 else [], name=f"Certificaat {n}",
                                            validity_months=36, warn_days=90) for n in range(EXPIRY_TYPES)]
        for n in range(EXPIRY_PEOPLE):
            person = add_person(database, name=f"Persoon {n}", username=f"p{n}", function_id="lasser")
            for type_id in types:
                certificate_repo.add_certificate(database, person.id, type_id=type_id, number=f"N-{n}-{type_id}",
                                                 expires_on=today + timedelta(days=rng.randint(-200, 1000)))
    samples = timed(lambda: dashboard(database, OPERATOR), repeat)
    database.close()
    median = statistics.median(samples)
    return Figure(f"expiry dashboard data, {EXPIRY_PEOPLE * EXPIRY_TYPES} certificates", "ms", round(median, 1),
                  round(p95(samples), 1), None, None, "<=100 ms", median <= 100)


def learning_queue_figure(seeded: Seeded, repeat: int) -> Figure:
    """The training coordinator's queue of a plan year (LEARNING_REQUESTS requests, with their
    people, subsidies and evaluations) and the year's budgets, firm and teams, as the queue page
    asks for them; its floor is their raw SQL. The target is the issue's 150 ms."""
    from devtalk.services.learning import budgets, queue

    year = datetime.now(timezone.utc).year
    count = len(queue(seeded.db, seeded.hr, year))
    samples = interleaved({"page": (lambda: queue(seeded.db, seeded.hr, year), lambda: budgets(seeded.db, seeded.hr, year)),
                           "floor": (lambda: floor_sql.learning_queue(seeded.db, year),)}, repeat)
    median, floor = statistics.median(samples["page"]), statistics.median(samples["floor"])
    return Figure(f"learning queue and budget, {count} requests", "ms", round(median, 1), round(p95(samples["page"]), 1),
                  round(floor, 1), round(median / floor, 2), "<=150 ms", median <= 150)


PLAN_PEOPLE, PLAN_TEAMS = 200, 10  # the 200 people, two learning requests each


def training_plan_pdf_figure(repeat: int) -> Figure:
    """The year's training plan PDF for PLAN_PEOPLE people in PLAN_TEAMS teams (two requests each,
    internal and external, a subsidy on every other one), in a database of its own. Its floor is a
    PDF of the same texts, each put on the page without measuring or wrapping: loading the fonts,
    placing that much text and writing the file, which no plan PDF avoids. Target: the issue's 3 s."""
    import random
    from decimal import Decimal

    from db import learning as learning_repo
    from db import migrate, open_db
    from db.connection import transaction
    from db.people import add_person
    from devtalk.domain.access import OPERATOR
    from devtalk.domain.learning import LEARNING_KINDS, Subsidy
    from devtalk.presentation.pdf.document import Document
    from devtalk.presentation.training_plan_frames import line_texts
    from devtalk.services.training_plan import plan, plan_pdf

    rng, database, year = random.Random(17), open_db(None), datetime.now(timezone.utc).year
    migrate(database)
    with transaction(database):
        teams = [add_person(database, name=f"Leidinggevende {n}", username=f"m{n}", roles=("employee", "manager")).id
                 for n in range(PLAN_TEAMS)]
        for n in range(PLAN_PEOPLE):
            person = add_person(database, name=f"Medewerker {n}", username=f"p{n}", manager_id=teams[n % PLAN_TEAMS])
            for number in range(2):
                start = datetime(year, 1, 1).date() + timedelta(days=rng.randint(0, 330))
                request_id = learning_repo.add_request(
                    database, employee_id=person.id, kind=rng.choice(LEARNING_KINDS), what=f"Cursus {rng.randint(1, 60)} lassen",
                    year=year, status=rng.choice(("requested", "approved", "planned", "done", "evaluated")),
                    decision=("internal", "external")[number], provider="Opleidingscentrum Oost", planned_start=start,
                    planned_end=start + timedelta(days=2), estimated_cents=rng.randint(10_000, 300_000), hours=Decimal(16))
                if number == 0:
                    learning_repo.set_subsidy(database, Subsidy(request_id, "OOM", "Opleidingsbudget", 25_000, "applied"),
                                              request_id)
    texts = [text for line in plan(database, OPERATOR, year).lines for text in line_texts(line, "nl").values()]

    def floor() -> None:
        doc = Document("", "", "nl")
        doc.body(8.5)
        for index, text in enumerate(texts):
            if index % 130 == 0 and index:
                doc.add_page()
            doc.text(doc.l_margin + 14 * (index % 10), 30 + 10 * (index % 130 // 10), text)
        doc.to_bytes()

    samples = interleaved({"page": (lambda: plan_pdf(database, OPERATOR, year, "nl"),), "floor": (floor,)}, repeat)
    database.close()
    median, floor_median = statistics.median(samples["page"]), statistics.median(samples["floor"])
    return Figure(f"training plan PDF, {PLAN_PEOPLE} people", "ms", round(median, 1), round(p95(samples["page"]), 1),
                  round(floor_median, 1), round(median / floor_median, 2), "<=3000 ms", median <= 3000)


def growth_figure(name: str, small: list[float], large: list[float]) -> Figure:
    ratio = statistics.median(large) / statistics.median(small)
    return Figure(name, "ms", round(statistics.median(large), 2), round(p95(large), 2), round(statistics.median(small), 2),
                  round(ratio, 2), "<=1.2x the small database", ratio <= 1.2)
