"""Resilience (issue 7): kill -9 during ingest, ingest while serving, restart persistence, outages.

These start real processes (the ``study`` CLI, uvicorn) and are marked ``server``; they use the ``hash``
embedder so they need no model files and stay fast.
"""

from __future__ import annotations

import signal
import subprocess
import threading
import time
from pathlib import Path

import httpx
import pytest
from procs import api_server, study_cmd, study_env

from service.backends.embedders import HashEmbedder
from service.config import REPO_ROOT, Settings
from service.container import build_container
from service.index.generations import is_complete, list_generations, read_current
from service.ingest.pipeline import ingest

pytestmark = pytest.mark.server


def settings_for(data_dir: Path) -> Settings:
    return Settings(_env_file=None, data_dir=data_dir, embedding_backend="hash")  # type: ignore[call-arg]


def write_docs(root: Path, prefix: str, n: int, paragraphs: int = 3) -> None:
    """``n`` small regulations whose ids and texts carry ``prefix`` (so a hit tells its generation)."""
    root.mkdir(parents=True, exist_ok=True)
    for old in root.glob("*.txt"):
        old.unlink()
    for i in range(n):
        body = "\n\n".join(
            f"第{k + 1}条 {prefix}版本规定：党员应当学习第{i}号文件第{k}部分，参加组织生活，遵守纪律。"
            for k in range(paragraphs)
        )
        (root / f"{prefix}-doc{i}.txt").write_text(f"{prefix}学习文件{i}\n\n{body}\n", encoding="utf-8")


