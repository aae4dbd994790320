"""`python -m bench`: measure page and service speed against a floor taken in the same run;
`python -m bench --load`: many phones at once on the real server instead."""

from __future__ import annotations

from pathlib import Path

import click

from bench.run import run_bench, table


def levels(_context, _parameter, value: str | None) -> tuple[int, ...]:
    if value is None:
        return ()
    try:
        numbers = tuple(int(part) for part in value.split(","))
    except ValueError:
        raise click.BadParameter("numbers of sessions, comma separated, e.g. 1,10,30,60") from None
    if not numbers or min(numbers) < 1:
        raise click.BadParameter("each level needs at least 1 session")
    return numbers


@click.command()
@click.option("--answers", default=1_000_000, show_default=True, help="Size of the synthetic database in answers.")
@click.option("--repeat", default=15, show_default=True, help="Timed runs per figure.")
@click.option("--json", "json_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also write the figures as JSON to this file.")
@click.option("--load", is_flag=True, help="Measure the real server with many phones at once instead (docs/performance.md).")
@click.option("--load-levels", default="1,10,30,60", show_default=True, callback=levels,
              help="With --load: the numbers of sessions to measure, one after the other.")
@click.option("--load-seconds", default=40.0, show_default=True, help="With --load: seconds of tapping per level.")
@click.option("--servers", default=None, callback=levels,
              help="With --load: the numbers of app servers behind HAProxy to measure each level with, one after "
                   "the other, e.g. 1,2 (the firm then on PostgreSQL, as `make cluster` runs it). "
                   "Default: one server reached directly, on SQLite.")
def main(answers: int, repeat: int, json_path: Path | None, load: bool, load_levels: tuple[int, ...],
         load_seconds: float, servers: tuple[int, ...]) -> None:
    """Measure page and service speed against a floor taken in the same run."""
    if load:
        from bench.load import run_load

        click.echo(table(run_load(answers, load_levels, load_seconds, json_path, servers)))
    else:
        click.echo(table(run_bench(answers, repeat, json_path)))


if __name__ == "__main__":
    main()
