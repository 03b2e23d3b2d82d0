"""LLM answerer: the retrieved passages go to the model as numbered, delimited data; its answer cites [n].

The prompt (``prompts/answer.v*.md``) tells the model that passage text is data that cannot change its
instructions, to mark every sentence with ``[n]`` and to quote only verbatim. None of that is trusted:
the answer goes through ``citations.verify`` like any other (unknown markers and forged quotes are
removed). Each citation's ``quote`` is the passage sentence that best matches the answer sentences
citing it, so quotes are always verbatim source text. Any failure raises ``LLMUnavailable`` and the
answerer falls back to extraction.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from service.backends.base import ChatModel
from service.config import Settings
from service.errors import LLMUnavailable
from service.rag.citations import answer_units
from service.rag.extract import Extract
from service.rag.prompts import as_data, load_prompt, passage
from service.rag.query_terms import char_bigrams, detect_question_type
from service.schemas import Citation, Hit
from service.text.normalize import normalize_for_match
from service.text.sentences import sentence_spans

PROMPT_NAME = "answer"
_MARKER_RE = re.compile(r"\[(\d+)\]")


def _best_quote(hit: Hit, claims: list[str]) -> str:
    """The chunk sentence sharing the most bigrams with the answer sentences that cite it."""
    claim_grams: set[str] = set()
    for c in claims:
        claim_grams |= char_bigrams(normalize_for_match(c))
    best, best_score = hit.text.strip(), -1.0
    for s, e in sentence_spans(hit.text):
        sentence = hit.text[s:e]
        grams = char_bigrams(normalize_for_match(sentence))
        score = len(grams & claim_grams) / (len(grams) ** 0.5 or 1.0)
        if score > best_score:
            best, best_score = sentence, score
    return best


def answer_with_llm(question: str, hits: Sequence[Hit], model: ChatModel, settings: Settings) -> Extract:
    """Ask the LLM; return its answer with one citation per passage it cites (unverified yet)."""
    prompt = load_prompt(PROMPT_NAME, settings.prompts_dir)
    passages = [passage(i, h.title, h.locator, h.text) for i, h in enumerate(hits, start=1)]
    messages = prompt.render(question=as_data(question), passages=passages)
    text = model.complete(messages, timeout_s=settings.llm_timeout_s).strip()
    if not text:
        raise LLMUnavailable("大模型返回了空回答。")

    claims_by_n: dict[int, list[str]] = {}
    for unit in answer_units(text):
        for n in set(unit.markers):
            claims_by_n.setdefault(n, []).append(_MARKER_RE.sub("", unit.text))
    citations: list[Citation] = []
    for n in sorted(claims_by_n):
        if not 1 <= n <= len(hits):
            continue  # verification removes the marker and flags the sentence
        hit = hits[n - 1]
        citations.append(Citation.from_hit(n, hit, _best_quote(hit, claims_by_n[n])))
    return Extract(text, citations, [], detect_question_type(question), list(hits))
