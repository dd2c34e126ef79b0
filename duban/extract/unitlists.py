"""Responsible-unit annotations: find them in a plan's text and read the units and leads they name.

Styles read: labelled lists ("（牵头单位：A；配合单位：B、C）", "责任单位：A、B" on its own line), role
phrases ("（A牵头，B、C参与）", "（A负责）", "（A、B等负责。列第一位者为牵头单位，下同）") and the
conventions written inside them ("以下均需X落实，不再列出" carries X to every later task).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .orgs import is_area
from .textutil import CLOSERS, OPENERS, collapse, find_top_level, fold_traditional, split_top_level

_BODY = r"(?:单位|部门|处室|科室|司局|机构)"  # ministries and bureaus assign 司局 / 处室 / 科室
LEAD_LABEL = rf"(?:牵头(?:责任)?{_BODY}?|主责{_BODY}|主办{_BODY})"
OTHER_LABEL = (
    rf"(?:(?:共同)?责任(?:{_BODY}|主体)|(?:部门|任务|工作)分工|配合(?:责任)?{_BODY}?|协办{_BODY}?|协助{_BODY}|参与{_BODY}|协同(?:责任)?{_BODY}"
    rf"|实施(?:{_BODY}|主体)|承办{_BODY}|负责{_BODY}|落实{_BODY})"
)
PERSON_LABEL = r"(?:(?:牵头负责|牵头|责任|分管|包保|督办|负责|联系)领导|市领导|区领导|县领导|责任人|联系人)"
TIME_LABEL = r"(?:完成时限|完成时间|完成期限|时间节点|时限要求|时间要求|时限)"
_TIME_ONLY_RE = re.compile(rf"^\s*{TIME_LABEL}\s*[：:]\s*(?P<limit>[^：:]+)$")
LABEL_RE = re.compile(rf"({LEAD_LABEL}|{OTHER_LABEL}|{PERSON_LABEL}|{TIME_LABEL})\s*[：:]")
_BRACKETED_LABEL_RE = re.compile(
    rf"[【\[［〔]\s*({LEAD_LABEL}|{OTHER_LABEL}|{PERSON_LABEL}|{TIME_LABEL})\s*[】\]］〕]"
)
_ONLY_PERSON_OR_TIME_RE = re.compile(rf"^\s*(?:{PERSON_LABEL}|{TIME_LABEL})\s*[：:]")
STARTS_WITH_LABEL_RE = re.compile(rf"^\s*(?:{LEAD_LABEL}|{OTHER_LABEL}|{PERSON_LABEL}|{TIME_LABEL})\s*[：:]")

_ROLE_RE = re.compile(
    r"^(?P<names>.+?)(?P<role>牵头负责|牵头落实|牵头|主责|主抓|负总责|负责落实|按职责分工负责|按职责负责|分别负责|"
    r"共同负责|具体负责|具体实施|组织实施|负责|指导|参与|配合|协助|协同|落实)$"
)
_LEAD_ROLES = {"牵头负责", "牵头落实", "牵头", "主责", "主抓"}
# "按职责分工负责" / "分别负责" share the work out: the units are named, no one of them leads
_DUTY_ROLES = {"负总责", "负责落实", "负责", "具体负责"}
# 列第一位的为牵头单位 / 排在首位者为牵头部门 / 列第一位者为牵头或汇总单位 / 列第一位的为工作牵头单位 /
# 首位单位为牵头单位 / 第一个单位为牵头单位
FIRST_IS_LEAD_RE = re.compile(
    r"(?:(?:列|排|排名|名列)(?:在)?(?:第一位|首位|第一)的?(?:者|单位|部门)?"
    r"|(?:首位|第一位|第一个)(?:的)?(?:单位|部门))为(?:工作)?牵头"
)
# the convention printed in brackets right after the last name of a list: "…、市工商联（列第一位者为牵头单位，下同）"
_CONVENTION_BRACKET_RE = re.compile(r"[（(][^（）()]*[）)]$")
_SAME_BELOW_RE = re.compile(r"下同")
# a clause that extends a unit to later items: 以下均需X落实 / 具体任务均涉及X，不再做分工，下同 / X参与，以下同
_TIME_PART_RE = re.compile(
    r"^(?:于|在|到|至|力争)?(?:\d{4}年|\d{1,2}月|年底|年内|年末|上半年|下半年|[一二三四]季度)"
    r"|^(?:长期坚持|持续推进|长期|持续)"
)
_ROLE_IN_LIST_RE = re.compile(r"(?:牵头|参与|配合|协助|协同|负责)(?:[，,；;。]|$)")
_CARRY_ROLES = r"(?:具体|组织|抓好)?(?:牵头负责|负责落实|牵头落实|牵头|负责|落实|实施|参与|配合|协助)"
_CARRY_MARK_RE = re.compile(
    r"以下|下同|不再(?:一一|重复|单独)?(?:列出|列举|列明|标注|注明|做分工|分工|重复)"
    r"|^(?:本方案)?(?:所有|各项|全部)(?:任务|工作|事项)(?:均|都)"
)
_CARRY_NAMES_RE = re.compile(
    r"^(?:.*(?:涉及|需要|需|由|请|包括)|以下(?:各项)?(?:任务|工作|事项)?(?:均|都)?)(?P<names>.+?)"
    rf"(?P<role>{_CARRY_ROLES})?$"
)
_CARRY_SUBJECT_RE = re.compile(  # "X均需参与，下同": the names come first
    rf"^(?P<names>.+?)(?:均|都|也)?(?:需要|需)(?P<role>{_CARRY_ROLES})$"
)
_DUTY_TAIL_RE = re.compile(
    r"(?:按职责分工负责|按职责负责|按职能分工负责|分别负责|共同负责|按职责落实|负责落实)$"
)
_STOPS = "。；;！？"
BRACKETS = {"（": "）", "(": ")", "【": "】", "〔": "〕", "[": "]", "［": "］", "〖": "〗", "｛": "｝"}
_OPEN_BRACKETS = "".join(BRACKETS)
_CLOSE_BRACKETS = "".join(BRACKETS.values())
_IGNORABLE_CLAUSE_RE = re.compile(r"^(?:下同|不再(?:一一|重复)?列出|下略|以下同)$")

_LEAD_MARK_RE = re.compile(r"[（(【〔\[［](?:牵头|牵头单位|牵头部门|主责|主责单位|主办)[）)】〕\]］]$")
_OTHER_MARK_RE = re.compile(r"[（(【〔\[［](?:配合|配合单位|参与|协办|责任单位|负责)[）)】〕\]］]$")
_ROLE_WORD_RE = re.compile(r"牵头|负责|配合|参与|指导|[：:]")
_TRAILING_ETC_RE = re.compile(r"(?:等(?:相关|有关)?(?:部门|单位|机构)?|等)$")
_JOINED_RE = re.compile(r"(?<=[局委办厅署院部心司处])(?=[省市区县州盟旗镇乡])")
_BARE_KIND_RE = re.compile(
    r"^(?:县级市|县（市、区）|县\(市、区\)|市（州）|县|市|区|州|盟|旗|乡|镇|乡镇|街道|自治州|自治县|地区|园区|开发区)"
    r"(?:人民政府|政府|党委|管委会)?(?:[（(][^（）()]*[）)])?$"  # 区人民政府（管委会）
)
_UNIT_SUFFIX_RE = re.compile(
    r"(?:部|委|局|厅|办|署|府|会|院|室|中心|行|社|团|队|所|站|处|科|庭|馆|台|校|公司|集团|单位|部门|街镇|街道|"
    r"镇|乡|区|县|市|州|盟|旗|组|园|联|协|网|机构|企业|监狱|海关|办公室)(?:（[^（）]*）|\([^()]*\))?$"
)
_NOT_UNIT_CHARS_RE = re.compile(
    r"[\d“”\"《》。；;：:的将要对把与向在为从]|^(?:以下|简称|即|含|包括|如|指|除)|会同"
)


@dataclass
class UnitNote:
    """What one annotation says: units in printed order, those named as leads, and conventions."""

    units: list[str] = field(default_factory=list)
    leads: list[str] = field(default_factory=list)
    # named with 负责: leads, unless a first-is-lead rule picks the first unit instead
    duty: list[str] = field(default_factory=list)
    carry: list[str] = field(default_factory=list)  # 以下均需X落实: X joins every later task
    carry_leads: list[str] = field(default_factory=list)  # …and leads it where the task names no lead
    carry_here: bool = False  # "…下同" includes the item that says it; "以下…" starts at the next one
    first_is_lead: bool = False
    deadline: str | None = None  # "完成时限：…" written inside the annotation
    same_below: bool = False  # "下同": later items printed without units have these


_HEADING_UNITS_RE = re.compile(
    r"^(?P<names>[^，,。；;：:]{2,40}?)(?P<role>牵头负责|牵头|负责|承担|落实)的?"
    r"(?:工作|任务|事项|项目)(?:清单|事项)?(?:[（(【〔\[［][^）)】〕\]］]*[）)】〕\]］])?$"
)


_HEADING_UNIT_COUNT_RE = re.compile(
    r"^(?P<names>[^，,。；;：:（(]{2,40})[（(]\s*(?:共)?\d{1,3}\s*(?:项|条|件|个)\s*[）)]$"
)


def heading_units(title: str) -> UnitNote | None:
    """A heading that names who carries the work below it: "一、市住建局牵头工作（6项）", "二、县教育局（5项）"."""
    title = collapse(title)
    m = _HEADING_UNITS_RE.match(title) or _HEADING_UNIT_COUNT_RE.match(title)
    if not m:
        return None
    names = split_units(m.group("names").removeprefix("由"))
    if not names or not all(_unit_like(n) for n in names):
        return None
    return UnitNote(units=names, leads=list(names))


def merge_notes(first: UnitNote, second: UnitNote) -> UnitNote:
    """Two annotations printed one after the other ("牵头单位：A" then "配合单位：B") read as one."""

    def union(a: list[str], b: list[str]) -> list[str]:
        return list(dict.fromkeys([*a, *b]))

    return UnitNote(
        units=union(first.units, second.units),
        leads=union(first.leads, second.leads),
        duty=union(first.duty, second.duty),
        carry=union(first.carry, second.carry),
        carry_leads=union(first.carry_leads, second.carry_leads),
        carry_here=first.carry_here or second.carry_here,
        first_is_lead=first.first_is_lead or second.first_is_lead,
        deadline=second.deadline or first.deadline,
        same_below=first.same_below or second.same_below,
    )


def split_units(text: str) -> list[str]:
    """Split a printed list of units; parenthesised parts (even "（牵头）") stay inside their name."""
    return [name for name, _ in _split(text, strip_marks=False)]


def split_marked_units(text: str) -> list[tuple[str, bool]]:
    """(name, marked as lead) pairs: "市发展改革委（牵头）、市财政局" marks the first as lead."""
    return _split(text, strip_marks=True)


def _split(text: str, strip_marks: bool) -> list[tuple[str, bool]]:
    pieces = [collapse(p).strip(" 　") for p in split_top_level(text, "、，,；;/")]
    out: list[tuple[str, bool]] = []
    for piece in pieces:
        piece = _TRAILING_ETC_RE.sub("", piece).strip()
        bracket = _CONVENTION_BRACKET_RE.search(piece)
        if bracket and bracket.start() > 0 and FIRST_IS_LEAD_RE.search(bracket.group()):
            piece = _TRAILING_ETC_RE.sub("", piece[: bracket.start()]).strip()
        if _IGNORABLE_CLAUSE_RE.match(piece) or FIRST_IS_LEAD_RE.search(piece):
            continue  # "列第一位的为牵头单位" is a convention, not a name
        marked = bool(_LEAD_MARK_RE.search(piece))
        if strip_marks:
            piece = _LEAD_MARK_RE.sub("", _OTHER_MARK_RE.sub("", piece)).strip()
        if not piece:
            continue
        for name in _unjoin(piece)[:-1]:
            out.append((name, False))
        piece = _unjoin(piece)[-1]
        if out and (len(piece) == 1 or (_BARE_KIND_RE.match(piece) and out[-1][0].startswith("各"))):
            out[-1] = (f"{out[-1][0]}、{piece}", out[-1][1])
            continue
        out.append((piece, marked))
    return out


def _unjoin(piece: str) -> list[str]:
    """ "市发改委市财政局": names printed with only a space between them, which collapsing removed; and
    "市级各有关部门及各县区政府": two names joined by 及."""
    joined = piece.split("及")
    if len(joined) == 2 and all(len(p) >= 4 and _unit_like(p) for p in joined):
        return joined
    if len(piece) < 8:
        return [piece]
    parts = _JOINED_RE.split(piece)
    if len(parts) > 1 and all(len(p) >= 4 and looks_like_unit(p) for p in parts):
        return parts
    return [piece]


def read_unit_cell(text: str) -> tuple[list[str], list[str]]:
    """A table cell of units: (units, leads), reading "A牵头，B配合" and "A（牵头）" as well as plain lists."""
    note = parse_note(text) if _ROLE_WORD_RE.search(text) else None
    if note is not None:
        return note.units, note.leads or note.duty
    marked = split_marked_units(text)
    return [n for n, _ in marked], [n for n, lead in marked if lead]


def looks_like_unit(name: str) -> bool:
    """A government body's name by its shape (a suffix such as 局/委/办/政府), not by a directory."""
    if not 2 <= len(name) <= 40 or _NOT_UNIT_CHARS_RE.search(name) or is_area(name):
        return False
    return bool(_UNIT_SUFFIX_RE.search(name))


