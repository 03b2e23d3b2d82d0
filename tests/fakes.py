"""The one home of test doubles (unit tests only; everything else runs real components).

Every fake here names the class or protocol it stands in for in ``FAKES``; ``tests/unit/test_fake_
signatures.py`` checks that each public method exists there with the same parameters, so a fake cannot
drift from the interface production code calls.

- QA: a few real 党章 articles (``ARTICLES``/``CHUNKS``), ``FakeIndex``/``FakeIndexManager`` over them and
  ``FakeRetriever``, which ranks chunks by character-bigram overlap with the query (enough to exercise
  extraction, refusal and follow-ups without an embedding model) and looks exact article references up
  like the real ``Retriever`` (``scores["lookup"]``); ``fake_container`` wires them into a real container.
- Quiz scopes: ``ChunkIndex`` (an index over given chunks) and ``FixedRetriever`` (returns given hits).
- Embedders: ``CountingEmbedder`` (the hash embedder, counting and optionally slowing or failing queries).
- Answering: ``FailingAnswerer`` (raises on ``ask`` and ``preview``, caches nothing).
- Chat models: ``FakeChat`` (a ``ChatModel`` with a canned reply or error, recording the messages) and
  ``FakeOpenAIServer`` (an OpenAI-compatible HTTP server on loopback, for the real ``ChatModel`` backend).
"""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Iterator, Sequence
from typing import Any

import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from service.backends.base import ChatModel, Embedder, Vector
from service.backends.embedders import HashEmbedder
from service.errors import DocumentNotFound
from service.index.generations import IndexManager, KnowledgeIndex
from service.rag.answer import Answerer
from service.rag.query_terms import char_bigrams
from service.rag.retrieve import Retriever
from service.schemas import Answer, Chunk, DocInfo, DocType, Hit, SearchFilters
from service.text.normalize import normalize_for_match
from service.text.refs import article_no

TITLE = "中国共产党章程"
DOC_ID = "cpc-constitution-2017"

