"""Rule-based quiz generation (the default, no LLM): items built from the source text itself.

``generate_quiz`` turns the facts of the scoped chunks (numbers, key terms, enumerations) into blanks,
single and multiple choice and true/false items, with distractors of the same kind from the whole corpus.
Everything random goes through one ``random.Random(seed)`` over inputs in document order, so the same seed
and scope give the same items. Every item passes ``validate_item`` before it is returned; the rest are
counted in ``dropped`` by reason.
"""

from __future__ import annotations

import logging
import random
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from service.backends.base import ChatModel
from service.config import REPO_ROOT
from service.quiz.distractors import (
    NEAR_SYNONYMS,
    DistractorPool,
    is_bad_option,
    to_traditional,
)
from service.quiz.extract import (
    Fact,
    Sentence,
    Span,
    extract_facts,
    is_regulation,
    quoted_spans,
    split_sentences,
)
from service.quiz.items import (
    BLANK,
    CHOICE_GAP,
    LETTERS,
    Difficulty,
    QuizRequest,
    QuizResult,
    answer_letters,
    explanation_for,
    item_id,
)
from service.quiz.terms import FORMULATIONS
from service.quiz.validate import validate_item
from service.schemas import Chunk, QuizItem, QuizSource, QuizType
from service.text.normalize import normalize_quote, to_simplified
from service.text.refs import parse_locator
from service.versions.model import CURRENT_STATUSES

log = logging.getLogger(__name__)

Builder = Callable[[Fact, random.Random], QuizItem | None]
# Kinds of fact a false statement may be built from: what a member can check against the rule (a number,
# a time limit, a body or meeting, an election method, a list's members). Formulations (提法), quoted
# phrases and leaders' words are protected: never altered (issue 15, item 3).
# Roles (战斗堡垒/基础组织) and principles (实事求是/德才兼备) are left out: swapped, they give either a
# statement true in another article or nonsense ("德才兼备地查清事实").
CHECKABLE_TERM_KINDS = frozenset({"meeting", "inspection", "ballot", "candidacy"})
# A sentence quoting a leader or a document: its quotation is protected text.
_ATTRIBUTED_RE = re.compile(
    r"习近平|总书记|毛泽东|邓小平|江泽民|胡锦涛|同志|指出|强调|讲话|说[:：，,]|《[^》]+》(?:指出|强调|提出|要求)"
)
# Subject-taking words: a gap right before one of them at a clause start swallows the clause's subject.
_PREDICATE_START = re.compile(
    r"^(?:要|必须|应当|应|须|可以|不得|不能|都|也|还|已|将|会|能|在|对|把|由|向|按照|根据|通过|始终|坚持|认真|严格)"
)
_BASE_SCORE: dict[str, int] = {"judge": 0, "blank": 1, "single": 1, "multiple": 2}
LIST_SEPARATORS = "、，,和及与或 　"  # what may stand between the members a gap covers
STATEMENT_MAX = 100  # longest sentence used as a whole option
STATEMENT_MIN = (
    20  # shortest article sentence used as a true option ("坚持党的组织生活基本制度。" is a topic line)
)
STATEMENT_QUOTE_MAX = 400
BLANK_MAX = 8  # a blank's answer a member writes from memory: a term, not a clause
JUDGE_MAX = 110  # a true/false statement a member reads in one go (theory sentences are capped at 110 too)


def is_protected(text: str) -> bool:
    """A sentence quoting a leader or a document (习近平总书记指出“……”): never altered into a false one."""
    return bool(_ATTRIBUTED_RE.search(text)) and ("“" in text or "「" in text or "指出" in text)


def is_checkable(fact: Fact) -> bool:
    """A fact a false statement may change: a number or time limit, a list's member, a body/meeting/
    election method/principle of the lexicon. Formulations and quoted phrases are protected."""
    if not fact.spans:
        return False
    if fact.kind in ("number", "enumeration"):
        return True
    return fact.kind == "term" and fact.category in CHECKABLE_TERM_KINDS


def swallows_subject(text: str, span: Span) -> bool:
    """True when ``span`` opens its clause and a predicate follows it: the gap would be the subject."""
    before = text[: span.start].rstrip(' 　“"')
    after = text[span.end :].lstrip('”"')
    at_clause_start = not before or before[-1] in "，,；;：:。"
    return at_clause_start and bool(_PREDICATE_START.match(after))


def lead_in(sentence: Sentence, version: str = "") -> str:
    """ "根据《中国共产党章程》第七条，" — names the source so a stem is answerable on its own; ``version``
    ("2023年版") names the version of a work held in several versions, whose article numbers differ."""
    chunk = sentence.chunk
    ref = parse_locator(chunk.locator)
    where = chunk.locator if ref is not None and ref.unit == "条" else ""  # 第七条, 第三条之一
    if not where and chunk.locator.startswith("总纲"):
        where = "总纲"
    topic = (sentence.context or "").removesuffix("是").removesuffix("如下").rstrip("，,：: ")
    about = f"关于“{topic}”的规定" if topic else ""
    return f"根据{version}《{chunk.title}》{where}{about}，"


