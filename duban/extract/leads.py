"""Suggest the lead unit (牵头单位) of a task among the units responsible for it.

Every unit gets a score from what a reviewer would weigh:
- the unit named in the task itself, more when as its actor (由X牵头, X负责, X会同…), less when as a
  helper (X指导, X配合, X参与);
- the task's words that belong to the unit's standard functions (functions.FUNCTIONS, by the generic
  department its name maps to): a word counts once where it sits inside a longer one (农机 in 农机装备),
  more in the task's run-in heading and when it recurs, less in a phrase of purpose (瞄准X需求);
  the words of the section title count at a lower weight;
- what duban learned from plans that named their leads (LeadKnowledge);
- list order: the first unit of a list printed with the task usually leads; the first department of a
  short section pool leads generic tasks more often; groups (各市州政府, 各有关单位) count for little
  unless named;
- the plan's declared subject (declared_subjects): the body a plan says carries out the whole work leads
  every task that names no actor of its own.
The best score wins; with no evidence at all the first listed department is taken, and the reason says so.
"""

from __future__ import annotations

import math
import operator
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from .functions import FUNCTIONS, GOVERNMENT_WORDS, keywords_of
from .orgs import DEPARTMENTS, aliases, fold, is_group, looks_like_unit, name_key, parse_name

NAMED_AS_ACTOR = 8.0  # 由X牵头 / X负责: the text says who leads
DECLARED_SUBJECT = 20.0  # the plan declares the unit 责任主体 of the whole work
NAMED = 3.0  # the unit appears in the text in another role
NAMED_AS_HELPER = -2.0  # X指导 / X参与 / X配合: the text says the unit does not lead
TITLE_WEIGHT = 0.5  # a section's title speaks for all its tasks: less than a task's own words
HEADING_FACTOR = 1.5  # a word of the task's run-in heading (推进X建设。…) names the object of the work
HEADING_MAX = 40  # a first sentence longer than this is body text, not a heading
REPEAT_STEP = 0.15  # each further occurrence of a keyword adds this share of its weight …
REPEAT_CAP = 4  # … up to this many occurrences
# a word found only in a phrase of purpose or basis (瞄准X需求, 适应X的) describes the work, not its owner
CONTEXT_FACTOR = 0.5
POSITION_BONUS = 1.0  # the first listed unit gets this much, the last almost none
FIRST_LISTED_BONUS = 2.0  # in a short section pool the first listed department usually leads its tasks …
SHORT_POOL = 5  # … and in a longer pool (a roster of every unit) less so, in proportion
TASK_LIST_BONUS = 12.0  # in a list printed with the task itself, the first unit usually leads
GROUP_FACTOR = 0.3
LEARNED_WEIGHT = 6.0
DECAY = 0.8

# a unit right after these (or at the start) is the subject of its sentence
_CLAUSE_START = "。；！？：;!?:\n"
_ACTOR_AFTER = re.compile(r"^(?:要|应|应当|将|需)?(?:牵头|负责|会同|统筹|组织|主导|承担|具体负责)")
_SUBJECT_AFTER = re.compile(r"^[^、和与及的等,，]")  # not the first item of a list (党政机关、公共机构…)
_GROUP_SUBJECT_AFTER = re.compile(r"^(?:要|应|须|必须|需)")
_HELPER_AFTER = re.compile(r"^(?:等部门)?(?:指导|参与|配合|协助|支持|协同)")
_LIST_JOINERS = frozenset({"、", "和", "与", "及", "以及"})
_CONTEXT = re.compile(r"瞄准|围绕|适应|适合|满足|根据|依据|按照|服务于")
_CONTEXT_END = re.compile(r"[，,。；;：:的]")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
_SPACE = re.compile(r"\s+")
# characters NFKC would change: full-width letters and digits, circled and squared forms, compatibility ideographs
_COMPAT = re.compile(
    r"[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\u2150-\u24ff\u3200-\u33ff\uf900-\ufaff\u00a0-\u00bf]"
)


def _keyword_index() -> tuple[dict[str, tuple[str, ...]], frozenset[str]]:
    """Every known keyword of two or more characters under its first two; the one-character keywords."""
    index: dict[str, set[str]] = {}
    singles: set[str] = set()
    for words in (*FUNCTIONS.values(), GOVERNMENT_WORDS):
        for word in words:
            if len(word) == 1:
                singles.add(word)
            else:
                index.setdefault(word[:2], set()).add(word)
    return {head: tuple(words) for head, words in index.items()}, frozenset(singles)