def parse_labelled(text: str) -> UnitNote | None:
    """'牵头单位：A；配合单位：B、C' (the text must start with a label)."""
    if not STARTS_WITH_LABEL_RE.match(text):
        return None
    note = UnitNote()
    matches = list(LABEL_RE.finditer(text))
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        content = text[m.end() : end].strip(" ；;，,。")
        if re.fullmatch(TIME_LABEL, m.group(1)):
            note.deadline = content or None
            continue
        if re.fullmatch(PERSON_LABEL, m.group(1)):
            continue
        content = _labelled_content(content, note)
        roles = parse_roles(content) if _ROLE_IN_LIST_RE.search(content) else None
        if roles is not None:  # "责任单位：A牵头，B、C参与"
            marked = [(n, n in roles.leads) for n in roles.units]
            note.deadline = note.deadline or roles.deadline
        else:
            marked = split_marked_units(content)
        names = [n for n, _ in marked]
        note.units.extend(names)
        if re.match(LEAD_LABEL, m.group(1)):
            note.leads.extend(names)
        else:
            note.leads.extend(n for n, lead in marked if lead)
    _check_conventions(text, note)
    return note if note.units or note.deadline or _ONLY_PERSON_OR_TIME_RE.match(text) else None


def _labelled_content(content: str, note: UnitNote) -> str:
    """The names after a label: later sentences are conventions (carried units), a duty phrase is dropped."""
    clauses = split_top_level(content, "。")
    for clause in clauses[1:]:
        _read_carry(clause.strip(" ，,；;"), note)
    return _DUTY_TAIL_RE.sub("", clauses[0].strip(" ，,；;"))