def version_names(docs: Mapping[str, Mapping[str, Any]]) -> dict[str, str]:
    """``doc_id -> "2023年版"`` for documents whose work the knowledge base holds in several versions
    (2018 and 2023 纪律处分条例), from each document's metadata (knowledge/manifest.json fields ``work``,
    ``version``). Article numbers differ between versions (第一百零五条 of 2023 is 第九十四条 of 2018), so
    a stem that says only "第一百零五条" is ambiguous (trainer's review, issue 15). A work held in one
    version (the 2017 党章) keeps the plain title: the knowledge base has nothing to confuse it with."""
    works: Counter[str] = Counter(str(m.get("work")) for m in docs.values() if m.get("work"))
    names: dict[str, str] = {}
    for doc_id, meta in docs.items():
        version = str(meta.get("version") or "")
        if version and meta.get("work") and works[str(meta.get("work"))] > 1:
            names[doc_id] = f"{version}年版" if re.fullmatch(r"\d{4}", version) else version
    return names


def doc_metadata(chunks: Iterable[Chunk]) -> dict[str, dict[str, Any]]:
    """Each document's metadata, as its chunks carry it (``doc_id -> metadata``)."""
    docs: dict[str, dict[str, Any]] = {}
    for chunk in chunks:
        docs.setdefault(chunk.doc_id, chunk.metadata)
    return docs


def is_superseded(metadata: Mapping[str, Any]) -> bool:
    """A document the manifest marks 已被修订 / 已失效 (its ``status``): not quizzed by default (issue 15)."""
    status = metadata.get("status")
    return bool(status) and status not in CURRENT_STATUSES


def _body(sentence_text: str) -> str:
    """The sentence as a stem: a trailing comma or semicolon (clause windows, list items) becomes 。"""
    text = sentence_text.rstrip()
    if text[-1:] in "，,；;、":
        text = text[:-1]
    return text if text[-1:] in "。？！?!" else text + "。"


def _replace(text: str, span: Span, new: str) -> str:
    return text[: span.start] + new + text[span.end :]


def _occurs_once(text: str, part: str) -> bool:
    return normalize_quote(text).count(normalize_quote(part)) == 1


def _difficulty(score: int) -> Difficulty:
    return "easy" if score <= 1 else "medium" if score == 2 else "hard"


def _source(sentence: Sentence) -> QuizSource:
    chunk = sentence.chunk
    return QuizSource(
        doc_id=chunk.doc_id,
        title=chunk.title,
        locator=chunk.locator,
        quote=sentence.text,
        chunk_id=chunk.chunk_id,
        chapter=chunk.chapter_path[-1] if chunk.chapter_path else None,
    )


def _item(
    type_: QuizType,
    sentence: Sentence,
    stem: str,
    options: list[str] | None,
    answer: str | list[str] | bool,
    score: int,
    note: str = "",
    version: str = "",
) -> QuizItem:
    chunk = sentence.chunk
    return QuizItem(
        id=item_id(type_, stem, options, answer),
        type=type_,
        stem=stem,
        options=options,
        answer=answer,
        explanation=explanation_for(chunk.title, chunk.locator, sentence.text, version) + note,
        difficulty=_difficulty(score),
        source=_source(sentence),
        generator="rules",
    )