_KEYWORDS_BY_HEAD, _SINGLE_KEYWORDS = _keyword_index()
_HEADS = frozenset(_KEYWORDS_BY_HEAD)


def _norm(text: str) -> str:
    """The form the text is matched in: no whitespace, NFKC only when it would change a letter or digit
    (full-width punctuation is read in both widths, so most texts skip the costly normalisation)."""
    if _SPACE.search(text):
        text = _SPACE.sub("", text)
    return fold(text) if _COMPAT.search(text) else text


@lru_cache(maxsize=2048)
def _keyword_counts(text: str) -> tuple[tuple[str, float, int], ...]:
    """(keyword, strength, first position) of the function keywords in the text.

    An occurrence inside a longer keyword found at the same place does not count: 农机装备 is one
    keyword (the equipment industry), not also 农机 (farm machinery in use). Strength grows with the
    occurrences (1, 1.15, 1.3 …) and is CONTEXT_FACTOR when the word occurs only in a clause that says
    whom the work serves or what it follows (瞄准农业机械化需求, 适应小农生产的…).
    """
    spans = []
    for head in set(map(operator.add, text, text[1:])) & _HEADS:
        for word in _KEYWORDS_BY_HEAD[head]:
            spans.extend((at, -len(word), word) for at in _all_places(text, word))
    for char in set(text) & _SINGLE_KEYWORDS:
        spans.extend((at, -1, char) for at in _all_places(text, char))
    spans.sort()
    context = _context_spans(text) if spans else []
    found: dict[str, list[int]] = {}  # word → [occurrences outside context, in context, first position]
    reach = -1
    for start, negative_size, word in spans:
        end = start - negative_size
        if end <= reach:
            continue  # inside a longer keyword that starts no later
        reach = end
        seen = found.setdefault(word, [0, 0, start])
        seen[1 if any(a <= start < b for a, b in context) else 0] += 1
    return tuple((word, _strength(plain, framed), first) for word, (plain, framed, first) in found.items())


def _strength(plain: int, framed: int) -> float:
    if not plain:
        return CONTEXT_FACTOR
    return 1 + REPEAT_STEP * (min(plain, REPEAT_CAP) - 1)


def _context_spans(text: str) -> list[tuple[int, int]]:
    """Where the text says whom the work serves or what it follows, up to the end of that phrase."""
    spans = []
    for m in _CONTEXT.finditer(text):
        stop = _CONTEXT_END.search(text, m.end())
        spans.append((m.start(), stop.start() if stop else len(text)))
    return spans


def _heading_end(text: str) -> int:
    """The length of the task's run-in heading (推进X建设。…), 0 when it has none."""
    end = text.find("。")
    return end if 0 < end <= HEADING_MAX and end < len(text) - 1 else 0


@dataclass
class LeadSuggestion:
    unit: str  # one of the given units, as printed
    reason: str  # Chinese words for the review screen, e.g. 任务含“医保”，属省医保局职责
    ranking: list[tuple[str, float]]  # every given unit with its score, best first

    @property
    def ranked_units(self) -> list[str]:
        return [unit for unit, _ in self.ranking]


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
    forms = {f for f in forms if len(f) >= 3}
    place = re.sub(r"(人民政府|政府)$", "", fold(name))
    if (
        place != fold(name)
        and len(place) >= 2
        and place.endswith(_PLACE_ENDINGS)
        and place[0] not in "各本全该"
    ):
        forms.add(place)  # 支持嘉鱼县打造…: the county named in the task is its government's work
    return tuple(sorted(forms, key=len, reverse=True))


_PLACE_ENDINGS = ("县", "区", "市", "州", "旗", "镇", "乡", "盟")


