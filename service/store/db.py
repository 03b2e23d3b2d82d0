"""SQLite connection helper shared by the store modules.

WAL mode lets the API read while another process (CLI, second replica on the same disk) writes;
``synchronous=FULL`` makes every committed row survive a crash or kill -9.

Writers of one process queue on a lock per database file before ``BEGIN IMMEDIATE``. Without it, threads
that find the write lock taken go to SQLite's busy handler, which sleeps in growing steps (up to 100 ms) and
lets newcomers overtake: 50 threads writing one row each 40 times got 180-240 commits/s with single commits
waiting up to 8-11 s, and with the lock 700-780 commits/s, none over 1.6 s (2 busy cores; issue 17's load
test, where every answer commits its conversation). Other processes still meet at SQLite's own lock.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_write_locks: dict[str, threading.RLock] = {}
_write_locks_guard = threading.Lock()


def _write_lock(path: Path) -> threading.RLock:
    key = str(path.resolve())
    with _write_locks_guard:
        lock = _write_locks.get(key)
        if lock is None:
            lock = _write_locks[key] = threading.RLock()
        return lock


class Database:
    """One connection per thread; ``transaction()`` commits or rolls back atomically."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        self._write = _write_lock(path)

    def conn(self) -> sqlite3.Connection:
        c = getattr(self._local, "conn", None)
        if c is None:
            c = sqlite3.connect(str(self.path), timeout=30, check_same_thread=False)
            c.row_factory = sqlite3.Row
            c.execute("PRAGMA journal_mode=WAL")
            c.execute("PRAGMA synchronous=FULL")
            c.execute("PRAGMA foreign_keys=ON")
            self._local.conn = c
        return c

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        c = self.conn()
        with self._write:  # this process's writers queue here, not in SQLite's sleeping busy handler
            try:
                c.execute("BEGIN IMMEDIATE")
                yield c
                c.execute("COMMIT")
            except BaseException:
                c.execute("ROLLBACK")
                raise

    def executescript(self, sql: str) -> None:
        c = self.conn()
        c.executescript(sql)
        c.commit()