class RuleGenerator:
    """Builds items of each type from facts; holds the corpus-wide distractor pool."""

    def __init__(
        self,
        pool: DistractorPool,
        doc_texts: dict[str, str] | None = None,
        documents: Mapping[str, Mapping[str, Any]] | None = None,
    ) -> None:
        self.pool = pool
        self.documents = dict(documents or {})  # doc_id -> metadata (``doc_metadata``)
        self.versions = version_names(self.documents)  # doc_id -> "2023年版"
        self.doc_texts = doc_texts or {}  # whole documents: a distractor must not occur anywhere in them
        self._statements: dict[tuple[str, int], list[list[Fact]]] = {}
        self._mentions: dict[tuple[str, int], list[Fact]] = {}
        self._enum_members: list[tuple[str, str, str]] = []  # (member, category, doc_id) of lists in scope
        self.why = ""  # why the last builder call returned None (a GENERATION_REASONS code)
        # True/false balance of the judge items accepted so far: a true statement is only offered while
        # there are no more true than false ones, so a set never has more than one true item over its
        # false ones (a verbatim copy marked 正确 is the easiest item there is: trainer's review, issue 15).
        self.judge_counts: Counter[bool] = Counter()
        self.balance_judge = True

    def _score(self, type_: str, fact: Fact) -> int:
        """Difficulty points (the stated rule, see ``_difficulty``): the type's base (判断 0, 填空/单选 1,
        多选 2), +1 for a sentence over 60 characters, +1 for a list of five or more members; builders add
        +1 for a false statement and for three keys of a 多选."""
        score = _BASE_SCORE[type_] + (1 if len(fact.sentence.text) > 60 else 0)
        if fact.kind == "enumeration" and len(fact.spans) >= 5:
            score += 1
        return score

    def _span(self, fact: Fact, rng: random.Random, *, gap: bool = True) -> Span | None:
        """The span to ask about: it occurs once in the sentence (else the stem leaks it) and, for a gap,
        is not the subject of its clause (a blank before 要/必须/应当 … at a clause start swallows the
        subject: "____要用邓小平理论……")."""
        unique = [sp for sp in fact.spans if _occurs_once(fact.sentence.text, sp.text)]
        if not unique:
            self.why = "key_repeated_in_sentence"
            return None
        if gap:
            unique = [sp for sp in unique if not swallows_subject(fact.sentence.text, sp)]
            if not unique:
                self.why = "gap_is_subject"
                return None
        return unique[0] if len(unique) == 1 else rng.choice(unique)

    def _lead(self, sentence: Sentence) -> str:
        return lead_in(sentence, self.versions.get(sentence.chunk.doc_id, ""))

    def _make(
        self,
        type_: QuizType,
        sentence: Sentence,
        stem: str,
        options: list[str] | None,
        answer: str | list[str] | bool,
        score: int,
        note: str = "",
    ) -> QuizItem:
        version = self.versions.get(sentence.chunk.doc_id, "")
        return _item(type_, sentence, stem, options, answer, score, note, version)

    def blank(self, fact: Fact, rng: random.Random) -> QuizItem | None:
        span = self._span(fact, rng)
        if span is None:
            return None
        if len(span.text) > BLANK_MAX or re.search(r"是否|的", span.text):
            self.why = "answer_too_long"
            return None
        s = fact.sentence
        stem = self._lead(s) + _body(_replace(s.text, span, BLANK))
        return self._make("blank", s, stem, None, span.text, self._score("blank", fact))

    def single(self, fact: Fact, rng: random.Random) -> QuizItem | None:
        span = self._span(fact, rng)
        if span is None:
            return None
        wrong = self.pool.pick(fact, span, 3, rng)
        if len(wrong) < 3:
            self.why = "too_few_distractors"
            return None
        options = [span.text, *wrong]
        rng.shuffle(options)
        s = fact.sentence
        stem = self._lead(s) + _body(_replace(s.text, span, CHOICE_GAP))
        answer = LETTERS[options.index(span.text)]
        return self._make("single", s, stem, options, answer, self._score("single", fact))

    def multiple(self, fact: Fact, rng: random.Random) -> QuizItem | None:
        if fact.kind != "enumeration" or len(fact.spans) < 2:
            self.why = "no_list"
            return None
        if not all(_occurs_once(fact.sentence.text, sp.text) for sp in fact.spans):
            self.why = "key_repeated_in_sentence"
            return None
        lengths = [len(sp.text) for sp in fact.spans]
        if max(lengths) > 2 * min(lengths) + 1:
            self.why = "list_shape"  # 负责、守责、尽责体现在每个党组织: edges cut in the wrong place
            return None
        # The gap covers a run of consecutive members and every member it covers is a key: a gap over
        # "路线、方针、政策" with only 方针、政策 among the options is a false key (trainer's review, issue 15).
        # Lists of more than four members gap a run of two to four; the others stay in the stem.
        n_correct = len(fact.spans) if len(fact.spans) <= 4 else rng.randint(2, 4)
        first = rng.randint(0, len(fact.spans) - n_correct)
        correct = list(range(first, first + n_correct))
        whole = Span(fact.spans[first].start, fact.spans[first + n_correct - 1].end, "")
        between = fact.sentence.text[whole.start : whole.end]
        for i in correct:
            between = between.replace(fact.spans[i].text, "", 1)
        if between.strip(LIST_SEPARATORS):
            self.why = "list_shape"  # the gap would hide words that are no member (理论、路线和方针政策)
            return None
        if swallows_subject(fact.sentence.text, whole):
            self.why = "gap_is_subject"
            return None
        n_wrong = max(4, n_correct + 1) - n_correct
        typical = next((sp for sp in fact.spans if sp.text.endswith(fact.category)), fact.spans[0])
        wrong = self.pool.pick(fact, typical, n_wrong, rng)
        if len(wrong) < n_wrong:
            wrong += self._sibling_members(fact, n_wrong - len(wrong), wrong, rng)
        for i in correct:
            if len(wrong) >= n_wrong:
                break
            more = [m for m in self._member_of_same_shape(fact, fact.spans[i], rng) if m not in wrong]
            wrong += more[:1]  # 基本队伍是否合格 for 基本制度是否落实: the article's own list shape
        if len(wrong) < n_wrong:
            self.why = "too_few_distractors"
            return None
        keys = [fact.spans[i].text for i in correct]
        options = [*keys, *wrong]
        rng.shuffle(options)
        s = fact.sentence
        stem = self._lead(s) + _body(_replace(s.text, whole, CHOICE_GAP))
        answer = "".join(sorted(LETTERS[options.index(k)] for k in keys))
        score = self._score("multiple", fact) + (1 if n_correct >= 3 else 0)
        return self._make("multiple", s, stem, options, answer, score)

    def index_enumerations(self, facts: Iterable[Fact]) -> None:
        """Remember the members of every list in scope: an article's own lists of the same shape
        (政治性、时代性… next to 面授式、体验式…) top up distractors the corpus pool lacks."""
        self._enum_members = [
            (sp.text, f.category, f.sentence.chunk.doc_id)
            for f in facts
            if f.kind == "enumeration"
            for sp in f.spans
        ]

    def _sibling_members(self, fact: Fact, n: int, taken: list[str], rng: random.Random) -> list[str]:
        """Up to ``n`` members of other lists of the same document, of a length close to the keys', that
        the question's sentence does not contain (so they are wrong for its gap)."""
        sentence = normalize_quote(fact.sentence.text)
        lengths = [len(sp.text) for sp in fact.spans]
        lo, hi = min(lengths) - 1, max(lengths) + 1
        seen = {normalize_quote(t) for t in taken}
        cands: list[str] = []
        for text, category, doc_id in self._enum_members:
            norm = normalize_quote(text)
            if (
                doc_id != fact.sentence.chunk.doc_id
                or norm in seen
                or norm in sentence
                or not lo <= len(text) <= hi
            ):
                continue
            if not category or category != fact.category:
                continue  # only lists with the same suffix (…性, …式, …组织): 警告 among 社会组织 is no test
            if is_bad_option(text) or self.pool.true_elsewhere(fact, fact.spans[0], text):
                continue
            seen.add(norm)
            cands.append(text)
        return rng.sample(cands, n) if len(cands) >= n else []

    def _member_of_same_shape(self, fact: Fact, span: Span, rng: random.Random) -> list[str]:
        """For a false statement: a member of another list of the same document with the shape of
        ``span`` (same length and last character: 政治性 → 时代性; a shared start is no kind: 政治意识 is no
        非组织活动 next to 政治攀附) that the sentence does not hold and no document supports.
        Members of another shape make nonsense a member rejects at sight ("率先做到……滚动整顿")."""
        sentence = normalize_quote(fact.sentence.text)
        cands = sorted(
            {
                text
                for text, _, doc_id in self._enum_members
                if doc_id == fact.sentence.chunk.doc_id
                and len(text) == len(span.text)
                and text[-1] == span.text[-1]
                and normalize_quote(text) not in sentence
                and not is_bad_option(text)
            }
        )
        cands = [c for c in cands if not self.pool.true_elsewhere(fact, span, c)]
        return [rng.choice(cands)] if cands else []

    def judge(self, fact: Fact, rng: random.Random) -> QuizItem | None:
        """A true statement (the sentence verbatim) or a false one built from a checkable fact.

        A false statement swaps one number, time limit, body or list member for a same-kind distractor
        that no document of the knowledge base supports; it never negates a modal verb (必须 → 不必 is a
        give-away) and never touches protected text (a quotation, a formulation, a leader's words).
        """
        s = fact.sentence
        score = self._score("judge", fact)
        if len(s.text) > JUDGE_MAX:
            self.why = "statement_too_long"
            return None
        if s.text[-1] in "，,、":
            self.why = "not_whole_sentence"  # a clause window: judged alone it is cut short
            return None
        altered = self._false_statement(s, [fact], rng) if is_checkable(fact) else None
        if altered is None:
            if self.balance_judge and self.judge_counts[True] > self.judge_counts[False]:
                self.why = self.why if is_checkable(fact) else "judge_balance"
                return None
            return self._make("judge", s, self._lead(s) + _body(s.text), None, True, score)
        text, old, new = altered
        note = f"题干将原文的“{old}”改成了“{new}”，因此表述错误。"
        return self._make("judge", s, self._lead(s) + _body(text), None, False, score + 1, note)

    def _false_statement(
        self, s: Sentence, facts: list[Fact], rng: random.Random
    ) -> tuple[str, str, str] | None:
        """``s`` with one checkable fact swapped for a same-kind distractor: (text, old, new), or None."""
        if is_protected(s.text):
            self.why = "protected_text"
            return None
        usable = [f for f in facts if is_checkable(f)]
        if not usable:
            self.why = "no_checkable_fact"
            return None
        for f in rng.sample(usable, len(usable)):
            quoted = quoted_spans(s.text)
            spans = [sp for sp in f.spans if not any(a <= sp.start and sp.end <= b for a, b in quoted)]
            spans = [sp for sp in spans if _occurs_once(s.text, sp.text)]
            if not spans:
                continue
            span = rng.choice(spans)
            near = [b for a, b in NEAR_SYNONYMS if a == span.text]
            wrong = self.pool.pick(f, span, 1, rng, forbidden=near)
            if not wrong and f.kind == "enumeration":
                wrong = self._member_of_same_shape(f, span, rng)
            if wrong:
                return _replace(s.text, span, wrong[0]), span.text, wrong[0]
        self.why = "too_few_distractors"
        return None

    def statement_groups(self, chunks: Iterable[Chunk], facts: list[Fact]) -> list[Fact]:
        """Pseudo-facts for "下列表述符合原文的有" items: one per regulation article with ≥ 4 short
        statements, one per run of ≥ 4 consecutive short statements of an article paragraph."""
        by_chunk: dict[str, dict[int, list[Fact]]] = {}
        for fact in facts:
            if STATEMENT_MIN <= len(fact.sentence.text) <= STATEMENT_MAX:
                sentences = by_chunk.setdefault(fact.sentence.chunk.chunk_id, {})
                sentences.setdefault(fact.sentence.index, []).append(fact)
        groups: list[Fact] = []
        for chunk in chunks:
            sentences = by_chunk.setdefault(chunk.chunk_id, {})
            if not is_regulation(chunk.doc_type):
                # Article sentences rarely hold a number or a lexicon term; any short standalone sentence
                # can still be a true option (the false options need a fact or a modal verb to alter).
                for sentence in split_sentences(chunk):
                    if (
                        STATEMENT_MIN <= len(sentence.text) <= STATEMENT_MAX
                        and sentence.index not in sentences
                    ):
                        sentences[sentence.index] = [Fact("term", sentence, (), "statement")]
            ordered = [sentences[i] for i in sorted(sentences)]
            # A long article paragraph holds many statements: one group per run of consecutive
            # statements that fits one quote, so a paragraph can give several different items.
            # A regulation article is one group, as written (its items quote the sentences they use).
            regulation = is_regulation(chunk.doc_type)
            # A regulation article gives non-overlapping groups (one per four statements); an article
            # paragraph one group per starting statement.
            starts = range(0, len(ordered) - 3, 4) if regulation else range(len(ordered) - 3)
            for i in starts:
                members = self._statement_window(ordered[i:]) if i or not regulation else ordered
                if regulation and len(ordered) >= 8:
                    members = self._statement_window(ordered[i:])
                if len(members) < 4:
                    continue
                first = members[0][0].sentence
                self._statements[(chunk.chunk_id, first.index)] = members
                groups.append(Fact("statements", first, (), chunk.chunk_id))
        return groups

    @staticmethod
    def _statement_window(ordered: list[list[Fact]]) -> list[list[Fact]]:
        """The leading statements of ``ordered`` whose joint quote stays within STATEMENT_QUOTE_MAX."""
        members: list[list[Fact]] = []
        start = ordered[0][0].sentence.start
        for sentence_facts in ordered:
            s = sentence_facts[0].sentence
            if s.start + len(s.text) - start > STATEMENT_QUOTE_MAX:
                break
            members.append(sentence_facts)
        return members

    def statements(self, fact: Fact, rng: random.Random) -> QuizItem | None:
        """Multiple choice over whole statements of one article: true ones verbatim, false ones altered."""
        groups = self._statements.get((fact.sentence.chunk.chunk_id, fact.sentence.index), [])
        if len(groups) < 4:
            self.why = "too_few_statements"
            return None
        alterable = [
            g for g in groups if any(is_checkable(f) for f in g) and not is_protected(g[0].sentence.text)
        ]
        n_wrong = min(4 - rng.randint(2, 3), len(alterable))
        if n_wrong < 1:
            self.why = "no_checkable_fact"
            return None
        wrong_groups = rng.sample(alterable, n_wrong)
        rest = [g for g in groups if g not in wrong_groups]
        n_correct = 4 - n_wrong
        if len(rest) < n_correct:
            self.why = "too_few_statements"
            return None
        document = normalize_quote(self.doc_texts.get(fact.sentence.chunk.doc_id, fact.sentence.chunk.text))
        options: list[tuple[str, bool, Sentence]] = []
        for sentence_facts in rng.sample(rest, n_correct):
            s = sentence_facts[0].sentence
            options.append((s.text.rstrip("。；;，,"), True, s))
        for sentence_facts in wrong_groups:
            s = sentence_facts[0].sentence
            altered = self._altered(s, [f for f in sentence_facts if f.spans], rng)
            if altered is None or normalize_quote(altered.rstrip("。；;，,")) in document:
                # no faithful alteration, or the "false" statement is true elsewhere in the text
                self.why = "no_checkable_fact"
                return None
            options.append((altered.rstrip("。；;，,"), False, s))
        rng.shuffle(options)
        chunk = fact.sentence.chunk
        used = [o[2] for o in options]
        start = min(u.start for u in used)
        end = max(u.start + len(u.text) for u in used)
        quote = chunk.text[start:end]
        if len(quote) > STATEMENT_QUOTE_MAX:
            self.why = "quote_too_long"
            return None
        quote_sentence = Sentence(chunk, quote, start, fact.sentence.index)
        where = self._lead(Sentence(chunk, "", 0, 0))
        stem = f"{where}下列表述符合原文的有{CHOICE_GAP}。"
        answer = "".join(LETTERS[i] for i, o in enumerate(options) if o[1])
        score = 2 + (1 if n_correct == 3 else 0) + (1 if len(quote) > 120 else 0)
        texts = [o[0] for o in options]
        return self._make("multiple", quote_sentence, stem, texts, answer, score)

    def _altered(self, s: Sentence, facts: list[Fact], rng: random.Random) -> str | None:
        """``s`` with one checkable fact swapped for a same-kind distractor (never a negated modal)."""
        altered = self._false_statement(s, [f for f in facts if f.spans], rng)
        return altered[0] if altered else None

    def mention_groups(self, chunks: Iterable[Chunk], facts: list[Fact]) -> list[Fact]:
        """One pseudo-fact per article chunk naming ≥ 2 key terms, for "文中提到的提法有" items.

        Regulations are left out: their items ask what a rule says, not which words occur in it.
        """
        by_chunk: dict[str, dict[str, Fact]] = {}
        for fact in facts:
            if fact.kind == "term" and fact.spans and not is_regulation(fact.sentence.chunk.doc_type):
                terms = by_chunk.setdefault(fact.sentence.chunk.chunk_id, {})
                terms.setdefault(normalize_quote(fact.spans[0].text), fact)
        groups: list[Fact] = []
        for chunk in chunks:
            terms = by_chunk.get(chunk.chunk_id, {})
            if len(terms) >= 2:
                members = sorted(terms.values(), key=lambda f: (f.sentence.index, f.spans[0].start))
                first = members[0].sentence
                self._mentions[(chunk.chunk_id, first.index)] = members
                groups.append(Fact("mentions", first, (), chunk.chunk_id))
        return groups

    def mentions(self, fact: Fact, rng: random.Random) -> QuizItem | None:
        """Which key terms does the passage use: its own terms are keys, same-kind terms it never
        uses (anywhere in the document) are the distractors."""
        terms = self._mentions.get((fact.sentence.chunk.chunk_id, fact.sentence.index), [])
        if len(terms) < 2:
            self.why = "too_few_statements"
            return None
        n_correct = rng.randint(2, min(3, len(terms)))
        keys = sorted(rng.sample(terms, n_correct), key=lambda f: (f.sentence.index, f.spans[0].start))
        document = normalize_quote(self.doc_texts.get(fact.sentence.chunk.doc_id, fact.sentence.chunk.text))
        wrong: list[str] = []
        for key in rng.sample(keys, len(keys)):
            for cand in self.pool.pick(key, key.spans[0], 6, rng, forbidden=[k.spans[0].text for k in terms]):
                if normalize_quote(cand) not in document and cand not in wrong:
                    wrong.append(cand)
                    break
            if len(wrong) >= 4 - n_correct:
                break
        if len(wrong) < 4 - n_correct:
            # Well-known formulations the document never uses: wrong for "文中提到的" by the document.
            script = to_traditional if to_simplified(document) != document else (lambda t: t)
            spare = [
                script(t)
                for t in FORMULATIONS
                if normalize_quote(t) not in document and script(t) not in wrong
            ]
            wrong += rng.sample(spare, min(len(spare), 4 - n_correct - len(wrong)))
        if len(wrong) < 4 - n_correct:
            self.why = "too_few_distractors"
            return None
        options = [k.spans[0].text for k in keys] + wrong
        rng.shuffle(options)
        chunk = fact.sentence.chunk
        start = keys[0].sentence.start
        end = max(k.sentence.start + len(k.sentence.text) for k in keys)
        quote = chunk.text[start:end]
        if len(quote) > STATEMENT_QUOTE_MAX:
            self.why = "quote_too_long"
            return None
        stem = f"根据{self.versions.get(chunk.doc_id, '')}《{chunk.title}》，文中提到的提法有{CHOICE_GAP}。"
        answer = "".join(sorted(LETTERS[options.index(k.spans[0].text)] for k in keys))
        score = 2 + (1 if n_correct == 3 else 0)
        return self._make(
            "multiple", Sentence(chunk, quote, start, fact.sentence.index), stem, options, answer, score
        )

    def multiple_any(self, fact: Fact, rng: random.Random) -> QuizItem | None:
        if fact.kind == "statements":
            return self.statements(fact, rng)
        if fact.kind == "mentions":
            return self.mentions(fact, rng)
        return self.multiple(fact, rng)

    def builders(self) -> dict[str, Builder]:
        return {
            "blank": self.blank,
            "single": self.single,
            "multiple": self.multiple_any,
            "judge": self.judge,
        }