def _group_mentions(name: str) -> tuple[str, ...]:
    """A group as printed, without its 人民政府/政府 (各乡镇人民政府 is written 各乡镇 in a task) and
    without a trailing bracket (各街镇（园区） is written 各街镇)."""
    printed = fold(name)
    forms = [printed]
    for form in (re.sub(r"\([^)]*\)$", "", printed), re.sub(r"(人民政府|政府)$", "", printed)):
        if len(form) >= 3 and form not in forms:
            forms.append(form)
    return tuple(forms)


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
    forms_by_head: dict[str, tuple[str, ...]]  # a spelling's first two characters → spellings, longest first
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
            if "(" in form or ")" in form:  # the text keeps its full-width brackets
                owners.setdefault(form.replace("(", "（").replace(")", "）"), []).append(i)
        for word, weight in profile.keywords.items():
            keyword_owners.setdefault(word, []).append((i, weight))
    by_head: dict[str, list[str]] = {}
    for form in sorted(owners, key=len, reverse=True):
        by_head.setdefault(form[:2], []).append(form)
    own = tuple((i, w, weight) for i, p in enumerate(profiles) for w, weight in p.own_words)
    return _UnitSet(
        profiles,
        {head: tuple(forms) for head, forms in by_head.items()},
        {f: tuple(ids) for f, ids in owners.items()},
        {w: tuple(ids) for w, ids in keyword_owners.items()},
        own,
    )


def _mentions_in(text: str, unit_set: _UnitSet) -> tuple[list[tuple[float, str]], str]:
    """Each unit's strongest mention in the text (role score, spelling), and the text without names.

    The text is read left to right taking the longest spelling at each place, so 发展改革委 is not
    found again inside 国家发展改革委. Names listed together (X、Y牵头, X和Y指导) share the role the
    words around the whole list give.
    """
    found: list[tuple[float, str]] = [(0.0, "")] * len(unit_set.profiles)
    spans = _name_spans(text, unit_set)
    if not spans:
        return found, text
    pieces, done = [], 0
    for (first, last), members in _listed_together(text, spans):
        for at, end, form in members:
            for i in unit_set.owners[form]:
                strict = unit_set.profiles[i].group or len(members) > 1
                role = _mention_role(text, first, last, strict)
                found[i] = max(found[i], (role, form), key=_role_rank)
            pieces += [text[done:at], "|" * (end - at)]
            done = end
    return found, "".join(pieces) + text[done:]


def _name_spans(text: str, unit_set: _UnitSet) -> list[tuple[int, int, str]]:
    """(start, end, spelling) of every unit name in the text, left to right, longest first at a place."""
    heads = set(map(operator.add, text, text[1:])) & unit_set.forms_by_head.keys()
    spans, done = [], 0
    for at in sorted({at for head in heads for at in _all_places(text, head)}):
        if at < done:
            continue
        form = next((f for f in unit_set.forms_by_head[text[at : at + 2]] if text.startswith(f, at)), "")
        if form:
            spans.append((at, at + len(form), form))
            done = at + len(form)
    return spans


def _listed_together(text: str, spans: list[tuple[int, int, str]]):
    """Group name spans joined only by 、/和/与/及: yield ((list start, list end), spans)."""
    group = [spans[0]]
    for span in spans[1:]:
        if text[group[-1][1] : span[0]] in _LIST_JOINERS:
            group.append(span)
        else:
            yield (group[0][0], group[-1][1]), group
            group = [span]
    yield (group[0][0], group[-1][1]), group


def _all_places(text: str, part: str) -> list[int]:
    places, at = [], text.find(part)
    while at >= 0:
        places.append(at)
        at = text.find(part, at + 1)
    return places


def _role_rank(mention: tuple[float, str]) -> int:
    # actor beats a plain mention, which beats being named as helper, which beats silence
    return {NAMED_AS_ACTOR: 3, NAMED: 2, NAMED_AS_HELPER: 1}.get(mention[0], 0)


def _mention_reason(role: float, form: str) -> str:
    if role == NAMED_AS_ACTOR:
        return f"任务写明由{form}负责"
    if role == NAMED:
        return f"任务提到{form}"
    return f"任务写明{form}配合" if role == NAMED_AS_HELPER else ""


def _mention_role(text: str, start: int, end: int, strict: bool) -> float:
    """How much a mention of a unit (or a list of units) at text[start:end] says it leads.

    At the head of a sentence a single department is its subject; a group or a list of names only
    with 要/应 (各地…对…负总责 and 党政机关、公共机构垃圾分类全覆盖 name no actor).
    """
    after = text[end : end + 6]
    if _HELPER_AFTER.match(after):
        return NAMED_AS_HELPER
    if _ACTOR_AFTER.match(after) or text[max(0, start - 1) : start] == "由":
        return NAMED_AS_ACTOR
    at_clause_start = start == 0 or text[start - 1] in _CLAUSE_START
    subject_after = _GROUP_SUBJECT_AFTER if strict else _SUBJECT_AFTER
    if at_clause_start and subject_after.match(after):
        return NAMED_AS_ACTOR
    return NAMED


