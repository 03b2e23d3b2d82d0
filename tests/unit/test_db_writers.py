"""Concurrent writers of one process queue on one lock per database file (``service/store/db.py``)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from service.store.db import Database


def test_concurrent_transactions_all_commit_and_share_one_lock_per_file(tmp_path: Path) -> None:
    path = tmp_path / "app.db"
    db = Database(path)
    db.executescript("CREATE TABLE t (id INTEGER PRIMARY KEY, writer INTEGER, n INTEGER)")
    assert Database(tmp_path / "." / "app.db")._write is db._write  # the same file: the same lock
    assert Database(tmp_path / "other.db")._write is not db._write
    errors: list[BaseException] = []

    def writer(w: int) -> None:
        other = Database(path)  # another Database object on the same file, as the stores create them
        try:
            for n in range(15):
                with (db if n % 2 else other).transaction() as c:
                    c.execute("INSERT INTO t (writer, n) VALUES (?, ?)", (w, n))
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(w,)) for w in range(24)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    rows = db.conn().execute("SELECT writer, n FROM t").fetchall()
    assert sorted((r[0], r[1]) for r in rows) == [(w, n) for w in range(24) for n in range(15)]


def test_a_failed_transaction_rolls_back_and_releases_the_lock(tmp_path: Path) -> None:
    db = Database(tmp_path / "app.db")
    db.executescript("CREATE TABLE t (v INTEGER UNIQUE)")
    with pytest.raises(RuntimeError), db.transaction() as c:
        c.execute("INSERT INTO t (v) VALUES (1)")
        raise RuntimeError("boom")
    done = threading.Event()

    def other_thread() -> None:
        with db.transaction() as c:
            c.execute("INSERT INTO t (v) VALUES (2)")
        done.set()

    t = threading.Thread(target=other_thread)
    t.start()
    t.join(10)
    assert done.is_set()  # the lock was released by the failed transaction
    assert [r[0] for r in db.conn().execute("SELECT v FROM t")] == [2]
