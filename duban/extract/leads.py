"""Suggest the lead unit (牵头单位) of a task among the units responsible for it.

Every unit gets a score from what a reviewer would weigh:
- the unit named in the task itself, more when as its actor (由X牵头, X负责, X会同…);
- the task's words that belong to the unit's standard functions (functions.FUNCTIONS, by the generic
  department its name maps to), and, at half weight, the words of the section title;
- what duban learned from plans that named their leads (LeadKnowledge);
- a small bonus for being listed early; groups (各市州政府, 各有关单位) count for little unless named.
The best score wins; with no evidence at all the first listed department is taken, and the reason says so.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from .functions import FUNCTIONS, GOVERNMENT_WORDS, keywords_of
from .orgs import DEPARTMENTS, aliases, fold, is_group, looks_like_unit, name_key, parse_name

NAMED_AS_ACTOR = 8.0  # 由X牵头 / X负责: the text says who leads
DECLARED_SUBJECT = 20.0  # the plan declares the unit 责任主体 of the whole work
NAMED = 2.5  # the unit appears in the text in another role
NAMED_AS_HELPER = -2.0  # X指导 / X参与 / X配合: the text says the unit does not lead
TITLE_WEIGHT = 0.5
POSITION_BONUS = 1.0  # the first listed unit gets this much, the last almost none
TASK_LIST_BONUS = 12.0  # in a list printed with the task itself, the first unit usually leads
GROUP_FACTOR = 0.3
LEARNED_WEIGHT = 6.0
DECAY = 0.8

_CLAUSE_START = "。；！？：\n"  # a unit right after these (or at the start) is the subject of its sentence
_SENTENCE = re.compile(r"[^。；！？\n]+")
_DECLARED_SUBJECT = re.compile(
    r"^(?:[（(][^）)]*[）)])?([^，、“”]{2,20}?)(?:是|为|作为)[^，。；]{0,30}?责任主体"
)
_ACTOR_AFTER = re.compile(r"^(?:要|应|应当|将|需)?(?:牵头|负责|会同|统筹|组织|主导|承担|具体负责)")
_SUBJECT_AFTER = re.compile(r"^[^、和与及的等,，]")  # not the first item of a list (党政机关、公共机构…)
_GROUP_SUBJECT_AFTER = re.compile(r"^(?:要|应|须|必须|需)")
_HELPER_AFTER = re.compile(r"^(?:等部门)?(?:指导|参与|配合|协助|支持|协同)")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")


def _keyword_index() -> dict[str, tuple[str, ...]]:
    """Every known keyword under its first two characters, so a task is checked only for the keywords
    that can occur in it."""
    index: dict[str, set[str]] = {}
    for words in (*FUNCTIONS.values(), GOVERNMENT_WORDS):
        for word in words:
            index.setdefault(word[:2], set()).add(word)
    return {head: tuple(words) for head, words in index.items()}


_KEYWORDS_BY_HEAD = _keyword_index()


@lru_cache(maxsize=1024)
def _present_keywords(text: str) -> frozenset[str]:
    heads = set(text) | {text[i : i + 2] for i in range(len(text) - 1)}
    return frozenset(w for head in heads for w in _KEYWORDS_BY_HEAD.get(head, ()) if w in text)


@dataclass
class LeadSuggestion:
    unit: str  # one of the given units, as printed
    reason: str  # Chinese words for the review screen, e.g. 任务含“医保”，属省医保局职责
    ranking: list[tuple[str, float]]  # every given unit with its score, best first


@dataclass(frozen=True)
class _Profile:
    """What suggestion needs to know of one unit, computed once per name."""

    dept: str | None  # the generic department, or None for governments, groups and unknown bodies
    group: bool
    keywords: dict[str, float]
    own_words: tuple[tuple[str, float], ...]  # an unknown body's name words, not in the global index
    mentions: tuple[str, ...]  # spellings to look for in a task's text, longest first
    learn_key: str


@lru_cache(maxsize=2048)
def _profile(name: str) -> _Profile:
    parsed = parse_name(name)
    group = is_group(name)
    government = parsed.dept is None and (parsed.core.endswith("政府") or parsed.core in ("", "政府"))
    keywords = dict(keywords_of(parsed.dept))
    if government:
        keywords.update(GOVERNMENT_WORDS)
    own = _own_words(parsed.core) if parsed.dept is None and not group and not government else {}
    return _Profile(
        dept=parsed.dept,
        group=group,
        keywords=keywords,
        own_words=tuple(own.items()),
        mentions=_mentions(name) if not group else _group_mentions(name),
        learn_key=learn_key(name),
    )


def _own_words(core: str) -> dict[str, float]:
    """An unknown body's own name words (三江源国家公园管理局 → 三江源国家公园) as weak keywords."""
    stem = re.sub(r"(管理局|管理处|筹建办|办公室|中心|局|办|委|处|所|站|台)$", "", core)
    return {stem: 3.0} if len(stem) >= 3 else {}  # 重大 (of 重大办) is too common a word