def test_kill_9_during_ingest_keeps_last_good_index(tmp_path: Path) -> None:
    kb = tmp_path / "kb"
    settings = settings_for(tmp_path / "data")
    write_docs(kb, "old", 20)
    first = ingest([kb], settings, HashEmbedder(), progress=False)
    good = first.generation
    assert good and read_current(settings.index_root) == good

    # a much larger corpus, so the CLI ingest is still embedding when we kill it
    write_docs(kb, "new", 3000, paragraphs=4)
    proc = subprocess.Popen(
        study_cmd("ingest", str(kb), "--no-progress"),
        env=study_env(settings.data_dir),
        cwd=REPO_ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    killed_mid_build = False
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        fresh = [g for g in list_generations(settings.index_root) if g != good]
        if fresh and not is_complete(settings.index_root / fresh[0]):
            time.sleep(0.05)  # let it get into the embedding loop
            proc.send_signal(signal.SIGKILL)
            killed_mid_build = True
            break
        time.sleep(0.01)
    proc.wait(timeout=30)
    assert killed_mid_build, f"ingest finished (rc={proc.returncode}) before it could be killed"
    assert proc.returncode == -signal.SIGKILL

    # the last good index still serves, unchanged
    assert read_current(settings.index_root) == good
    hits = build_container(settings).retriever.search("党员学习文件 组织生活", top_k=10)
    assert hits and all(h.doc_id.startswith("old-") for h in hits)

    # the next ingest completes (lock released by the kernel, half-written generation cleaned up)
    report = ingest([kb], settings, HashEmbedder(), progress=False)
    assert report.changed and report.generation != good
    assert len(report.added) == 3000 and len(report.removed) == 20
    assert read_current(settings.index_root) == report.generation
    leftovers = [g for g in list_generations(settings.index_root) if not is_complete(settings.index_root / g)]
    assert leftovers == []
    hits = build_container(settings).retriever.search("党员学习文件 组织生活", top_k=10)
    assert hits and all(h.doc_id.startswith("new-") for h in hits)


def test_readers_see_old_or_new_never_a_mixture(tmp_path: Path) -> None:
    kb = tmp_path / "kb"
    settings = settings_for(tmp_path / "data")
    write_docs(kb, "va", 30)
    ingest([kb], settings, HashEmbedder(), progress=False)
    retriever = build_container(settings).retriever

    stop = threading.Event()
    results: list[set[str]] = []
    errors: list[BaseException] = []

    def search_continuously() -> None:
        while not stop.is_set():
            try:
                hits = retriever.search("党员应当学习文件 遵守纪律", top_k=10)
            except BaseException as exc:  # collected and asserted below
                errors.append(exc)
                return
            results.append({h.doc_id.split("-", 1)[0] for h in hits})
            if any(h.doc_id.split("-", 1)[0] not in h.text for h in hits):
                errors.append(AssertionError(f"text of another generation in {hits}"))

    reader = threading.Thread(target=search_continuously)
    reader.start()
    try:
        versions = ["vb", "vc", "vd", "ve", "va"]
        for prefix in versions:
            write_docs(kb, prefix, 30)
            report = ingest([kb], settings, HashEmbedder(), progress=False)
            assert report.changed and len(report.added) == 30
    finally:
        stop.set()
        reader.join(timeout=60)
    assert not errors, errors[:3]
    assert len(results) > 10
    assert all(len(prefixes) == 1 for prefixes in results), [r for r in results if len(r) != 1][:5]
    seen = set().union(*results)
    assert len(seen) >= 2  # the reader really observed swaps


def test_feedback_conversations_and_keys_survive_restart(tmp_path: Path) -> None:
    kb = tmp_path / "kb"
    write_docs(kb, "kb", 5)
    data = tmp_path / "data"
    env = {"STUDY_KNOWLEDGE_DIR": str(kb)}
    with api_server(data, **env) as base:
        answer = httpx.post(base + "/v1/ask", json={"question": "党员应当学习什么文件？"}, timeout=60).json()
        assert answer["answer_id"] and answer["conversation_id"], answer
        fb = httpx.post(
            base + "/v1/feedback", json={"answer_id": answer["answer_id"], "rating": "down"}, timeout=30
        )
        assert fb.status_code == 200, fb.text
        key = httpx.post(base + "/v1/admin/keys", json={"name": "重启测试", "role": "admin"}, timeout=30)
        assert key.status_code == 201
        plaintext = key.json()["key"]
    # a crash, not a clean shutdown: committed rows must already be durable
    with api_server(data, **env) as base:
        headers = {"X-API-Key": plaintext}
        follow = httpx.post(
            base + "/v1/ask",
            json={"question": "第二条呢？", "conversation_id": answer["conversation_id"]},
            headers=headers,
            timeout=60,
        )
        assert follow.status_code == 200, follow.text
        assert follow.json()["conversation_id"] == answer["conversation_id"]
        again = httpx.post(
            base + "/v1/feedback",
            json={"answer_id": answer["answer_id"], "rating": "up"},
            headers=headers,
            timeout=30,
        )
        assert again.status_code == 200, again.text  # the answer id is still known after restart
        keys = httpx.get(base + "/v1/admin/keys", headers=headers, timeout=30).json()["keys"]
        assert [k["name"] for k in keys] == ["重启测试"]
    from service.store.db import Database
    from service.store.feedback import FeedbackStore

    ratings = [r["rating"] for r in FeedbackStore(Database(data / "app.db")).list_for(answer["answer_id"])]
    assert sorted(ratings) == ["down", "up"]


def test_chroma_server_outage_is_a_clear_503(tmp_path: Path) -> None:
    """With STUDY_CHROMA_HOST pointing at nothing, the API answers 503 in the standard shape, not a crash."""
    data = tmp_path / "data"
    kb = tmp_path / "kb"
    write_docs(kb, "kb", 3)
    ingest([kb], settings_for(data), HashEmbedder(), progress=False)
    from procs import free_port

    env = {
        "STUDY_CHROMA_HOST": "127.0.0.1",
        "STUDY_CHROMA_PORT": str(free_port()),
        "STUDY_CHROMA_TIMEOUT_S": "2",
    }
    with api_server(data, **env) as base:
        for path, body in [
            ("/v1/search", {"query": "党员"}),
            ("/v1/ask", {"question": "党员应当学习什么？"}),
        ]:
            resp = httpx.post(base + path, json=body, timeout=60)
            if resp.status_code == 200:
                # answered from the lexical leg alone: degraded but useful
                assert resp.json().get("hits") or resp.json().get("answer")
                continue
            assert resp.status_code == 503, resp.text
            assert resp.json()["error"]["code"] in ("backend_unavailable", "index_not_ready")
            assert resp.json()["error"]["message"]
        assert httpx.get(base + "/healthz", timeout=10).status_code == 200


def test_llm_outage_degrades_to_extractive_answer(tmp_path: Path) -> None:
    from procs import free_port

    data = tmp_path / "data"
    kb = tmp_path / "kb"
    write_docs(kb, "kb", 3)
    ingest([kb], settings_for(data), HashEmbedder(), progress=False)
    dead_llm = f"http://127.0.0.1:{free_port()}/v1"
    env = {"STUDY_LLM_BASE_URL": dead_llm, "STUDY_LLM_MODEL": "offline-model", "STUDY_LLM_TIMEOUT_S": "3"}
    with api_server(data, **env) as base:
        resp = httpx.post(base + "/v1/ask", json={"question": "党员应当学习什么文件？"}, timeout=60)
        assert resp.status_code == 200, resp.text
        body = resp.json()
        assert body["mode"] in ("extractive", "llm_fallback")
        assert body["citations"] and not body["refused"]
        assert body["notice"]  # the member is told the LLM is unavailable


def test_hung_chroma_server_times_out_instead_of_hanging(tmp_path: Path) -> None:
    """A Chroma server that accepts connections but never answers must become a 503, not a hung request."""
    import socket

    from service.backends.vectorstore import forget_clients, open_collection
    from service.errors import BackendUnavailable

    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(16)  # completes TCP handshakes, never reads or replies
        settings = settings_for(tmp_path / "data").model_copy(
            update={
                "chroma_host": "127.0.0.1",
                "chroma_port": silent.getsockname()[1],
                "chroma_timeout_s": 1.0,
            }
        )
        forget_clients()
        try:
            with pytest.raises(BackendUnavailable):
                open_collection(settings, "gen-any")
        finally:
            forget_clients()


def test_two_worker_processes_share_conversations_and_index(tmp_path: Path) -> None:
    """``STUDY_WORKERS=2``: both uvicorn workers serve the same data dir; a conversation started on one worker
    continues on whichever answers next, and every answer is cited (issue 17, throughput on 2 cores)."""
    kb = tmp_path / "kb"
    write_docs(kb, "kb", 5)
    env = {"STUDY_KNOWLEDGE_DIR": str(kb), "STUDY_WORKERS": "2", "STUDY_RATE_LIMIT_PER_MINUTE": "0"}
    with api_server(tmp_path / "data", **env) as base:
        first = httpx.post(base + "/v1/ask", json={"question": "党员应当学习什么文件？"}, timeout=60).json()
        assert first["citations"], first
        for _ in range(
            6
        ):  # several requests: the connection pool and the kernel spread them over both workers
            with httpx.Client(timeout=60) as client:
                follow = client.post(
                    base + "/v1/ask",
                    json={"question": "第二条呢？", "conversation_id": first["conversation_id"]},
                )
            assert follow.status_code == 200, follow.text
            assert follow.json()["conversation_id"] == first["conversation_id"]
        assert httpx.get(base + "/readyz", timeout=30).status_code == 200