ARTICLES: dict[int, str] = {
    3: (
        "第三条\u3000党员必须履行下列义务：\n"
        "（一）认真学习马克思列宁主义、毛泽东思想、邓小平理论、“三个代表”重要思想、科学发展观、习近平新时代中国特色社会主义思想，学习党的路线、方针、政策和决议，学习党的基本知识，学习科学、文化、法律和业务知识，努力提高为人民服务的本领。\n"
        "（二）贯彻执行党的基本路线和各项方针、政策，带头参加改革开放和社会主义现代化建设，带动群众为经济发展和社会进步艰苦奋斗，在生产、工作、学习和社会生活中起先锋模范作用。\n"
        "（三）坚持党和人民的利益高于一切，个人利益服从党和人民的利益，吃苦在前，享受在后，克己奉公，多做贡献。\n"
        "（四）自觉遵守党的纪律，首先是党的政治纪律和政治规矩，模范遵守国家的法律法规，严格保守党和国家的秘密，执行党的决定，服从组织分配，积极完成党的任务。\n"
        "（五）维护党的团结和统一，对党忠诚老实，言行一致，坚决反对一切派别组织和小集团活动，反对阳奉阴违的两面派行为和一切阴谋诡计。\n"
        "（六）切实开展批评和自我批评，勇于揭露和纠正违反党的原则的言行和工作中的缺点、错误，坚决同消极腐败现象作斗争。\n"
        "（七）密切联系群众，向群众宣传党的主张，遇事同群众商量，及时向党反映群众的意见和要求，维护群众的正当利益。\n"
        "（八）发扬社会主义新风尚，带头实践社会主义核心价值观和社会主义荣辱观，提倡共产主义道德，弘扬中华民族传统美德，为了保护国家和人民的利益，在一切困难和危险的时刻挺身而出，英勇斗争，不怕牺牲。\n"
    ),
    5: (
        "第五条\u3000发展党员，必须把政治标准放在首位，经过党的支部，坚持个别吸收的原则。\n"
        "申请入党的人，要填写入党志愿书，要有两名正式党员作介绍人，要经过支部大会通过和上级党组织批准，并且经过预备期的考察，才能成为正式党员。\n"
        "介绍人要认真了解申请人的思想、品质、经历和工作表现，向他解释党的纲领和党的章程，说明党员的条件、义务和权利，并向党组织作出负责的报告。\n"
        "党的支部委员会对申请入党的人，要注意征求党内外有关群众的意见，进行严格的审查，认为合格后再提交支部大会讨论。\n"
        "上级党组织在批准申请人入党以前，要派人同他谈话，作进一步的了解，并帮助他提高对党的认识。\n"
        "在特殊情况下，党的中央和省、自治区、直辖市委员会可以直接接收党员。\n"
    ),
    7: (
        "第七条\u3000预备党员的预备期为一年。党组织对预备党员应当认真教育和考察。\n"
        "预备党员的义务同正式党员一样。预备党员的权利，除了没有表决权、选举权和被选举权以外，也同正式党员一样。\n"
        "预备党员预备期满，党的支部应当及时讨论他能否转为正式党员。认真履行党员义务，具备党员条件的，应当按期转为正式党员；需要继续考察和教育的，可以延长预备期，但不能超过一年；不履行党员义务，不具备党员条件的，应当取消预备党员资格。预备党员转为正式党员，或延长预备期，或取消预备党员资格，都应当经支部大会讨论通过和上级党组织批准。\n"
        "预备党员的预备期，从支部大会通过他为预备党员之日算起。党员的党龄，从预备期满转为正式党员之日算起。\n"
    ),
    32: (
        "第三十二条\u3000党的基层组织是党在社会基层组织中的战斗堡垒，是党的全部工作和战斗力的基础。它的基本任务是：\n"
        "（一）宣传和执行党的路线、方针、政策，宣传和执行党中央、上级组织和本组织的决议，充分发挥党员的先锋模范作用，积极创先争优，团结、组织党内外的干部和群众，努力完成本单位所担负的任务。\n"
        "（二）组织党员认真学习马克思列宁主义、毛泽东思想、邓小平理论、“三个代表”重要思想、科学发展观、习近平新时代中国特色社会主义思想，推进“两学一做”学习教育常态化制度化，学习党的路线、方针、政策和决议，学习党的基本知识，学习科学、文化、法律和业务知识。\n"
        "（三）对党员进行教育、管理、监督和服务，提高党员素质，坚定理想信念，增强党性，严格党的组织生活，开展批评和自我批评，维护和执行党的纪律，监督党员切实履行义务，保障党员的权利不受侵犯。加强和改进流动党员管理。\n"
        "（四）密切联系群众，经常了解群众对党员、党的工作的批评和意见，维护群众的正当权利和利益，做好群众的思想政治工作。\n"
        "（五）充分发挥党员和群众的积极性创造性，发现、培养和推荐他们中间的优秀人才，鼓励和支持他们在改革开放和社会主义现代化建设中贡献自己的聪明才智。\n"
        "（六）对要求入党的积极分子进行教育和培养，做好经常性的发展党员工作，重视在生产、工作第一线和青年中发展党员。\n"
        "（七）监督党员干部和其他任何工作人员严格遵守国家法律法规，严格遵守国家的财政经济法规和人事制度，不得侵占国家、集体和群众的利益。\n"
        "（八）教育党员和群众自觉抵制不良倾向，坚决同各种违纪违法行为作斗争。\n"
    ),
}
ZONGGANG = "中国共产党是中国工人阶级的先锋队，同时是中国人民和中华民族的先锋队，是中国特色社会主义事业的领导核心，代表中国先进生产力的发展要求，代表中国先进文化的前进方向，代表中国最广大人民的根本利益。党的最高理想和最终目标是实现共产主义。"


def _chunks() -> list[Chunk]:
    from service.text.normalize import int_to_cn

    chunks = [
        Chunk(
            chunk_id=f"{DOC_ID}:zonggang-1",
            doc_id=DOC_ID,
            title=TITLE,
            text=ZONGGANG,
            doc_type="regulation",
            locator="总纲·第1段",
            paragraph_no=1,
        )
    ]
    for n, text in ARTICLES.items():
        chunks.append(
            Chunk(
                chunk_id=f"{DOC_ID}:art-{n}",
                doc_id=DOC_ID,
                title=TITLE,
                text=text.strip(),
                doc_type="regulation",
                locator=f"第{int_to_cn(n)}条",
                article_no=n,
            )
        )
    return chunks


CHUNKS = _chunks()
DOCUMENT_TEXT = ZONGGANG + "\n" + "\n".join(t.strip() for t in ARTICLES.values())


def hit(chunk: Chunk, score: float = 1.0, **scores: float) -> Hit:
    return Hit(
        doc_id=chunk.doc_id,
        title=chunk.title,
        chunk_id=chunk.chunk_id,
        locator=chunk.locator,
        text=chunk.text,
        score=score,
        doc_type=chunk.doc_type,
        article_no=chunk.article_no,
        scores=dict(scores),
    )


