"""Helpers for tests that start real processes: free ports, the ``study`` CLI, a uvicorn API server and a
Chroma server, each with readiness polling and cleanup by process id."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import httpx

from service.config import REPO_ROOT


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def study_env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "HF_HUB_OFFLINE": "1",
            "TRANSFORMERS_OFFLINE": "1",
            "ANONYMIZED_TELEMETRY": "False",
            "STUDY_DATA_DIR": str(data_dir),
            "STUDY_EMBEDDING_BACKEND": "hash",
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.update(extra)
    return env


def study_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "service", *args]


def wait_http(
    url: str,
    proc: subprocess.Popen[bytes] | None = None,
    timeout_s: float = 90.0,
    log: IO[bytes] | None = None,
) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            out = _tail(log) if log is not None else ""
            raise RuntimeError(f"process exited with {proc.returncode}: {out}")
        try:
            if httpx.get(url, timeout=2.0).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise TimeoutError(f"{url} not ready after {timeout_s}s")


def _log_file(prefix: str) -> IO[bytes]:
    """Server output goes to a temp file: a never-read pipe fills up and blocks the server."""
    return tempfile.NamedTemporaryFile(prefix=prefix, suffix=".log", delete=False)


def _tail(log: IO[bytes]) -> str:
    log.flush()
    return Path(log.name).read_bytes()[-3000:].decode(errors="replace")


def stop(proc: subprocess.Popen[bytes], sig: int = signal.SIGTERM) -> None:
    if proc.poll() is None:
        proc.send_signal(sig)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=20)


@contextmanager
def api_server(data_dir: Path, **env: str) -> Iterator[str]:
    """``study serve`` on a free loopback port; yields the base URL."""
    port = free_port()
    log = _log_file("study-serve-")
    proc = subprocess.Popen(
        study_cmd("serve", "--host", "127.0.0.1", "--port", str(port)),
        env=study_env(data_dir, **env),
        cwd=REPO_ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_http(base + "/healthz", proc, log=log)
        yield base
    finally:
        stop(proc)
        log.close()
        Path(log.name).unlink(missing_ok=True)


@contextmanager
def chroma_server(path: Path) -> Iterator[int]:
    """``chroma run`` from the venv on a free loopback port; yields the port."""
    chroma = Path(sys.executable).parent / "chroma"
    port = free_port()
    log = _log_file("chroma-")
    proc = subprocess.Popen(
        [str(chroma), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
        env={**os.environ, "ANONYMIZED_TELEMETRY": "False"},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_http(f"http://127.0.0.1:{port}/api/v2/heartbeat", proc, timeout_s=60, log=log)
        yield port
    finally:
        stop(proc)
        log.close()
        Path(log.name).unlink(missing_ok=True)
