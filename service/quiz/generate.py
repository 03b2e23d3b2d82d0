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
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

from service.backends.base import ChatModel
from service.config import REPO_ROOT
from service.quiz.distractors import DistractorPool, negate
from service.quiz.extract import Fact, Sentence, Span, extract_facts, split_sentences
from service.quiz.items import (
    BLANK,
    CHOICE_GAP,
    LETTERS,
    Difficulty,
    QuizRequest,
    QuizResult,
    explanation_for,
    item_id,
)
from service.quiz.validate import validate_item
from service.schemas import Chunk, QuizItem, QuizSource, QuizType
from service.text.normalize import normalize_quote

log = logging.getLogger(__name__)

Builder = Callable[[Fact, random.Random], QuizItem | None]
_BASE_SCORE: dict[str, int] = {"judge": 0, "blank": 1, "single": 1, "multiple": 2}
STATEMENT_MAX = 100  # longest sentence used as a whole option
STATEMENT_QUOTE_MAX = 400


def lead_in(sentence: Sentence) -> str:
    """ "根据《中国共产党章程》第七条，" — names the source so a stem is answerable on its own."""
    chunk = sentence.chunk
    where = chunk.locator if chunk.locator.startswith("第") and chunk.locator.endswith("条") else ""
    about = f"关于“{sentence.context}”的规定" if sentence.context else ""
    return f"根据《{chunk.title}》{where}{about}，"


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
) -> QuizItem:
    chunk = sentence.chunk
    return QuizItem(
        id=item_id(type_, stem, options, answer),
        type=type_,
        stem=stem,
        options=options,
        answer=answer,
        explanation=explanation_for(chunk.title, chunk.locator, sentence.text) + note,
        difficulty=_difficulty(score),
        source=_source(sentence),
        generator="rules",
    )


