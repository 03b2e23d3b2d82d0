"""Where third-party texts come from: the knowledge dir plus the configured corpus dirs.

Why: regulation texts (党章, 党内法规, laws) are third-party copies kept outside the repository in
``../shared/corpus`` (``Settings.corpus_dirs``); ``knowledge/`` keeps what the project owns (manifest,
user dictionary, seed theory articles). Ingesting the knowledge dir therefore also ingests the corpus
dirs, each as its own root, with doc ids, titles and metadata from ``knowledge/manifest.json``.

When no corpus dir is there, the knowledge dir alone is ingested and ONE notice line says where
regulation texts go; documents already indexed from an absent corpus dir are kept (their root is not
synced).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from service.config import Settings
from service.ingest.manifest import MANIFEST_NAME, CorpusCatalog, resolve_entry_path

if TYPE_CHECKING:
    from service.ingest.loaders import LoadResult

# The line printed where regulation texts are missing (one line, see issue 12).
MISSING_CORPUS_HINT = (
    "未找到法规文本目录 {dirs}，清单中 {n} 篇文档未导入："
    "请把法规文本放到 ../shared/corpus/regulations/（相对仓库根目录），"
    "或用 STUDY_CORPUS_DIRS 指定所在目录，或把该目录作为 study ingest 的参数。"
)


@dataclass
class IngestPlan:
    """The roots one ``ingest`` call syncs, the catalog corpus roots use, and notices for people."""

    paths: list[Path]
    catalog: CorpusCatalog | None
    notices: list[str] = field(default_factory=list)


def _is_knowledge_root(path: Path) -> bool:
    return path.is_dir() and (path / MANIFEST_NAME).is_file()


def plan_ingest(paths: list[Path], settings: Settings) -> IngestPlan:
    """Expand ``paths`` given to ``ingest`` with the corpus dirs (see the module docstring).

    Corpus dirs are added only when every path given is a knowledge root (``study ingest knowledge``,
    ``make run``, ``study serve`` on an empty index) whose manifest names files it does not hold; an
    explicit corpus dir on the command line (``study ingest knowledge /texts/corpus``) replaces the
    configured ones.
    """
    resolved = [p.expanduser().resolve() for p in paths]
    knowledge = next((p for p in resolved if _is_knowledge_root(p)), None)
    manifest_dir = knowledge or settings.knowledge_dir.expanduser().resolve()
    catalog = CorpusCatalog.from_knowledge_dir(manifest_dir) if _is_knowledge_root(manifest_dir) else None
    plan = IngestPlan(paths=list(paths), catalog=catalog)
    if knowledge is None or not all(_is_knowledge_root(p) for p in resolved):
        return plan
    if catalog is not None and all(
        e.skip or (knowledge / e.path).is_file() for e in catalog.entries.values()
    ):
        return plan  # a self-contained knowledge dir (e.g. an eval's staged copy) needs no corpus
    present = [d for d in settings.corpus_paths if d.is_dir() and d not in resolved]
    plan.paths.extend(present)
    if catalog is None:
        return plan
    missing = [
        e
        for e in catalog.entries.values()
        if not e.skip and resolve_entry_path(manifest_dir, e.path, present) is None
    ]
    if missing and not present:
        shown = "、".join(str(d) for d in settings.corpus_paths) or "（未配置）"
        plan.notices.append(MISSING_CORPUS_HINT.format(dirs=shown, n=len(missing)))
    elif missing:
        ids = "、".join(e.doc_id for e in missing[:5]) + ("等" if len(missing) > 5 else "")
        plan.notices.append(f"法规文本目录中缺少清单所列的 {len(missing)} 篇文档（{ids}），已跳过。")
    return plan


def corpus_file(path: str, settings: Settings | None = None) -> Path:
    """The file a manifest path names (``regulations/中国共产党章程_2017_zh.md``), knowledge dir first.

    Raises ``FileNotFoundError`` with the one-line hint when neither the knowledge dir nor a corpus dir
    holds it. ``settings`` defaults to the environment's (``STUDY_CORPUS_DIRS``).
    """
    s = settings or Settings()
    found = resolve_entry_path(s.knowledge_dir, path, s.corpus_paths)
    if found is None:
        shown = "、".join(str(d) for d in s.corpus_paths) or "（未配置）"
        raise FileNotFoundError(f"{path}：" + MISSING_CORPUS_HINT.format(dirs=shown, n=1))
    return found


def load_knowledge(settings: Settings | None = None, knowledge_dir: Path | None = None) -> LoadResult:
    """Every document ``ingest([knowledge_dir])`` would load (knowledge dir + corpus dirs), unsplit.

    For tools and tests that need the texts with their manifest metadata but no index.
    """
    from service.ingest.loaders import LoadResult, load_paths

    s = settings or Settings()
    plan = plan_ingest([knowledge_dir or s.knowledge_dir], s)
    result = LoadResult()
    for path in plan.paths:
        part = load_paths([path], corpus=plan.catalog)
        result.docs.extend(part.docs)
        result.failures.extend(part.failures)
        result.skipped.extend(part.skipped)
    return result