def _read_carry(clause: str, note: UnitNote) -> bool:
    """'以下均需X落实，不再列出' / '具体任务均涉及X，不再做分工，下同': X joins every later item."""
    if not _CARRY_MARK_RE.search(clause):
        return False
    carried: list[tuple[list[str], bool]] = []
    for part in split_top_level(clause, "，,"):
        part = part.strip()
        if not part or _IGNORABLE_CLAUSE_RE.match(part) or _CARRY_MARK_RE.fullmatch(part):
            continue
        m = next(
            (m for m in _carry_matches(part) if all(_unit_like(n) for n in split_units(m["names"]))), None
        )
        if m is None:
            return False  # "A牵头，B配合，下同" is a list of this item's units, not a carried one
        names = split_units(m.group("names"))
        carried.append((names, m.group("role") not in (None, "参与", "配合", "协助")))
    note.carry_here = note.carry_here or "下同" in clause or not clause.startswith("以下")
    for names, leads in carried:
        note.carry.extend(names)
        if leads:
            note.carry_leads.extend(names)
    return bool(carried)


def _carry_matches(part: str):
    return [m for m in (_CARRY_SUBJECT_RE.match(part), _CARRY_NAMES_RE.match(part)) if m and m["names"]]


def _unit_like(name: str) -> bool:
    return looks_like_unit(name.split("、")[0]) or (name.startswith("各") and len(name) <= 16)