def _mentions(name: str) -> tuple[str, ...]:
    forms = set(aliases(name))
    parsed = parse_name(name)
    if parsed.dept in DEPARTMENTS:
        # 教育部门要… / 公安机关… : the department named by its line of work
        for stem in DEPARTMENTS[parsed.dept][0]:
            forms.update((stem + "部门", stem + "机关") if parsed.dept == "公安" else (stem + "部门",))
    level = parsed.level + ("委" if parsed.party else "")
    for form in list(forms):
        if level and form.startswith(level) and len(form) - len(level) >= 3:
            forms.add(form[len(level) :])  # 生态环境部 written without 国家, 发展改革委 without 省
    return tuple(sorted((f for f in forms if len(f) >= 3), key=len, reverse=True))


def _group_mentions(name: str) -> tuple[str, ...]:
    """A group as printed, and without its 人民政府/政府 (各乡镇人民政府 is written 各乡镇 in a task)."""
    printed = fold(name)
    short = re.sub(r"(人民政府|政府)$", "", printed)
    return (printed, short) if short != printed and len(short) >= 3 else (printed,)


def learn_key(name: str) -> str:
    """The key learned leads are counted under: the generic department when known, so what was
    learned from 省卫健委 serves 市卫健委 too; else the canonical name."""
    parsed = parse_name(name)
    if parsed.dept and not is_group(name):
        return "dept:" + parsed.dept + (":委" if parsed.party else "")
    return name_key(name)


@dataclass(frozen=True)
class _UnitSet:
    """The units of one list, with their spellings and keywords gathered for one pass over a task."""

    profiles: tuple[_Profile, ...]
    forms: tuple[str, ...]  # every spelling of every unit, longest first
    owners: dict[str, tuple[int, ...]]  # a spelling → the units it names
    keyword_owners: dict[str, tuple[tuple[int, float], ...]]  # a keyword → (unit, weight)
    own_words: tuple[tuple[int, str, float], ...]  # unknown bodies' name words (not in the global index)


@lru_cache(maxsize=512)
def _unit_set(units: tuple[str, ...]) -> _UnitSet:
    profiles = tuple(_profile(u) for u in units)
    owners: dict[str, list[int]] = {}
    keyword_owners: dict[str, list[tuple[int, float]]] = {}
    for i, profile in enumerate(profiles):
        for form in profile.mentions:
            owners.setdefault(form, []).append(i)
        for word, weight in profile.keywords.items():
            keyword_owners.setdefault(word, []).append((i, weight))
    forms = tuple(sorted(owners, key=len, reverse=True))
    own = tuple((i, w, weight) for i, p in enumerate(profiles) for w, weight in p.own_words)
    return _UnitSet(
        profiles,
        forms,
        {f: tuple(ids) for f, ids in owners.items()},
        {w: tuple(ids) for w, ids in keyword_owners.items()},
        own,
    )


def _mentions_in(text: str, unit_set: _UnitSet) -> tuple[list[tuple[float, str]], str]:
    """Each unit's strongest mention in the text (role score, spelling), and the text without names.

    Spellings are tried longest first and each found one is masked, so 发展改革委 is not found again
    inside 国家发展改革委.
    """
    found: list[tuple[float, str]] = [(0.0, "")] * len(unit_set.profiles)
    masked = text
    for form in unit_set.forms:
        start = masked.find(form)
        while start >= 0:
            end = start + len(form)
            for i in unit_set.owners[form]:
                role = _mention_role(text, start, end, unit_set.profiles[i].group)
                found[i] = max(found[i], (role, form), key=_role_rank)
            masked = masked[:start] + "|" * len(form) + masked[end:]
            start = masked.find(form, end)
    return found, masked


def _role_rank(mention: tuple[float, str]) -> int:
    # actor beats a plain mention, which beats being named as helper, which beats silence
    return {NAMED_AS_ACTOR: 3, NAMED: 2, NAMED_AS_HELPER: 1}.get(mention[0], 0)


def _mention_reason(role: float, form: str) -> str:
    if role == NAMED_AS_ACTOR:
        return f"任务写明由{form}负责"
    if role == NAMED:
        return f"任务提到{form}"
    return f"任务写明{form}配合" if role == NAMED_AS_HELPER else ""