class RuleGenerator:
    """Builds items of each type from facts; holds the corpus-wide distractor pool."""

    def __init__(self, pool: DistractorPool, doc_texts: dict[str, str] | None = None) -> None:
        self.pool = pool
        self.doc_texts = doc_texts or {}  # whole documents: a distractor must not occur anywhere in them
        self._statements: dict[tuple[str, int], list[list[Fact]]] = {}
        self._mentions: dict[tuple[str, int], list[Fact]] = {}
        self._enum_members: list[tuple[str, str, str]] = []  # (member, category, doc_id) of lists in scope

    def _score(self, type_: str, fact: Fact) -> int:
        score = _BASE_SCORE[type_] + (1 if len(fact.sentence.text) > 60 else 0)
        if fact.kind == "enumeration" and len(fact.spans) >= 5:
            score += 1
        return score

    def _span(self, fact: Fact, rng: random.Random) -> Span | None:
        """The span to ask about; only spans that occur once in the sentence (else the stem leaks them)."""
        unique = [sp for sp in fact.spans if _occurs_once(fact.sentence.text, sp.text)]
        if not unique:
            return None
        return unique[0] if len(unique) == 1 else rng.choice(unique)

    def blank(self, fact: Fact, rng: random.Random) -> QuizItem | None:
        span = self._span(fact, rng)
        if span is None:
            return None
        s = fact.sentence
        stem = lead_in(s) + _body(_replace(s.text, span, BLANK))
        return _item("blank", s, stem, None, span.text, self._score("blank", fact))

    def single(self, fact: Fact, rng: random.Random) -> QuizItem | None:
        span = self._span(fact, rng)
        if span is None:
            return None
        wrong = self.pool.pick(fact, span, 3, rng)
        if len(wrong) < 3:
            return None
        options = [span.text, *wrong]
        rng.shuffle(options)
        s = fact.sentence
        stem = lead_in(s) + _body(_replace(s.text, span, CHOICE_GAP))
        answer = LETTERS[options.index(span.text)]
        return _item("single", s, stem, options, answer, self._score("single", fact))

    def multiple(self, fact: Fact, rng: random.Random) -> QuizItem | None:
        if fact.kind != "enumeration" or len(fact.spans) < 2:
            return None
        if not all(_occurs_once(fact.sentence.text, sp.text) for sp in fact.spans):
            return None
        lengths = [len(sp.text) for sp in fact.spans]
        if max(lengths) > 2 * min(lengths) + 1:
            return None  # 负责、守责、尽责体现在每个党组织: the list's edges were cut in the wrong place
        n_correct = rng.randint(2, min(4, len(fact.spans)))
        correct = sorted(rng.sample(range(len(fact.spans)), n_correct))
        n_wrong = max(4, n_correct + 1) - n_correct
        wrong = self.pool.pick(fact, fact.spans[0], n_wrong, rng)
        if len(wrong) < n_wrong:
            wrong += self._sibling_members(fact, n_wrong - len(wrong), wrong, rng)
        if len(wrong) < n_wrong:
            return None
        keys = [fact.spans[i].text for i in correct]
        options = [*keys, *wrong]
        rng.shuffle(options)
        s = fact.sentence
        whole = Span(fact.spans[0].start, fact.spans[-1].end, "")
        stem = lead_in(s) + _body(_replace(s.text, whole, CHOICE_GAP))
        answer = "".join(sorted(LETTERS[options.index(k)] for k in keys))
        score = self._score("multiple", fact) + (1 if n_correct >= 3 else 0)
        return _item("multiple", s, stem, options, answer, score)

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
            seen.add(norm)
            cands.append(text)
        return rng.sample(cands, n) if len(cands) >= n else []

    def judge(self, fact: Fact, rng: random.Random) -> QuizItem | None:
        s = fact.sentence
        score = self._score("judge", fact)
        if rng.random() < 0.5:
            return _item("judge", s, lead_in(s) + _body(s.text), None, True, score)
        span = self._span(fact, rng) if fact.spans else None
        wrong = self.pool.pick(fact, span, 1, rng) if span else []
        if span and wrong:
            altered, old, new = _replace(s.text, span, wrong[0]), span.text, wrong[0]
        else:
            negated = negate(s.text)
            if negated is None:
                return None
            altered, old, new = negated
        note = f"题干将原文的“{old}”改成了“{new}”，因此表述错误。"
        return _item("judge", s, lead_in(s) + _body(altered), None, False, score + 1, note)

    def statement_groups(self, chunks: Iterable[Chunk], facts: list[Fact]) -> list[Fact]:
        """Pseudo-facts for "下列表述符合原文的有" items: one per regulation article with ≥ 4 short
        statements, one per run of ≥ 4 consecutive short statements of an article paragraph."""
        by_chunk: dict[str, dict[int, list[Fact]]] = {}
        for fact in facts:
            if fact.kind != "enumeration" and len(fact.sentence.text) <= STATEMENT_MAX:
                sentences = by_chunk.setdefault(fact.sentence.chunk.chunk_id, {})
                sentences.setdefault(fact.sentence.index, []).append(fact)
        groups: list[Fact] = []
        for chunk in chunks:
            sentences = by_chunk.setdefault(chunk.chunk_id, {})
            if chunk.doc_type != "regulation":
                # Article sentences rarely hold a number or a lexicon term; any short standalone sentence
                # can still be a true option (the false options need a fact or a modal verb to alter).
                for sentence in split_sentences(chunk):
                    if len(sentence.text) <= STATEMENT_MAX and sentence.index not in sentences:
                        sentences[sentence.index] = [Fact("term", sentence, (), "statement")]
            ordered = [sentences[i] for i in sorted(sentences)]
            # A long article paragraph holds many statements: one group per run of consecutive
            # statements that fits one quote, so a paragraph can give several different items.
            # A regulation article is one group, as written (its items quote the sentences they use).
            regulation = chunk.doc_type == "regulation"
            for i in range(min(1, len(ordered) - 3) if regulation else len(ordered) - 3):
                members = ordered if regulation else self._statement_window(ordered[i:])
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
            return None
        alterable = [g for g in groups if any(f.spans for f in g) or negate(g[0].sentence.text) is not None]
        n_wrong = min(4 - rng.randint(2, 3), len(alterable))
        if n_wrong < 1:
            return None
        wrong_groups = rng.sample(alterable, n_wrong)
        rest = [g for g in groups if g not in wrong_groups]
        n_correct = 4 - n_wrong
        if len(rest) < n_correct:
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
                return None  # no faithful alteration, or the "false" statement is true elsewhere in the text
            options.append((altered.rstrip("。；;，,"), False, s))
        rng.shuffle(options)
        chunk = fact.sentence.chunk
        used = [o[2] for o in options]
        start = min(u.start for u in used)
        end = max(u.start + len(u.text) for u in used)
        quote = chunk.text[start:end]
        if len(quote) > STATEMENT_QUOTE_MAX:
            return None
        quote_sentence = Sentence(chunk, quote, start, fact.sentence.index)
        where = lead_in(Sentence(chunk, "", 0, 0))
        stem = f"{where}下列表述符合原文的有{CHOICE_GAP}。"
        answer = "".join(LETTERS[i] for i, o in enumerate(options) if o[1])
        score = 2 + (1 if n_correct == 3 else 0) + (1 if len(quote) > 120 else 0)
        texts = [o[0] for o in options]
        return _item("multiple", quote_sentence, stem, texts, answer, score)

    def _altered(self, s: Sentence, facts: list[Fact], rng: random.Random) -> str | None:
        """``s`` with one fact swapped for a same-kind distractor, else with a modal verb negated."""
        if facts:
            f = rng.choice(facts)
            span = self._span(f, rng)
            wrong = self.pool.pick(f, span, 1, rng) if span else []
            if span and wrong:
                return _replace(s.text, span, wrong[0])
        negated = negate(s.text)
        return negated[0] if negated else None

    def mention_groups(self, chunks: Iterable[Chunk], facts: list[Fact]) -> list[Fact]:
        """One pseudo-fact per article chunk naming ≥ 2 key terms, for "文中提到的提法有" items.

        Regulations are left out: their items ask what a rule says, not which words occur in it.
        """
        by_chunk: dict[str, dict[str, Fact]] = {}
        for fact in facts:
            if fact.kind == "term" and fact.spans and fact.sentence.chunk.doc_type != "regulation":
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
            return None
        options = [k.spans[0].text for k in keys] + wrong
        rng.shuffle(options)
        chunk = fact.sentence.chunk
        start = keys[0].sentence.start
        end = max(k.sentence.start + len(k.sentence.text) for k in keys)
        quote = chunk.text[start:end]
        if len(quote) > STATEMENT_QUOTE_MAX:
            return None
        stem = f"根据《{chunk.title}》，文中提到的提法有{CHOICE_GAP}。"
        answer = "".join(sorted(LETTERS[options.index(k.spans[0].text)] for k in keys))
        score = 2 + (1 if n_correct == 3 else 0)
        return _item(
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
    """Facts in document order, plus a bare fact for rule sentences judge items can negate."""
    facts: list[Fact] = []
    for chunk in chunks:
        found = extract_facts(chunk)
        facts.extend(found)
        with_facts = {f.sentence.index for f in found}
        for sentence in split_sentences(chunk):
            if sentence.index not in with_facts and negate(sentence.text) is not None:
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
            request, chunks, llm, seed, texts, timeout_s=timeout_s, prompts_dir=prompts_dir
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
        rule_items, rule_dropped = _generate_rules(
            missing, chunks, RuleGenerator(pool, doc_texts), seed, texts, {i.id for i in items}
        )
        items.extend(rule_items)
        dropped.update(rule_dropped)
    return QuizResult(items=items, dropped=dict(sorted(dropped.items())), seed=seed, generator=generator)


def _generate_rules(
    request: QuizRequest,
    chunks: list[Chunk],
    gen: RuleGenerator,
    seed: int,
    texts: dict[str, str],
    taken: set[str],
) -> tuple[list[QuizItem], Counter[str]]:
    rng = random.Random(seed)
    builders = gen.builders()
    facts = _sentence_facts(chunks)
    gen.index_enumerations(facts)
    statement_groups = gen.statement_groups(chunks, facts) + gen.mention_groups(chunks, facts)
    types = list(dict.fromkeys(request.types))
    quotas = _quotas(request.count, types)
    dropped: Counter[str] = Counter()
    chosen: dict[QuizType, list[QuizItem]] = {t: [] for t in types}
    used_sentences: Counter[tuple[str, int]] = Counter()
    seen_ids = set(taken)
    order = {t: rng.sample(facts, len(facts)) for t in types}
    if "multiple" in order:
        # List questions first (they test recall of the list), statement questions after.
        order["multiple"] = [f for f in order["multiple"] if f.kind == "enumeration"] + rng.sample(
            statement_groups, len(statement_groups)
        )

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
                    item = builders[type_](fact, rng)
                    if item is None or item.id in seen_ids:
                        continue
                    if match_difficulty and item.difficulty != request.difficulty:
                        continue
                    reasons = validate_item(item, texts.get(item.source.chunk_id or ""))
                    seen_ids.add(item.id)
                    if reasons:
                        dropped[reasons[0]] += 1
                        log.debug("dropped %s item %s: %s", type_, item.stem, reasons)
                        continue
                    chosen[type_].append(item)
                    used_sentences[key] += 1

    # Passes relax, in turn: the wished difficulty, one item per sentence, then a few per sentence.
    passes = (
        [(True, 1), (True, 3), (False, 1), (False, 3)] if request.difficulty else [(False, 1), (False, 3)]
    )
    fill(passes)
    # A type the scope cannot supply leaves its share to the others, so ``count`` is reached when the
    # scope holds enough facts of any requested type.
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
    items = [item for t in types for item in chosen[t]]
    return items, dropped
