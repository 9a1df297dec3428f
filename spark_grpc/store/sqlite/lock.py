"""One server per SQLite file: an exclusive ``flock`` on the database file.

SQLite's own locks are POSIX record locks (``fcntl``); ``flock`` locks are a
separate kind on Linux and the BSDs, so this lock never blocks the seed
module or SQLite itself: it only tells a second server that the file is
served. The descriptor stays open for the server's life (closing another
descriptor of the file would drop SQLite's record locks of this process).
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path


class FileServed(ValueError):
    """Another server holds the file."""


class ServedFile:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def acquire(self) -> None:
        # O_CREAT: an empty file is what SQLite makes of a new database.
        fd = os.open(self.path, os.O_RDONLY | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise FileServed(
                f"another spark-grpc server already serves {self.path}: stop it first, or pass"
                " --shared-sqlite (SPARK_SHARED_SQLITE=true) to serve the file from both"
            ) from None
        except OSError:
            # A file system without flock: nothing to check with.
            pass
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
