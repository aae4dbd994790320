"""`python -m bench`: measure page and service speed against a floor taken in the same run."""

from __future__ import annotations

from pathlib import Path

import click

from bench.run import run_bench, table


@click.command()
@click.option("--answers", default=1_000_000, show_default=True, help="Size of the synthetic database in answers.")
@click.option("--repeat", default=15, show_default=True, help="Timed runs per figure.")
@click.option("--json", "json_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also write the figures as JSON to this file.")
def main(answers: int, repeat: int, json_path: Path | None) -> None:
    """Measure page and service speed against a floor taken in the same run."""
    click.echo(table(run_bench(answers, repeat, json_path)))


if __name__ == "__main__":
    main()