def _keyword_hits(text: str, unit_set: _UnitSet, heading: int = 0) -> list[list[tuple[float, str]]]:
    """For each unit, the (weight, keyword) pairs of its functions found in the text, best first.

    A keyword weighs more when it recurs and when it stands in the first `heading` characters.
    """
    hits: list[list[tuple[float, str]]] = [[] for _ in unit_set.profiles]
    if not text:
        return hits
    owners = unit_set.keyword_owners
    for word, factor, first in _keyword_counts(text):
        if word not in owners:
            continue
        if first < heading:
            factor *= HEADING_FACTOR
        for i, weight in owners[word]:
            hits[i].append((weight * factor, word))
    for i, word, weight in unit_set.own_words:
        if word in text:
            hits[i].append((weight, word))
    for unit_hits in hits:
        if len(unit_hits) > 1:
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


# A plan's general declarations that a body carries out the whole work, read clause by clause.
_SUBJECT = r"(?:[（(][^）)]*[）)])?由?([^，,、；;“”（(]{2,20}?)"
# (pattern, strong): 责任主体 / 负总责 / 以下均需X落实 give the body the whole work; 负责组织实施 and
# 抓好落实 are also how a plan closes its notice to every recipient, so they only add to a strong one
_DECLARATIONS = (
    (re.compile(_SUBJECT + r"(?:是|为|作为)[^，,。；]{0,30}?(?:责任主体|第一责任人|实施主体)"), True),
    (re.compile(_SUBJECT + r"要?对[^，,。；]{0,30}?负(?:总责|主体责任|全责)"), True),
    (
        re.compile(
            r"(?:以下|上述|各项)[^，,。；]{0,10}?(?:均|都)(?:需|由|要)([^，,。；]{2,20}?)(?:负责)?(?:落实|实施)"
        ),
        True,
    ),
    (re.compile(_SUBJECT + r"(?:要|应|须)?(?:负责|承担|落实)(?:组织实施|具体实施|主体责任)"), False),
    (re.compile(_SUBJECT + r"(?:要|应|须)?(?:负责|切实|认真|具体)?(?:抓好落实|负责落实|组织落实)$"), False),
)
_DECLARATION_HINT = re.compile(r"责任主体|第一责任人|实施主体|负总责|负主体责任|负全责|实施|落实")
_CLAUSE = re.compile(r"[^。；！？;!?，,\n]+")
_ROLE_GROUP = re.compile(r"(?:牵头|配合|责任|有关|相关|成员|各)(?:单位|部门)|领导小组|机关$")
_LOCAL_GROUP = re.compile(r"政府|各地|各级|城市|地区|乡镇|街道|街镇|市$|县$|区$|州$")
_ACTS_AFTER = re.compile(
    r"^(?:政府|人民政府)?(?:要|应|须|需|将|负责|制定|组织|开展|对|统筹|结合|建立|推进|加快)"
)


def declared_subjects(plan_text: str) -> list[str]:
    """The bodies a plan declares to carry out its whole work, as printed (试点城市政府, 各地).

    A body counts when the plan says so in general terms (X是…责任主体, X对…负总责, 以下均需X落实,
    X负责组织实施, X抓好落实) and says it more than once: a second declaration, or clauses that have
    the body act (试点城市负责编制…, 试点城市政府对…开展评估). A group (各地, 各市州政府) needs one of
    the strong forms: 各地要抓好落实 closes many plans whose tasks are the departments'. Call once per
    plan and pass the result to every suggest_lead call as `subjects`.
    """
    clauses = _CLAUSE.findall(_SPACE.sub("", plan_text))  # both widths of punctuation are read
    declared: dict[str, list[int]] = {}  # name → [strong declarations, weak ones]
    others: list[str] = []
    for clause in clauses:
        name, strong = _declared_in(clause) if _DECLARATION_HINT.search(clause) else ("", False)
        if name:
            declared.setdefault(name, [0, 0])[0 if strong else 1] += 1
        else:
            others.append(clause)
    return [
        name
        for name, (strong, weak) in declared.items()
        if strong + weak + _acting_clauses(name, others) >= 2 and (strong or not is_group(name))
    ]