def _sentence_facts(chunks: Iterable[Chunk]) -> list[Fact]:
    """Facts in document order, plus a bare fact for each other sentence (a true statement to judge)."""
    facts: list[Fact] = []
    for chunk in chunks:
        found = extract_facts(chunk)
        facts.extend(found)
        with_facts = {f.sentence.index for f in found}
        for sentence in split_sentences(chunk):
            if sentence.index not in with_facts:
                facts.append(Fact("term", sentence, (), "negation"))
    return facts


def _quotas(count: int, types: list[QuizType]) -> dict[QuizType, int]:
    return {t: count // len(types) + (1 if i < count % len(types) else 0) for i, t in enumerate(types)}


def generate_quiz(
    request: QuizRequest,
    chunks: list[Chunk],
    corpus_chunks: list[Chunk],
    llm: ChatModel | None = None,
    pool: DistractorPool | None = None,
    *,
    timeout_s: float = 30.0,
    prompts_dir: Path = REPO_ROOT / "prompts",
) -> QuizResult:
    """Items over ``chunks`` (the scope), distractors from ``corpus_chunks`` (the whole knowledge base).

    With ``llm`` (a ``ChatModel``) the LLM generator is tried first; it falls back to these rules when the
    model fails or returns too few valid items.
    """
    seed = request.seed if request.seed is not None else random.SystemRandom().randrange(2**31)
    texts = {c.chunk_id: c.text for c in [*corpus_chunks, *chunks]}
    dropped: Counter[str] = Counter()
    items: list[QuizItem] = []
    generator = "rules"
    if llm is not None:
        from service.quiz.llm import generate_with_llm

        items, llm_dropped = generate_with_llm(
            request,
            chunks,
            llm,
            seed,
            texts,
            timeout_s=timeout_s,
            prompts_dir=prompts_dir,
            documents=doc_metadata(corpus_chunks or chunks),
        )
        dropped.update(llm_dropped)
        generator = "llm" if len(items) >= request.count else "llm+rules" if items else "rules"
    if len(items) < request.count:
        pool = pool or DistractorPool.from_chunks(corpus_chunks or chunks)
        missing = request.model_copy(update={"count": request.count - len(items)})
        by_doc: dict[str, list[str]] = {}
        for c in corpus_chunks or chunks:
            by_doc.setdefault(c.doc_id, []).append(c.text)
        doc_texts = {doc_id: "\n".join(parts) for doc_id, parts in by_doc.items()}
        gen = RuleGenerator(pool, doc_texts, doc_metadata(corpus_chunks or chunks))
        rule_items, rule_dropped = _generate_rules(missing, chunks, gen, seed, texts, {i.id for i in items})
        items.extend(rule_items)
        dropped.update(rule_dropped)
    return QuizResult(items=items, dropped=dict(sorted(dropped.items())), seed=seed, generator=generator)


def spread(facts: list[Fact], rng: random.Random) -> list[Fact]:
    """Facts in an order that visits every article/paragraph before returning to one (coverage): facts
    are shuffled within their chunk, chunks are shuffled, then taken round-robin."""
    by_chunk: dict[str, list[Fact]] = {}
    for fact in facts:
        by_chunk.setdefault(fact.sentence.chunk.chunk_id, []).append(fact)
    queues = [rng.sample(group, len(group)) for group in by_chunk.values()]
    rng.shuffle(queues)
    out: list[Fact] = []
    while queues:
        queues = [q for q in queues if q]
        for q in queues:
            out.append(q.pop())
    return out


def tested_facts(item: QuizItem) -> set[str]:
    """What an item tests, to keep one fact to one item per set (issue 15: three items on "三个代表"):
    the key of a gap (a term or list member on its own; a number together with its sentence, since 一年
    in two rules is two facts), the statement of a true/false item, and every quoted sentence."""
    quote = normalize_quote(item.source.quote)
    # The sentences it shows whole ("J§…": a true/false statement, the options of 下列表述符合原文的有) or
    # with a gap ("G§…"): a sentence shown whole gives away every other item on it (trainer's review of
    # issue 15: a true statement next to a blank on its 政治标准), see ``gives_away``.
    # 文中提到的提法有: any other item on its sentences shows which terms the passage uses.
    whole = item.type == "judge" or (
        item.type == "multiple" and ("下列表述" in item.stem or "文中提到" in item.stem)
    )
    mark = "J§" if whole else "G§"
    sentences = {mark + s.strip("，,、 ") for s in re.split(r"[。；;！？!?]", quote) if len(s.strip()) >= 6}
    if item.type in ("single", "multiple") and item.options:
        keys = [item.options[LETTERS.index(ch)] for ch in answer_letters(item.answer)]
    elif item.type == "blank" and isinstance(item.answer, str):
        keys = [item.answer]
    else:
        return {quote, *sentences}
    out = set(sentences)
    for key in keys:
        norm = normalize_quote(key)
        out.add(f"{norm}@{quote}" if _is_number(norm) else norm)
    return out


def gives_away(facts: set[str], tested: set[str]) -> bool:
    """True when an item testing ``facts`` repeats a fact of ``tested`` or shares a sentence with another
    item (a stem with a gap shows the other facts of its sentence; a statement shows them all).
    ``_generate_rules`` admits such items only when the scope cannot otherwise supply the count."""
    if facts & tested:
        return True  # the same fact, or two gaps in one sentence: each stem shows the other's key
    for fact in facts:
        if fact.startswith("J§") and ("G§" + fact[2:]) in tested:
            return True
        if fact.startswith("G§") and ("J§" + fact[2:]) in tested:
            return True
    return False


def _is_number(text: str) -> bool:
    from service.quiz.extract import _NUMBER_RE, _RANGE_RE

    m = _NUMBER_RE.fullmatch(text)
    return bool(m and m.group(2)) or bool(_RANGE_RE.fullmatch(text)) or text == "半年"


def _generate_rules(
    request: QuizRequest,
    chunks: list[Chunk],
    gen: RuleGenerator,
    seed: int,
    texts: dict[str, str],
    taken: set[str],
) -> tuple[list[QuizItem], Counter[str]]:
    from service.quiz.quality import quality_problems  # the exam-ready rules gate every item too

    rng = random.Random(seed)
    builders = gen.builders()
    facts = _sentence_facts(chunks)
    gen.index_enumerations(facts)
    statement_groups = gen.statement_groups(chunks, facts) + gen.mention_groups(chunks, facts)
    types = list(dict.fromkeys(request.types))
    quotas = _quotas(request.count, types)
    chosen: dict[QuizType, list[QuizItem]] = {t: [] for t in types}
    used_sentences: Counter[tuple[str, int]] = Counter()
    tested: set[str] = set()
    seen_ids = set(taken)
    # Why a candidate did not become an item, once per (type, fact): builders' and validators' reasons.
    skipped: dict[tuple[str, int], str] = {}
    order = {t: spread(facts, rng) for t in types}
    if "multiple" in order:
        # List questions first (they test recall of the list), statement questions after.
        order["multiple"] = [f for f in order["multiple"] if f.kind == "enumeration"] + rng.sample(
            statement_groups, len(statement_groups)
        )

    # Exam-ready items first: the quality rules (quality.py) gate every item while the scope can supply
    # the count; only a scope too poor for that gets valid items below the bar, counted in ``dropped``.
    state = {"exam_ready_only": True, "below_bar": 0}  # below the bar: a quality rule or a shared sentence

    def fill(passes: list[tuple[bool, int]]) -> None:
        for match_difficulty, per_sentence in passes:
            for type_ in types:
                for fact in order[type_]:
                    if len(chosen[type_]) >= quotas[type_]:
                        break
                    key = (fact.sentence.chunk.chunk_id, fact.sentence.index)
                    if used_sentences[key] >= per_sentence:
                        continue
                    if not fact.spans and fact.kind not in ("statements", "mentions") and type_ != "judge":
                        continue
                    attempt = (type_, id(fact))
                    gen.why = "no_item"
                    item = builders[type_](fact, rng)
                    if item is None:
                        skipped.setdefault(attempt, gen.why)
                        continue
                    if item.id in seen_ids:
                        continue
                    if match_difficulty and item.difficulty != request.difficulty:
                        continue
                    source_text = texts.get(item.source.chunk_id or "")
                    reasons = validate_item(item, source_text)
                    below_bar = (
                        []
                        if reasons
                        else quality_problems(
                            item,
                            gen.pool,
                            source_text,
                            gen.documents,
                            allow_superseded=request.scope.include_superseded,
                        )
                    )
                    if state["exam_ready_only"]:
                        reasons = reasons or below_bar
                    seen_ids.add(item.id)
                    if reasons:
                        skipped[attempt] = reasons[0]
                        log.debug("dropped %s item %s: %s", type_, item.stem, reasons)
                        continue
                    facts_tested = tested_facts(item)
                    shares_sentence = gives_away(facts_tested, tested)
                    if any("§" not in f for f in facts_tested & tested) or (
                        shares_sentence and state["exam_ready_only"]
                    ):
                        skipped.setdefault(attempt, "fact_already_tested")
                        continue
                    skipped.pop(attempt, None)
                    tested.update(facts_tested)
                    if item.type == "judge" and isinstance(item.answer, bool):
                        gen.judge_counts[item.answer] += 1
                    chosen[type_].append(item)
                    used_sentences[key] += 1
                    state["below_bar"] += bool(below_bar) or shares_sentence

    # Passes relax, in turn: the wished difficulty, one item per sentence, then a few per sentence.
    passes = (
        [(True, 1), (True, 3), (False, 1), (False, 3)] if request.difficulty else [(False, 1), (False, 3)]
    )
    first_quotas = dict(quotas)

    def fill_and_share() -> None:
        fill(passes)
        # A type the scope cannot supply leaves its share to the others, so ``count`` is reached when
        # the scope holds enough facts of any requested type.
        for _ in range(len(types)):
            short = sum(quotas[t] - len(chosen[t]) for t in types)
            open_types = [t for t in types if len(chosen[t]) >= quotas[t]]
            if not short or not open_types:
                break
            for t in types:
                quotas[t] = len(chosen[t])
            for i in range(short):
                quotas[open_types[i % len(open_types)]] += 1
            fill(passes[-2:])

    fill_and_share()
    if sum(len(v) for v in chosen.values()) < request.count:
        # The scope cannot supply the count by the rules (theory articles hold few checkable facts for
        # false statements and few lists): valid items below the bar (and, in a set of judge items
        # only, true statements beyond the balance) make up the rest; ``dropped`` says how many
        # (below_exam_bar, judge_unbalanced).
        state["exam_ready_only"] = False
        gen.balance_judge = types != ["judge"]  # a mixed set keeps its balance: other types fill
        # The shortfall goes back to the types that fell short of their first share, then round-robin.
        quotas.update({t: len(chosen[t]) for t in types})
        short = request.count - sum(quotas.values())
        for t in types:
            extra = min(short, max(0, first_quotas[t] - quotas[t]))
            quotas[t] += extra
            short -= extra
        for i in range(short):
            quotas[types[i % len(types)]] += 1
        fill_and_share()
    items = [item for t in types for item in chosen[t]]
    # judge_balance is a choice, not a failure: a true statement held back for a false one.
    dropped: Counter[str] = Counter(r for r in skipped.values() if r != "judge_balance")
    unbalanced = gen.judge_counts[True] - gen.judge_counts[False] - 1
    if unbalanced > 0:
        dropped["judge_unbalanced"] = unbalanced
    if state["below_bar"]:
        dropped["below_exam_bar"] = state["below_bar"]
    short = request.count - len(items)
    if short > 0:
        dropped["scope_exhausted"] += short
    return items, dropped
