from devtalk.cli import cli

cli(prog_name="python -m devtalk")
