"""Running the whole benchmark: seed a large and a small database, measure, report."""

from __future__ import annotations

import json
import logging
import tempfile
from pathlib import Path

import click

from bench import figures
from bench.seed import Seeded, seed

SMALL_ANSWERS = 10_000


def run_bench(answers: int, repeat: int, json_path: Path | None) -> list[figures.Figure]:
    # Setting up an AppTest outside a script run makes Streamlit warn about a missing script
    # context, harmlessly and several times per page; it would bury the table. (A filter, as
    # Streamlit resets its loggers' levels when it loads its configuration.)
    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").addFilter(
        lambda record: "missing ScriptRunContext" not in record.getMessage())
    with tempfile.TemporaryDirectory() as folder:
        with click.progressbar(length=answers, label="seeding") as bar:
            large = seed(Path(folder) / "large.db", answers, lambda done, total: bar.update(done - bar.pos))
        small = seed(Path(folder) / "small.db", min(SMALL_ANSWERS, answers))
        with figures.compiled_once():
            results = measure(large, small, repeat)
        for database in (large.db, small.db):
            database.close()
    if json_path:
        json_path.write_text(json.dumps([f.as_json() for f in results], indent=2), encoding="utf-8")
    return results


def measure(large: Seeded, small: Seeded, repeat: int) -> list[figures.Figure]:
    results = [figures.seeding_figure(large), figures.autosave_figure(large, repeat * 10)]
    compare, compare_floor = figures.comparison_page(large)
    small_compare, _ = figures.comparison_page(small)
    compared = figures.interleaved({"page": (compare,), "floor": compare_floor, "small": (small_compare,)}, repeat)
    results.append(figures.ratio_figure("comparison page", compared["page"], compared["floor"], 1.5))
    fill, fill_floor = figures.fill_in_page(large)
    filled = figures.interleaved({"page": (fill,), "floor": fill_floor}, repeat)
    results.append(figures.ratio_figure("fill-in page rerun, 60 items", filled["page"], filled["floor"], 1.3, 150))
    dossier, dossier_floor = figures.dossier_page(large)
    small_dossier, _ = figures.dossier_page(small)
    dossiers = figures.interleaved({"page": (dossier,), "floor": dossier_floor, "small": (small_dossier,)}, repeat)
    results.append(figures.ratio_figure("dossier page, 12 years", dossiers["page"], dossiers["floor"], 1.5))
    results.append(figures.completion_figure(large, repeat))
    results.append(figures.heatmap_figure(large, repeat))
    # The same team of 200 on both databases: with twelve years behind it, and without.
    matrices = figures.interleaved({"large": (figures.matrix_data(large),), "small": (figures.matrix_data(small),)}, repeat)
    results.append(figures.matrix_figure(large, matrices["large"]))
    results.append(figures.expiry_figure(repeat))
    results.append(figures.learning_queue_figure(large, repeat))
    results.append(figures.training_plan_pdf_figure(max(3, repeat // 2)))
    results.append(figures.report_pdf_figure(large, max(3, repeat // 2)))
    results.append(figures.growth_figure("growth: comparison page", compared["small"], compared["page"]))
    results.append(figures.growth_figure("growth: dossier page", dossiers["small"], dossiers["page"]))
    results.append(figures.growth_figure("growth: skills matrix data", matrices["small"], matrices["large"]))
    return results


def table(results: list[figures.Figure]) -> str:
    header = f"{'figure':34} {'unit':10} {'median':>10} {'p95':>10} {'floor':>10} {'ratio':>7}  target / pass"
    rows = [
        f"{f.name:34} {f.unit:10} {f.median:>10} {f.p95:>10} {'' if f.floor is None else f.floor:>10} "
        f"{'' if f.ratio is None else f.ratio:>7}  {f.target} {'ok' if f.passed else 'MISSED'}"
        for f in results
    ]
    return "\n".join([header, *rows])