def parse_roles(text: str) -> UnitNote | None:
    """'A牵头，B、C参与' / 'A负责' / 'A、B等负责。列第一位者为牵头单位，下同'; None if any part is not one.

    A role word covers every name back to the previous role word, across commas: in "A牵头，B、C等部门，
    D配合" both B, C and D are 配合.
    """
    note = UnitNote()
    found_role = False
    for clause in split_top_level(text, "。；;"):
        if _read_carry(clause.strip(), note):
            continue
        pending: list[str] = []
        for part in split_top_level(clause, "，,"):
            part = part.strip()
            if not part or _IGNORABLE_CLAUSE_RE.match(part) or FIRST_IS_LEAD_RE.search(part):
                continue
            if _read_carry(part, note):
                continue
            if _read_role_part(part, note, pending):
                found_role, pending = True, []
                continue
            if not pending and _TIME_PART_RE.search(part):
                note.deadline = note.deadline or part  # "（市民政局负责，2025年底前完成）"
                continue
            names = split_units(part.removeprefix("由"))
            if not names or not all(_unit_like(n) for n in names):
                return None
            pending.extend(names)
        if pending:
            return None
    _check_conventions(text, note)
    if note.carry and not note.units and not found_role:
        return note  # "（以下各项均需X落实，不再列出）" alone: a convention for what follows
    return note if found_role and note.units else None


