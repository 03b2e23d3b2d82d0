"""From a quiz request to items: the scope is resolved against the current index, the same way everywhere.

The API, the CLI and the eval harness call ``quiz_for(container, request)``. Scope fields combine: documents
narrow the knowledge base, locators pick articles (第三十二条 = 第32条) or chapters (第五章), a query keeps
the chunks ``Retriever.search`` finds for it. Chunks are kept in document order, so the seed alone decides
which items come out. The corpus-wide distractor pool is built once per index generation.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from typing import TYPE_CHECKING

from service.errors import QuizScopeEmpty
from service.quiz.distractors import DistractorPool
from service.quiz.generate import generate_quiz, is_superseded
from service.quiz.items import QuizRequest, QuizResult, QuizScope
from service.schemas import Chunk, SearchFilters
from service.text.normalize import normalize_for_match
from service.text.refs import article_key, first_ref

if TYPE_CHECKING:
    from service.container import Container
    from service.index.generations import KnowledgeIndex
    from service.rag.retrieve import Retriever

QUERY_TOP_K = 20
PASSAGES_PER_ITEM = 3  # a set of n items by query draws on the top max(QUERY_TOP_K, 2n) passages: one fact
# per item and the rest for variety (20 items from 20 passages would test every passage's one fact)
_POOL_LOCK = threading.Lock()


def _locator_matches(chunk: Chunk, locator: str) -> bool:
    wanted = normalize_for_match(locator.strip())
    if not wanted:
        return False
    m = first_ref(locator)
    if m:
        if m.ref.unit == "条" and chunk.article_no is not None:
            return article_key(chunk.article_no, chunk.locator) == (m.ref.number, m.ref.sub)  # 第三条之一
        if m.ref.unit == "章":
            return any(normalize_for_match(c).startswith(wanted) for c in chunk.chapter_path)
    return normalize_for_match(chunk.locator) == wanted or any(
        normalize_for_match(c).startswith(wanted) for c in chunk.chapter_path
    )


def _version_note(chunk: Chunk) -> str:
    version = chunk.metadata.get("version")
    return f"（{version}年版）" if version else ""


def resolve_scope(
    index: KnowledgeIndex, retriever: Retriever | None, scope: QuizScope, count: int = 10
) -> list[Chunk]:
    """The chunks a quiz is about, in index order; raises ``QuizScopeEmpty`` when nothing is selected.

    Versions the manifest marks 已被修订 / 已失效 are left out unless ``scope.include_superseded``; a scope
    of nothing but such versions gets a message that says so (issue 15)."""
    if scope.doc_ids:
        chunks = [c for doc_id in dict.fromkeys(scope.doc_ids) for c in index.chunks(doc_id)]
    else:
        chunks = index.chunks()
    superseded = sorted({c.title + _version_note(c) for c in chunks if is_superseded(c.metadata)})
    if not scope.include_superseded:
        # Items from a revised version would teach rules that no longer apply (article numbers differ too).
        chunks = [c for c in chunks if not is_superseded(c.metadata)]
        if not chunks and superseded:
            raise QuizScopeEmpty(
                f"出题范围只有已被修订或已失效的旧版本（{'、'.join(superseded)}），默认不出题；"
                "请改用现行版本，或明确要求按旧版出题（--include-superseded / include_superseded）。"
            )
    if scope.locators:
        chunks = [c for c in chunks if any(_locator_matches(c, loc) for loc in scope.locators)]
    if scope.query and scope.query.strip() and chunks:
        if retriever is None:
            raise QuizScopeEmpty("未配置检索，无法按检索词出题。")
        filters = SearchFilters(doc_ids=scope.doc_ids) if scope.doc_ids else None
        top_k = max(QUERY_TOP_K, PASSAGES_PER_ITEM * count)
        found = {h.chunk_id for h in retriever.search(scope.query, top_k=top_k, filters=filters)}
        chunks = [c for c in chunks if c.chunk_id in found]
    if not chunks:
        raise QuizScopeEmpty()
    return chunks


@lru_cache(maxsize=2)
def _pool_for(index: KnowledgeIndex) -> DistractorPool:
    return DistractorPool.from_chunks(index.chunks())


def distractor_pool(index: KnowledgeIndex) -> DistractorPool:
    """The corpus-wide pool of the index generation (built once; a new generation gets a new pool)."""
    with _POOL_LOCK:
        return _pool_for(index)


def quiz_for(container: Container, request: QuizRequest) -> QuizResult:
    index = container.index_manager.current()
    chunks = resolve_scope(index, container.retriever, request.scope, request.count)
    return generate_quiz(
        request,
        chunks,
        index.chunks(),
        llm=container.chat_model,
        pool=distractor_pool(index),
        timeout_s=container.settings.llm_timeout_s,
        prompts_dir=container.settings.prompts_dir,
    )