def article_hit(
    doc: tuple[str, str],
    n: int,
    locator: str,
    text: str,
    score: float,
    *,
    chapter: str = "",
    doc_type: DocType = "party_regulation",
) -> Hit:
    """A retrieved article of a regulation (a party regulation unless ``doc_type`` says otherwise): ``doc`` is
    (doc_id, title), ``n`` the article number, ``locator`` its heading ("第四条"), ``text`` the article quoted from
    the regulation, ``score`` the retrieval score and ``chapter`` its section heading, when given."""
    doc_id, title = doc
    return Hit(
        doc_id=doc_id,
        title=title,
        chunk_id=f"{doc_id}#a{n}",
        locator=locator,
        article_no=n,
        doc_type=doc_type,
        score=score,
        text=text,
        chapter_path=[chapter] if chapter else [],
    )


def paragraph_hit(
    doc_id: str, n: int, text: str, doc_type: DocType = "theory", *, title: str = "示例文章"
) -> Hit:
    """Paragraph ``n`` (第n段, chunk ``{doc_id}#p{n}``) of an article (a theory article unless ``doc_type`` says
    otherwise) as a retrieved hit of score 1.0: what the theory-article unit tests build their articles from."""
    return Hit(
        doc_id=doc_id,
        title=title,
        chunk_id=f"{doc_id}#p{n}",
        locator=f"第{n}段",
        text=text,
        score=1.0,
        doc_type=doc_type,
    )


def hits_for(*article_nos: int) -> list[Hit]:
    by_no = {c.article_no: c for c in CHUNKS}
    return [hit(by_no[n], 1.0 - i * 0.1) for i, n in enumerate(article_nos)]


class FakeIndex:
    def documents(self) -> list[DocInfo]:
        return [DocInfo(doc_id=DOC_ID, title=TITLE, doc_type="regulation", n_chunks=len(CHUNKS))]

    def chunks(self, doc_id: str | None = None) -> list[Chunk]:
        return [c for c in CHUNKS if doc_id is None or c.doc_id == doc_id]

    def document_text(self, doc_id: str) -> str:
        return DOCUMENT_TEXT if doc_id == DOC_ID else ""

    def document(self, doc_id: str) -> DocInfo:
        return next(d for d in self.documents() if d.doc_id == doc_id)

    def chunk(self, chunk_id: str) -> Chunk:
        return next(c for c in CHUNKS if c.chunk_id == chunk_id)


class FakeIndexManager:
    def current(self) -> FakeIndex:
        return FakeIndex()


class FakeRetriever:
    """Bigram-overlap ranking over ``CHUNKS``; article references resolved exactly."""

    def __init__(self) -> None:
        self.queries: list[str] = []

    def search(self, query: str, top_k: int = 5, filters: SearchFilters | None = None) -> list[Hit]:
        self.queries.append(query)
        n = article_no(query)
        looked_up = [hit(c, 1.0, lookup=1.0) for c in CHUNKS if n is not None and c.article_no == n]
        q = char_bigrams(normalize_for_match(query))
        scored = []
        for c in CHUNKS:
            if any(h.chunk_id == c.chunk_id for h in looked_up):
                continue
            overlap = len(q & char_bigrams(normalize_for_match(c.text))) / (len(q) or 1)
            scored.append((overlap, c))
        scored.sort(key=lambda t: -t[0])
        rest = [hit(c, s, fused=s) for s, c in scored if s > 0]
        return (looked_up + rest)[: max(top_k, len(looked_up))]


def fake_container(settings):  # type: ignore[no-untyped-def]
    """A real ``Container`` (SQLite in the temp data dir) whose retriever and index are the fakes."""
    from service.container import build_container

    container = build_container(settings)
    container.__dict__["retriever"] = FakeRetriever()
    container.__dict__["index_manager"] = FakeIndexManager()
    return container


# --- quiz scopes -------------------------------------------------------------------------------------
class ChunkIndex:
    """An index holding exactly ``chunks``; an unknown document raises ``DocumentNotFound`` like the real one."""

    def __init__(self, chunks: Sequence[Chunk]) -> None:
        self._chunks = list(chunks)

    def chunks(self, doc_id: str | None = None) -> list[Chunk]:
        if doc_id is None:
            return list(self._chunks)
        found = [c for c in self._chunks if c.doc_id == doc_id]
        if not found:
            raise DocumentNotFound()
        return found