def _read_role_part(part: str, note: UnitNote, before: list[str] | None = None) -> bool:
    m = _ROLE_RE.match(part)
    if not m:
        return False
    names = split_units(m.group("names").removeprefix("由"))
    if not names or not all(looks_like_unit(n.split("、")[0]) or n.startswith("各") for n in names):
        return False
    names = [*(before or []), *names]
    note.units.extend(names)
    if m.group("role") in _LEAD_ROLES:
        note.leads.extend(names)
    elif m.group("role") in _DUTY_ROLES:
        note.duty.extend(names)
    return True


def _check_conventions(text: str, note: UnitNote) -> None:
    if FIRST_IS_LEAD_RE.search(text):
        note.first_is_lead = True
    elif _SAME_BELOW_RE.search(text) and not note.carry:
        note.same_below = True


def parse_bare(inner: str) -> UnitNote | None:
    """'（市发展改革委、市财政局）' after a sentence: a list of names and nothing else."""
    names = split_units(collapse(inner))
    if names and all(looks_like_unit(n) or (n.startswith("各") and len(n) <= 12) for n in names):
        note = UnitNote(units=names)
        _check_conventions(inner, note)
        return note
    return None


def _closes_sentence(text: str, open_i: int, close_i: int) -> bool:
    """A bare list counts only right after a sentence's end or at the paragraph's end."""
    before = text[:open_i].rstrip()
    after = text[close_i + 1 :].strip()
    return before.endswith(("。", "；", ";", "！")) or after in ("", "。", "；")


def parse_note(inner: str) -> UnitNote | None:
    """Read the inside of a bracketed annotation, or a whole '责任单位：…' line."""
    inner = collapse(inner).strip()
    if not inner:
        return None
    note = parse_labelled(inner) or parse_roles(inner)
    folded = fold_traditional(inner)
    if note is None and folded != inner:  # 牽頭 / 負責 / 單位：the traditional script, read through the fold
        note = parse_labelled(folded) or parse_roles(folded)
        return _as_printed(note, folded, inner) if note else None
    return note


def _as_printed(note: UnitNote, folded: str, printed: str) -> UnitNote:
    """Names read from the folded text, given back as printed (same positions, one character for one)."""

    def printed_form(name: str) -> str:
        at = folded.find(name)
        return printed[at : at + len(name)] if at >= 0 else name

    for key in ("units", "leads", "duty", "carry", "carry_leads"):
        setattr(note, key, [printed_form(n) for n in getattr(note, key)])
    note.deadline = printed_form(note.deadline) if note.deadline else None
    return note


@dataclass
class Segment:
    """A stretch of text and the annotation that closes it (None for text with no units after it)."""

    text: str
    note: UnitNote | None = None


def split_annotated(text: str) -> list[Segment]:
    """Cut a paragraph at each unit annotation: text before it is what the annotation covers."""
    return list(_split_annotated(text))