def _declared_in(clause: str) -> tuple[str, bool]:
    for pattern, strong in _DECLARATIONS:
        m = pattern.match(clause)
        if m and _can_be_subject(m.group(1)):
            return m.group(1), strong
    return "", False


def _can_be_subject(name: str) -> bool:
    if _ROLE_GROUP.search(name) or name.startswith(("以", "把", "将")):
        return False
    if is_group(name) or not looks_like_unit(name):
        return bool(_LOCAL_GROUP.search(name)) and len(name) <= 10
    return True


def _acting_clauses(name: str, clauses: list[str]) -> int:
    """How many clauses open with the body (or its name without 政府) doing something."""
    short = _without_government(name)
    count = 0
    for clause in clauses:
        body = clause.removeprefix("由")
        if body.startswith(short) and _ACTS_AFTER.match(body[len(short) :]):
            count += 1
    return count


def _without_government(name: str) -> str:
    stripped = re.sub(r"(人民政府|政府)$", "", fold(name))
    return stripped if len(stripped) >= 2 else fold(name)


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
    text = _norm(text)
    unit_set = _unit_set(tuple(units))
    mentions, plain = _mentions_in(text, unit_set)
    evidence = _Evidence(
        mentions,
        _keyword_hits(plain, unit_set, _heading_end(plain)),
        _keyword_hits(_norm(section_title), unit_set),
        _learned_scores(text, unit_set, learned),
    )
    named_actor = any(role == NAMED_AS_ACTOR for role, _ in mentions)
    # a unit the text names as its actor outranks both list order and the plan's declared subject
    task_first = 0 if per_task and not named_actor else -1
    pool_first = -1 if per_task else _first_department(units)
    scores = [
        _total(evidence, i, profile, i == task_first, i == pool_first)
        for i, profile in enumerate(unit_set.profiles)
    ]
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


def _total(evidence: _Evidence, i: int, profile: _Profile, task_first: bool, pool_first: bool) -> _Score:
    role = evidence.mentions[i][0]
    found = role + evidence.learned[i]
    if evidence.hits[i]:
        found += _decayed(evidence.hits[i])
    if evidence.title_hits[i]:
        found += TITLE_WEIGHT * _decayed(evidence.title_hits[i])
    if profile.group and role < NAMED_AS_ACTOR:
        found *= GROUP_FACTOR
    count = len(evidence.mentions)
    position = 0.0 if profile.group else POSITION_BONUS * (1 - i / count)
    if task_first:
        position += TASK_LIST_BONUS
    if pool_first:
        position += FIRST_LISTED_BONUS * min(1.0, SHORT_POOL / count)
    return _Score(found + position, found)


def _choose(units: list[str], scores: list[_Score], evidence: _Evidence, per_task: bool) -> LeadSuggestion:
    order = sorted(range(len(units)), key=lambda i: (-scores[i].total, i))
    ranking = [(units[i], round(scores[i].total, 3)) for i in order]
    best = order[0]
    strongest = max(s.evidence for s in scores)
    if scores[best].evidence <= 0 and not per_task:
        best = _first_department(units)
        if strongest > 0:
            return LeadSuggestion(
                units[best], f"{units[best]}列本部分责任单位第一位，通常为牵头单位", ranking
            )
        return LeadSuggestion(units[best], f"任务未写明职责归属，取所列第一个部门{units[best]}", ranking)
    reason = scores[best].reason or _reason(
        units[best],
        evidence.mentions[best],
        evidence.hits[best],
        evidence.title_hits[best],
        evidence.learned[best],
    )
    if scores[best].evidence < strongest:  # list order decided, not the words
        where = "本任务" if per_task else "本部分"
        reason = "；".join(filter(None, [f"{units[best]}列{where}责任单位第一位，通常为牵头单位", reason]))
    elif per_task and best == 0 and scores[0].evidence <= 0:
        reason = "；".join(filter(None, [f"{units[0]}列本任务责任单位第一位，通常为牵头单位", reason]))
    return LeadSuggestion(units[best], reason or f"{units[best]}得分最高", ranking)


