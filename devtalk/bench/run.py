"""Running the whole benchmark: seed a large and a small database, measure, report."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import click

from devtalk.bench import figures
from devtalk.bench.seed import seed

SMALL_ANSWERS = 10_000


def run_bench(answers: int, repeat: int, json_path: Path | None) -> list[figures.Figure]:
    with tempfile.TemporaryDirectory() as folder:
        with click.progressbar(length=answers, label="seeding") as bar:
            large = seed(Path(folder) / "large.db", answers, lambda done, total: bar.update(done - bar.pos))
        small = seed(Path(folder) / "small.db", min(SMALL_ANSWERS, answers))
        results = [figures.seeding_figure(large), figures.autosave_figure(large, repeat * 10)]
        compare_page, compare_floor = figures.comparison_samples(large, repeat)
        results.append(figures.ratio_figure("comparison page", compare_page, compare_floor, 1.5))
        fill_page, fill_floor = figures.fill_in_samples(large, repeat)
        results.append(figures.ratio_figure("fill-in page rerun, 60 items", fill_page, fill_floor, 1.3, 150))
        dossier_page, dossier_floor = figures.dossier_samples(large, repeat)
        results.append(figures.ratio_figure("dossier page, 12 years", dossier_page, dossier_floor, 1.5))
        results.append(figures.completion_figure(large, repeat))
        results.append(figures.heatmap_figure(large, repeat))
        results.append(figures.report_pdf_figure(large, max(3, repeat // 2)))
        small_compare, _ = figures.comparison_samples(small, repeat)
        small_dossier, _ = figures.dossier_samples(small, repeat)
        results.append(figures.growth_figure("growth: comparison page", small_compare, compare_page))
        results.append(figures.growth_figure("growth: dossier page", small_dossier, dossier_page))
        for database in (large.db, small.db):
            database.conn.close()
    if json_path:
        json_path.write_text(json.dumps([f.as_json() for f in results], indent=2), encoding="utf-8")
    return results


def table(results: list[figures.Figure]) -> str:
    header = f"{'figure':34} {'unit':10} {'median':>10} {'p95':>10} {'floor':>10} {'ratio':>7}  target / pass"
    rows = [
        f"{f.name:34} {f.unit:10} {f.median:>10} {f.p95:>10} {'' if f.floor is None else f.floor:>10} "
        f"{'' if f.ratio is None else f.ratio:>7}  {f.target} {'ok' if f.passed else 'MISSED'}"
        for f in results
    ]
    return "\n".join([header, *rows])