@lru_cache(maxsize=4096)
def _split_annotated(text: str) -> tuple[Segment, ...]:
    segments: list[Segment] = []
    start = 0
    if "】" in text or "]" in text or "］" in text or "〕" in text:
        text = _BRACKETED_LABEL_RE.sub(
            r"\1：", text
        )  # 【牵头单位】A【配合单位】B reads as 牵头单位：A配合单位：B
    if not any(c in text for c in _OPEN_BRACKETS) and not any(
        w in fold_traditional(text) for w in (":", "：", "牵头", "负责", "配合", "由", "会同")
    ):
        return (Segment(text),) if text.strip(" 。") else ()
    for open_i, close_i in _bracket_spans(text):
        limit = _TIME_ONLY_RE.match(text[open_i + 1 : close_i])
        if limit and segments and not text[start:open_i].strip(" 。；;"):
            segments[-1].note.deadline = limit.group("limit").strip()  # "（完成时限：…）" after the units
            start = close_i + 1
            continue
        note = parse_note(text[open_i + 1 : close_i])
        in_name = _inside_labelled_list(text[start:open_i]) or _after_a_government(text[start:open_i])
        if note is None and _closes_sentence(text, open_i, close_i) and not in_name:
            note = parse_bare(text[open_i + 1 : close_i])
        if note is None:
            continue
        before = text[start:open_i]
        stop = text[close_i + 1 : close_i + 2]
        if stop in _STOPS and before.strip() and not before.rstrip().endswith(tuple(_STOPS)):
            before, close_i = before + stop, close_i + 1  # "…200个（A负责）。" ends the sentence before it
        segments.append(Segment(before, note))
        start = close_i + 1
    tail = text[start:]
    labelled_tail = (
        _labelled_tail(tail) or _role_sentence_tail(tail) or _assignment_tail(tail) or _traditional_tail(tail)
    )
    if labelled_tail is not None:
        before, note, after = labelled_tail
        segments.append(Segment(before, note))
        if after.strip(" 。"):
            segments.append(Segment(after))
    elif tail.strip(" 。"):
        segments.append(Segment(tail))
    return tuple(segments)


def _labelled_tail(text: str) -> tuple[str, UnitNote, str] | None:
    """'…。责任单位：A、B' at the end of a paragraph, without brackets; or '牵头单位：A。建设…' opening it
    (the item's text after the list is returned third)."""
    m = LABEL_RE.search(text)
    if not m:
        return None
    before = text[: m.start()]
    if before.strip() and not before.rstrip().endswith(("。", "；", ";", "！", "）", ")")):
        return None
    labelled, after = text[m.start() :], ""
    if not before.strip():
        labelled, after = _split_off_work(labelled)
    note = parse_labelled(labelled)
    if note and not note.units and before.strip():
        return None  # "…。联系人：…" closing a sentence names no one responsible
    return (before, note, after) if note else None


def _traditional_tail(text: str) -> tuple[str, UnitNote, str] | None:
    """'牽頭單位：A' lines and '由A牽頭' sentences: read through the fold, cut and named as printed."""
    folded = fold_traditional(text)
    if folded == text:
        return None
    found = _labelled_tail(folded) or _role_sentence_tail(folded) or _assignment_tail(folded)
    if found is None:
        return None
    before, note, after = found
    return (
        text[: len(before)],
        _as_printed(note, folded, text),
        text[len(text) - len(after) :] if after else "",
    )


def _role_sentence_tail(text: str) -> tuple[str, UnitNote, str] | None:
    """'…。由市发展改革委牵头，市财政局配合。' : a closing sentence that only assigns units, unbracketed."""
    if "牵头" not in text and "负责" not in text and "配合" not in text:
        return None
    sentences = split_top_level(text.rstrip(" 。"), "。")
    if len(sentences) < 2 or len(sentences[-1]) > 80:
        return None
    note = parse_roles(sentences[-1].strip())
    if note is None:
        return None
    return text[: len(text.rstrip(" 。")) - len(sentences[-1])], note, ""


def _inside_labelled_list(before: str) -> bool:
    """Is a bracket inside the names after a label ("责任单位：…各县(市、区)政府(管委会)")? Then it is part of a
    name, and the labelled list is read whole at the paragraph's end."""
    ends = [m.end() for m in LABEL_RE.finditer(before)]
    return bool(ends) and find_top_level(before[ends[-1] :], "。；;！？") < 0


def _after_a_government(before: str) -> bool:
    """'市卫健委、各县（市、区）政府（管委会）': a bracket glued to the 政府 that closes a list of units names the
    body that stands in for it, and is part of that name."""
    if not before.endswith("政府"):
        return False
    names = split_units(split_top_level(before, "。；;！？")[-1])
    return bool(names) and all(_unit_like(n) for n in names)