def _mention_role(text: str, start: int, end: int, group: bool) -> float:
    """How much a mention of a unit at text[start:end] says it leads."""
    after = text[end : end + 6]
    if _HELPER_AFTER.match(after):
        return NAMED_AS_HELPER
    if _ACTOR_AFTER.match(after) or text[max(0, start - 1) : start] == "由":
        return NAMED_AS_ACTOR
    # the subject of its sentence (a group only with 要/应: 各地…对…负总责 is not a lead)
    at_clause_start = start == 0 or text[start - 1] in _CLAUSE_START
    subject_after = _GROUP_SUBJECT_AFTER if group else _SUBJECT_AFTER
    if at_clause_start and subject_after.match(after):
        return NAMED_AS_ACTOR
    return NAMED


def _keyword_hits(text: str, unit_set: _UnitSet) -> list[list[tuple[float, str]]]:
    """For each unit, the (weight, keyword) pairs of its functions found in the text, best first."""
    hits: list[list[tuple[float, str]]] = [[] for _ in unit_set.profiles]
    if not text:
        return hits
    for word in _present_keywords(text):
        for i, weight in unit_set.keyword_owners.get(word, ()):
            hits[i].append((weight, word))
    for i, word, weight in unit_set.own_words:
        if word in text:
            hits[i].append((weight, word))
    for unit_hits in hits:
        unit_hits.sort(reverse=True)
    return hits


def _decayed(hits: list[tuple[float, str]]) -> float:
    # the most telling word counts fully, each further one somewhat less
    return sum(w * DECAY**i for i, (w, _) in enumerate(hits))


@dataclass
class _Score:
    total: float
    evidence: float  # the part that is not the position bonus
    reason: str = ""


def _reason(
    name: str,
    mention: tuple[float, str],
    hits: list[tuple[float, str]],
    title_hits: list[tuple[float, str]],
    learned_score: float,
) -> str:
    mention_reason = _mention_reason(*mention)
    if mention[0] >= NAMED_AS_ACTOR:
        return mention_reason
    parts = []
    if hits:
        parts.append("任务含" + "、".join(f"“{w}”" for _, w in hits[:3]) + f"，属{name}职责")
    elif title_hits:
        parts.append("所在部分标题含" + "、".join(f"“{w}”" for _, w in title_hits[:2]) + f"，属{name}职责")
    if learned_score > 1:
        parts.append(f"以往计划中同类任务多由{name}牵头")
    if mention_reason and not parts:
        parts.append(mention_reason)
    return "；".join(parts)


def declared_subjects(plan_text: str) -> list[str]:
    """Bodies the plan itself declares responsible for the whole work (X是…责任主体), as printed.

    Call once per plan and pass the result to every suggest_lead call as `subjects`.
    """
    found: list[str] = []
    for sentence in _SENTENCE.findall(fold(plan_text)):
        m = _DECLARED_SUBJECT.match(sentence)
        if m and looks_like_unit(m.group(1)) and not m.group(1).startswith("以"):
            found.append(m.group(1))
    return list(dict.fromkeys(found))


def suggest_lead(
    text: str,
    units: list[str],
    *,
    section_title: str = "",
    learned: LeadKnowledge | None = None,
    subjects: list[str] | None = None,
    per_task: bool = False,
) -> LeadSuggestion | None:
    """The most likely lead among `units` for a task, with the reason and every unit's score.

    `subjects` are the plan's declared responsible bodies (declared_subjects): one of them leads a task
    unless the task names its own actor. `per_task`: the units were printed with this task (units_from
    "task"), where the first listed is the usual lead; else they are a section's pool.
    """
    if not units:
        return None
    text = fold(text)
    unit_set = _unit_set(tuple(units))
    mentions, plain = _mentions_in(text, unit_set)
    evidence = _Evidence(
        mentions,
        _keyword_hits(plain, unit_set),
        _keyword_hits(fold(section_title), unit_set),
        _learned_scores(text, unit_set, learned),
    )
    named_actor = any(role == NAMED_AS_ACTOR for role, _ in mentions)
    # a unit the text names as its actor outranks both list order and the plan's declared subject
    first_bonus = per_task and not named_actor
    scores = [_total(evidence, i, profile, first_bonus) for i, profile in enumerate(unit_set.profiles)]
    if subjects and not named_actor:
        _favour_subjects(units, scores, subjects)
    return _choose(units, scores, evidence, per_task)


@dataclass
class _Evidence:
    """What a task's words say about each unit of its list (all lists are indexed like the units)."""

    mentions: list[tuple[float, str]]
    hits: list[list[tuple[float, str]]]
    title_hits: list[list[tuple[float, str]]]
    learned: list[float]