class FixedRetriever:
    """Returns ``hits`` for every query and records ``(query, filters)`` of each call."""

    def __init__(self, hits: Sequence[Hit]) -> None:
        self.hits = list(hits)
        self.calls: list[tuple[str, SearchFilters | None]] = []

    def search(self, query: str, top_k: int = 5, filters: SearchFilters | None = None) -> list[Hit]:
        self.calls.append((query, filters))
        return list(self.hits)


# --- chat models -------------------------------------------------------------------------------------
class FakeChat:
    """A ``ChatModel`` answering ``reply`` (or raising it, when it is an exception); keeps the last messages."""

    name = "fake-chat"

    def __init__(self, reply: str | Exception) -> None:
        self.reply = reply
        self.messages: list[dict[str, str]] = []

    def complete(self, messages: list[dict[str, str]], *, timeout_s: float) -> str:
        self.messages = messages
        if isinstance(self.reply, Exception):
            raise self.reply
        return self.reply

    def stream(self, messages: list[dict[str, str]], *, timeout_s: float) -> Iterator[str]:
        yield self.complete(messages, timeout_s=timeout_s)


class FakeOpenAIServer:
    """A minimal OpenAI chat-completions server on loopback; ``mode`` picks the next replies' behaviour.

    ``replies`` maps a mode to the assistant's content; mode ``"error"`` answers HTTP 500 and ``"slow"``
    waits 3 s before answering ``replies["slow"]``. Requests are kept in ``requests``. Use as a context
    manager (``with FakeOpenAIServer(...) as server: server.port``).
    """

    def __init__(self, replies: dict[str, str], mode: str = "good") -> None:
        self.mode = mode
        self.replies = replies
        self.requests: list[dict[str, Any]] = []
        app = FastAPI()

        @app.post("/v1/chat/completions")
        async def complete(request: Request) -> Any:
            body = await request.json()
            self.requests.append(body)
            if self.mode == "error":
                return JSONResponse({"error": {"message": "boom"}}, status_code=500)
            if self.mode == "slow":
                await asyncio.sleep(3)
            return {
                "id": "chatcmpl-test",
                "object": "chat.completion",
                "created": int(time.time()),
                "model": body["model"],
                "choices": [
                    {
                        "index": 0,
                        "message": {"role": "assistant", "content": self.replies[self.mode]},
                        "finish_reason": "stop",
                    }
                ],
                "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
            }

        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)

    def __enter__(self) -> FakeOpenAIServer:
        self.thread.start()
        deadline = time.time() + 10
        while not self.server.started and time.time() < deadline:
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.sock.close()


# --- embedders -------------------------------------------------------------------------------------
class CountingEmbedder:
    """HashEmbedder that counts (and can slow down) its query calls."""

    name: str
    dim: int

    def __init__(self, name: str = "hash/256", delay_s: float = 0.0, fail: bool = False) -> None:
        self._inner = HashEmbedder()
        self.name, self.dim = name, self._inner.dim
        self.delay_s, self.fail = delay_s, fail
        self.calls: list[str] = []
        self._lock = threading.Lock()

    def embed_documents(self, texts: Sequence[str]) -> Vector:
        return self._inner.embed_documents(texts)

    def embed_query(self, text: str) -> Vector:
        with self._lock:
            self.calls.append(text)
        time.sleep(self.delay_s)
        if self.fail:
            raise RuntimeError("model failed")
        return self._inner.embed_query(text)


# --- answering ---------------------------------------------------------------------------------------
class FailingAnswerer:
    """An ``Answerer`` whose every ``ask`` raises ``error`` (an unexpected failure inside a route)."""

    def __init__(self, error: Exception) -> None:
        self.error = error

    def ask(
        self,
        question: str,
        conversation_id: str | None = None,
        filters: SearchFilters | None = None,
        history: Sequence[str] | None = None,
        owner: str | None = None,
    ) -> Answer:
        raise self.error

    def preview(self, question: str, filters: SearchFilters | None = None) -> Answer:
        raise self.error

    def has_cached_answer(self, question: str, filters: SearchFilters | None = None) -> bool:
        return False  # nothing is ever answered, so nothing is cached


# Each fake and the real class or protocol it stands in for (checked by tests/unit/test_fake_signatures.py).
# FakeOpenAIServer fakes an HTTP API, not a Python interface: its contract is the real backend using it.
FAKES: dict[type, type | None] = {
    FakeIndex: KnowledgeIndex,
    FakeIndexManager: IndexManager,
    FakeRetriever: Retriever,
    ChunkIndex: KnowledgeIndex,
    FixedRetriever: Retriever,
    FakeChat: ChatModel,
    FakeOpenAIServer: None,
    FailingAnswerer: Answerer,
    CountingEmbedder: Embedder,
}
