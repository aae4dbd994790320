"""Files that hold a firm's HR data (the database and its WAL, backups, exports, printed reports)
are readable by their owner only, whatever the umask: 0600 for files, 0700 for folders devtalk makes.

SQLite creates a database's -wal, -shm and -journal files with the database file's own mode, so
making that file private first keeps them private too.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

FILE_MODE, DIRECTORY_MODE = 0o600, 0o700


def private_directory(path: Path) -> None:
    """Create the folder and any missing parents as 0700; folders that already exist are not ours
    to change (``/tmp``, a mounted volume)."""
    path = Path(path)
    missing = [folder for folder in (path, *path.parents) if not folder.exists()]
    path.mkdir(parents=True, exist_ok=True)
    for folder in missing:
        os.chmod(folder, DIRECTORY_MODE)


def private_file(path: Path) -> None:
    """Create the file empty as 0600 when it is missing; tighten one we own that others can read
    (written by an older devtalk), leaving its content as it is.

    An existing file is only looked at by its path, never opened: closing any descriptor of a
    database file drops every POSIX lock this process holds on it, so the server's other SQLite
    connections to it would lose theirs (SQLite then reports "disk I/O error" or worse).
    """
    path = Path(path)
    private_directory(path.parent)
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
        return
    except FileExistsError:
        pass
    found = os.stat(path)
    if stat.S_IMODE(found.st_mode) != FILE_MODE and found.st_uid == os.getuid() and stat.S_ISREG(found.st_mode):
        os.chmod(path, FILE_MODE)


def write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to a file only its owner can read."""
    private_file(path)
    Path(path).write_bytes(data)