def _total(evidence: _Evidence, i: int, profile: _Profile, per_task: bool) -> _Score:
    role = evidence.mentions[i][0]
    found = role + _decayed(evidence.hits[i]) + TITLE_WEIGHT * _decayed(evidence.title_hits[i])
    found += evidence.learned[i]
    if profile.group and role < NAMED_AS_ACTOR:
        found *= GROUP_FACTOR
    count = len(evidence.mentions)
    position = 0.0 if profile.group else POSITION_BONUS * (1 - i / count)
    if per_task and i == 0:
        position += TASK_LIST_BONUS
    return _Score(found + position, found)


def _choose(units: list[str], scores: list[_Score], evidence: _Evidence, per_task: bool) -> LeadSuggestion:
    order = sorted(range(len(units)), key=lambda i: (-scores[i].total, i))
    ranking = [(units[i], round(scores[i].total, 3)) for i in order]
    best = order[0]
    if scores[best].evidence <= 0 and not per_task:
        best = _first_department(units)
        return LeadSuggestion(units[best], f"任务未写明职责归属，取所列第一个部门{units[best]}", ranking)
    reason = scores[best].reason or _reason(
        units[best],
        evidence.mentions[best],
        evidence.hits[best],
        evidence.title_hits[best],
        evidence.learned[best],
    )
    strongest = max(s.evidence for s in scores)
    if per_task and best == 0 and (scores[0].evidence <= 0 or scores[0].evidence < strongest):
        reason = "；".join(filter(None, [f"{units[0]}列本任务责任单位第一位，通常为牵头单位", reason]))
    return LeadSuggestion(units[best], reason or f"{units[best]}得分最高", ranking)


def _learned_scores(text: str, unit_set: _UnitSet, learned: LeadKnowledge | None) -> list[float]:
    if learned is None or not learned.tasks:
        return [0.0] * len(unit_set.profiles)
    grams = _bigrams(text)
    return [learned.score(grams, p.learn_key) * LEARNED_WEIGHT for p in unit_set.profiles]


def _favour_subjects(units: list[str], scores: list[_Score], subjects: list[str]) -> None:
    # a group (各市州政府) declared 责任主体 answers for its own area, not for each task of the ledger
    keys = {name_key(s) for s in subjects if not is_group(s)}
    for unit, score in zip(units, scores, strict=True):
        if name_key(unit) in keys:
            score.total += DECLARED_SUBJECT
            score.evidence += DECLARED_SUBJECT
            score.reason = f"方案明确{unit}为责任主体"


def _first_department(units: list[str]) -> int:
    for i, unit in enumerate(units):
        if not is_group(unit):
            return i
    return 0


def _bigrams(text: str) -> set[str]:
    grams: set[str] = set()
    for run in _CJK_RUN.findall(text):
        grams.update(run[i : i + 2] for i in range(len(run) - 1))
    return grams


@dataclass
class LeadKnowledge:
    """What duban learns from plans that DO name a lead per task: which words go with which lead.

    Counts of (character bigram of the task text → learn_key of its lead). JSON-serialisable with
    to_dict()/from_dict() so the Django side can keep it in the database.
    """

    counts: dict[str, Counter[str]] = field(default_factory=dict)
    tasks: int = 0

    def learn(self, text: str, lead: str) -> None:
        key = learn_key(lead)
        for gram in _bigrams(fold(text)):
            self.counts.setdefault(gram, Counter())[key] += 1
        self.tasks += 1

    def score(self, grams: set[str], key: str) -> float:
        """How strongly the learned tasks sharing these bigrams point to `key` (0 to 1)."""
        total, weight_sum = 0.0, 0.0
        for gram in grams:
            seen = self.counts.get(gram)
            if not seen:
                continue
            n = sum(seen.values())
            weight = math.log(1 + self.tasks / n)  # a bigram seen in every task says nothing
            total += weight * seen.get(key, 0) / n
            weight_sum += weight
        return total / weight_sum if weight_sum else 0.0

    def to_dict(self) -> dict:
        return {"version": 1, "tasks": self.tasks, "counts": {g: dict(c) for g, c in self.counts.items()}}

    @classmethod
    def from_dict(cls, data: dict) -> LeadKnowledge:
        counts = {g: Counter(c) for g, c in (data.get("counts") or {}).items()}
        return cls(counts=counts, tasks=int(data.get("tasks") or 0))


__all__ = ["LeadKnowledge", "declared_subjects", "LeadSuggestion", "learn_key", "suggest_lead"]
