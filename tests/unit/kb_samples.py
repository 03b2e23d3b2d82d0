"""Hand-made documents and chunks for index/retrieval unit tests (no loader or splitter involved)."""

from __future__ import annotations

from service.backends.embedders import HashEmbedder
from service.config import Settings
from service.ingest.pipeline import IngestReport, index_chunks
from service.schemas import Chunk, SourceDoc
from service.text.normalize import int_to_cn


def article_doc(
    doc_id: str, title: str, articles: dict[int, list[str]], doc_type: str = "regulation"
) -> tuple[SourceDoc, list[Chunk]]:
    """A regulation whose article ``n`` is split into the given parts."""
    chunks: list[Chunk] = []
    text = ""
    for n, parts in articles.items():
        for i, part in enumerate(parts, start=1):
            body = f"第{int_to_cn(n)}条 {part}" if i == 1 else part
            chunks.append(
                Chunk(
                    chunk_id=f"{doc_id}#a{n}-p{i}",
                    doc_id=doc_id,
                    title=title,
                    text=body,
                    doc_type=doc_type,  # type: ignore[arg-type]
                    chapter_path=["第一章 总则"],
                    locator=f"第{int_to_cn(n)}条",
                    article_no=n,
                    part=i,
                    parts=len(parts),
                    char_start=len(text),
                )
            )
            text += body + "\n"
    doc = SourceDoc(doc_id=doc_id, title=title, text=text, doc_type=doc_type)  # type: ignore[arg-type]
    return doc, chunks


def paragraph_doc(
    doc_id: str, title: str, paragraphs: list[str], doc_type: str = "theory"
) -> tuple[SourceDoc, list[Chunk]]:
    chunks: list[Chunk] = []
    text = ""
    for i, para in enumerate(paragraphs, start=1):
        chunks.append(
            Chunk(
                chunk_id=f"{doc_id}#p{i}",
                doc_id=doc_id,
                title=title,
                text=para,
                doc_type=doc_type,  # type: ignore[arg-type]
                locator=f"第{i}段",
                paragraph_no=i,
                char_start=len(text),
            )
        )
        text += para + "\n"
    return SourceDoc(doc_id=doc_id, title=title, text=text, doc_type=doc_type), chunks  # type: ignore[arg-type]


def sample_corpus() -> list[tuple[SourceDoc, list[Chunk]]]:
    return [
        article_doc(
            "cpc-constitution-2017",
            "中国共产党章程",
            {
                10: [
                    "党是根据自己的纲领和章程，按照民主集中制组织起来的统一整体。",
                    "党的各级领导机关，除它们派出的代表机关和在非党组织中的党组外，都由选举产生。",
                ],
                32: ["党的基层组织是党在社会基层组织中的战斗堡垒，是党的全部工作和战斗力的基础。"],
                3: ["党员必须履行下列义务：认真学习马克思列宁主义。"],
            },
        ),
        article_doc(
            "constitution",
            "中华人民共和国宪法",
            {
                1: ["中华人民共和国是工人阶级领导的、以工农联盟为基础的人民民主专政的社会主义国家。"],
                10: ["城市的土地属于国家所有。"],
            },
        ),
        article_doc(
            "supervision-law", "中华人民共和国监察法", {15: ["监察机关对下列公职人员和有关人员进行监察。"]}
        ),
        article_doc(
            "supervisors-law", "中华人民共和国监察官法", {15: ["监察官的职责包括对公职人员开展廉政教育。"]}
        ),
        paragraph_doc(
            "theory-1",
            "坚定维护党中央权威",
            [
                "全党必须增强四个意识，坚定四个自信，做到两个维护。",
                "两个维护就是坚决维护习近平总书记党中央的核心、全党的核心地位，坚决维护党中央权威和集中统一领导。",
                "支部委员会每届任期三年，按期进行换届选举。",
            ],
        ),
    ]


def build_sample_index(settings: Settings) -> IngestReport:
    return index_chunks(sample_corpus(), settings, HashEmbedder())
