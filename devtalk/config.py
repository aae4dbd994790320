"""Where things are, from the environment, with embedded defaults for a fresh machine."""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_DB = Path("data") / "devtalk.db"


def database_path() -> Path:
    return Path(os.environ.get("DEVTALK_DB") or DEFAULT_DB)