def _learned_scores(text: str, unit_set: _UnitSet, learned: LeadKnowledge | None) -> list[float]:
    if learned is None or not learned.tasks:
        return [0.0] * len(unit_set.profiles)
    grams = _bigrams(text)
    return [learned.score(grams, p.learn_key) * LEARNED_WEIGHT for p in unit_set.profiles]


def _favour_subjects(units: list[str], scores: list[_Score], subjects: list[str]) -> None:
    """The plan's declared subject leads every task that names no actor of its own."""
    for unit, score in zip(units, scores, strict=True):
        if any(_is_subject(unit, s) for s in subjects):
            score.total += DECLARED_SUBJECT
            score.evidence += DECLARED_SUBJECT
            score.reason = f"方案明确{unit}负责组织实施"


def _is_subject(unit: str, subject: str) -> bool:
    """Is this listed unit the declared subject (试点城市 declares 试点城市政府; 各地, every local government)?"""
    if name_key(unit) == name_key(subject) or _without_government(unit) == _without_government(subject):
        return True
    everywhere = subject in ("各地", "各地区", "各地方", "地方各级人民政府", "地方各级政府")
    return everywhere and is_group(unit) and _LOCAL_GROUP.search(unit) is not None


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


KNOWLEDGE_PER_KEY = 400  # the most telling bigrams kept for each lead key: the store stays bounded


@dataclass
class LeadKnowledge:
    """What duban learns from plans that DO name a lead per task: which words go with which lead.

    Counts of (character bigram of the task text → learn_key of its lead). For each lead key only the
    `per_key` bigrams that say most about it are kept (pruned as learning goes on), so the store grows
    with the number of units, not with the number of tasks. JSON-serialisable with to_dict()/from_dict()
    so the Django side can keep it in the database.
    """

    counts: dict[str, Counter[str]] = field(default_factory=dict)
    tasks: int = 0
    per_key: int = KNOWLEDGE_PER_KEY
    _entries: int = field(default=0, init=False, repr=False, compare=False)
    _keys: set[str] = field(default_factory=set, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._entries = sum(len(c) for c in self.counts.values())
        self._keys = {key for seen in self.counts.values() for key in seen}

    def learn(self, text: str, lead: str) -> None:
        key = learn_key(lead)
        for gram in _bigrams(fold(text)):
            seen = self.counts.setdefault(gram, Counter())
            self._entries += key not in seen
            seen[key] += 1
        self._keys.add(key)
        self.tasks += 1
        if self._entries > 2 * self.per_key * len(self._keys):
            self.prune()  # amortised: the store is let grow to twice its bound between prunings

    def prune(self) -> None:
        """Keep for each lead key its `per_key` most telling bigrams (frequent with it, rare overall)."""
        by_key: dict[str, list[tuple[float, str]]] = {}
        for gram, seen in self.counts.items():
            rarity = math.log(1 + self.tasks / sum(seen.values()))
            for key, n in seen.items():
                by_key.setdefault(key, []).append((n * rarity, gram))
        kept: dict[str, Counter[str]] = {}
        for key, ranked in by_key.items():
            ranked.sort(key=lambda item: (-item[0], item[1]))
            for _, gram in ranked[: self.per_key]:
                kept.setdefault(gram, Counter())[key] = self.counts[gram][key]
        self.counts = kept
        self._entries = sum(len(c) for c in kept.values())

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
        counts = {g: dict(c) for g, c in self.counts.items()}
        return {"version": 2, "tasks": self.tasks, "per_key": self.per_key, "counts": counts}

    @classmethod
    def from_dict(cls, data: dict) -> LeadKnowledge:
        """Read a stored dict (version 1 had no per_key); a store over its bound is pruned on reading."""
        counts = {g: Counter(c) for g, c in (data.get("counts") or {}).items()}
        per_key = int(data.get("per_key") or KNOWLEDGE_PER_KEY)
        knowledge = cls(counts=counts, tasks=int(data.get("tasks") or 0), per_key=per_key)
        if knowledge._entries > per_key * max(1, len(knowledge._keys)):
            knowledge.prune()
        return knowledge


__all__ = ["LeadKnowledge", "declared_subjects", "LeadSuggestion", "learn_key", "suggest_lead"]