def _assignment_tail(text: str) -> tuple[str, UnitNote, str] | None:
    """'关于…的问题，由A会同B等部门负责落实。' / '…，由A牵头，B参与。': the item's last sentence assigns it from a
    clause that opens with 由. The clause is part of the work's wording, so the whole text is kept."""
    body = text.rstrip(" 。")
    sentence = split_top_level(body, "。！？")[-1]
    clauses = split_top_level(sentence, "，,")
    for k in range(len(clauses)):
        tail = [c.strip() for c in clauses[k:]]
        joined = "，".join(tail)
        if tail[0].startswith("由") and "会同" in joined:
            note = _read_assignment(tail)
        else:  # "…的问题，由A牵头，B参与" / "…的问题，A负责，B配合"
            note = parse_roles(joined) or (_read_assignment(tail) if tail[0].startswith("由") else None)
        if note is not None and note.units:
            # a sentence that only assigns units is an annotation; a clause of the work's sentence is not
            return (text[: len(body) - len(sentence)] if k == 0 else text), note, ""
    return None


def _read_assignment(clauses: list[str]) -> UnitNote | None:
    """'由A会同B、C等部门研究提出落实意见' and '由A牵头，会同B研究落实': A leads, B and C take part."""
    note = UnitNote()
    first = clauses[0].removeprefix("由")
    lead_part, joined, partners = first.partition("会同")
    if joined:
        leads = split_units(lead_part)
        if not leads or not all(_unit_like(n) for n in leads):
            return None
        note.units.extend(leads)
        note.leads.extend(leads)
        if not _add_partners(partners, note):
            return None
    else:
        cut = _names_before_work(first)
        if cut is None:
            return None
        names, work = cut
        note.units.extend(names)
        if work.startswith("牵头"):
            note.leads.extend(names)
        elif work.startswith("负责"):
            note.duty.extend(names)
    for clause in clauses[1:]:
        if not (clause.startswith("会同") and _add_partners(clause[2:], note)) and not _read_role_part(
            clause, note
        ):
            return None
    return note


def _add_partners(text: str, note: UnitNote) -> bool:
    """'B、C等部门负责落实' after 会同: the partners (general 有关部门 is no one's name) and nothing left over."""
    cut = _names_before_work(text)
    if cut is None:
        return False
    note.units.extend(n for n in cut[0] if not _GENERAL_BODY_RE.match(n))
    return True


_ASSIGNED_WORK_RE = re.compile(
    r"(?:负责|牵头|研究|组织|共同|按职责|分别|具体|抓好|落实|制定|制订|提出|办理|承担|统筹|推进|实施|督促|指导|"
    r"做好|开展|跟踪)"
)
_ASSIGNED_WORK_MAX = 14
_GENERAL_BODY_RE = re.compile(r"^(?:其他|其他有关|其他相关)?(?:有关|相关)?(?:部门|单位|方面)$")


def _names_before_work(text: str) -> tuple[list[str], str] | None:
    """Cut 'B、C等部门负责落实' into the names and the short phrase of work after them (longest names first,
    so a 研究 inside 国务院研究室 stays in the name)."""
    for m in reversed(list(_ASSIGNED_WORK_RE.finditer(text))):
        work = text[m.start() :]
        if len(work) > _ASSIGNED_WORK_MAX or re.search(r"[\d“”《》]", work):
            continue
        names = split_units(text[: m.start()])
        if names and all(_unit_like(n) or _GENERAL_BODY_RE.match(n) for n in names):
            return names, work
    return None


def _split_off_work(text: str) -> tuple[str, str]:
    """'牵头单位：A。建设口袋公园10个。' → the list and the work after its first full stop (a later sentence
    that states a convention, such as 下同, stays with the list)."""
    stop = find_top_level(text, "。")
    if stop < 0:
        return text, ""
    after = text[stop + 1 :]
    if not after.strip() or _CARRY_MARK_RE.search(after) or _IGNORABLE_CLAUSE_RE.match(after.strip("。 ")):
        return text, ""
    if STARTS_WITH_LABEL_RE.match(after):
        return text, ""
    return text[: stop + 1], after


def _bracket_spans(text: str):
    """(open, close) index pairs of top-level bracketed groups: （…） (…) 【…】 〔…〕 […] ［…］ 〖…〗."""
    depth, open_i = 0, -1
    for i, ch in enumerate(text):
        if ch in _OPEN_BRACKETS:
            if depth == 0:
                open_i = i
            depth += 1
        elif ch in _CLOSE_BRACKETS and depth > 0:
            depth -= 1
            if depth == 0:
                yield open_i, i
        elif ch in OPENERS or ch in CLOSERS:
            continue


def first_is_lead_stated(text: str) -> bool:
    """Does the document say that the first unit of each list is the lead?"""
    return bool(FIRST_IS_LEAD_RE.search(text) or FIRST_IS_LEAD_RE.search(fold_traditional(text)))
