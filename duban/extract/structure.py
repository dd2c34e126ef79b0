"""Blocks → duban.plan/1: the heading tree, which parts are tasks, and the units attached to each.

1. `read_front` (meta.py) separates web-page metadata, the covering notice and the plan's title.
2. `_build_tree` nests numbered headings by the order in which numbering styles appear.
3. `_Planner` walks the tree and decides, per the spec's rule, what is a section and what a task.
4. `_finish` settles units, leads (printed conventions first), deadlines, targets and warnings.
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
from dataclasses import dataclass, field

from .blocks import Document, Paragraph, Table
from .headings import Numbering, read_attachment, read_numbering, split_title
from .meta import (
    PUBLIC_NOTE_RE,
    find_signatures,
    looks_like_issuer,
    notice_signed_after,
    parse_date,
    period_end,
    read_front,
)
from .model import Deadline, Meta, Plan, Section, Task
from .tasktable import read_rows, task_table
from .textutil import cn_number, collapse, split_sentences
from .unitlists import (
    Segment,
    UnitNote,
    first_is_lead_stated,
    heading_units,
    merge_notes,
    parse_bare,
    parse_note,
    split_annotated,
)

try:
    from .targets import find_targets
except ImportError:  # the targets engineer's module is not there yet
    find_targets = None
try:
    from .deadlines import find_deadline, period_end_of, period_start_of, resolve_time_phrase
except ImportError:
    find_deadline = resolve_time_phrase = period_end_of = period_start_of = None
from .leads import LeadKnowledge, declared_subjects, suggest_lead

NO_UNITS = "未找到责任单位，请指定责任单位。"


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_NONWORK_WORDS = _words(
    "指导思想 总体要求 基本原则 工作原则 主要原则 工作目标 总体目标 发展目标 主要目标 "
    "具体目标 预期目标 目标要求 保障措施 保障机制 组织保障 工作保障 组织领导 组织实施 "
    "职责分工 责任分工 工作要求 有关要求 工作机制 重大意义 重要意义 适用范围 试点范围 "
    "实施范围 基本情况 背景 现状 形势 编制依据 主要依据 组织机构 领导小组 监督考核 "
    "考核评估 其他事项 附则 总则 总体思路 工作思路 基本思路 试点目标 基本目标"
)
_WORK_WORDS = _words(
    "主要任务 重点任务 工作任务 工作措施 重点工作 实施步骤 工作步骤 进度安排 主要措施 "
    "具体措施 重点措施 重点项目 主要工作 工作内容 实施内容 任务措施 具体任务 行动内容 "
    "工作安排 时间安排 推进步骤 阶段安排 工作重点 主要举措 重点举措 政策措施 任务清单 "
    "方法步骤 实施安排 重点领域 主要内容"
)
_ACTION_RE = re.compile(
    r"^(?:推进|推动|加强|加快|强化|完善|健全|建立|建设|构建|优化|提升|提高|实施|开展|深化|深入|全面|持续|落实|"
    r"创新|促进|扩大|打造|培育|发展|做好|抓好|抓实|支持|鼓励|引导|规范|严格|坚持|稳定|增强|夯实|拓展|激发|启动|"
    r"改善|聚焦|围绕|着力|大力|积极|切实|进一步|全力|不断|扎实|统筹|探索|组织|营造|严查|严打|严处|严管|降低|减少|"
    r"防范|化解|治理|整治|完成|编制|制定|修订|出台|开发|挖掘|释放|巩固|用好|办好|发挥|筑牢|兑现|盘活|活化|激励|"
    r"保护|修复|实行|推广|树立|突出|注重|提速|畅通|补齐|补强|壮大|加大|加速|确保|保持|维护|压实|压减|清理|筹备|"
    r"筹建|举办|承办|谋划|研究|培养|引进|招引|服务|保障|践行|提振|关爱|守住|打好|打赢|决战|攻坚)"
)
_STARTS_IN_RE = re.compile(r"(\d{4})年(?:起|开始)")
_TOP_STYLES = ("cn_dun", "zhang", "di", "bufen")  # a plan's text may start at 二、 (an excerpt), never at 3.
_YISHI_RE = re.compile(r"^(?P<num>[一二三四五六七八九十]{1,3})是(?=[\u4e00-\u9fff“])")
_NOTE_RE = re.compile(r"^(?:注|备注|说明)\s*\d*\s*[：:]")
_CAPTION_RE = re.compile(r"^(?:表|图)\s*\d")
_EXCERPT = "excerpt"  # the style of the nameless part an excerpt's first items sit in
_DASH_HEADING_RE = re.compile(r"^[—－-]{2}[^。；;！？!?]{2,30}$")
_THEME_MEDIAN = 10
_THEME_ALONE = 12
_POOL_MANY = 6  # a list this long is shared out among the sentences, not done by all of them together


@dataclass
class _Node:
    number: str = ""
    title: str = ""
    rest: str = ""  # the heading line's text after its numbering
    style: str = ""
    value: int = 0
    parent: _Node | None = None
    body: list[str | Table | _Node] = field(default_factory=list)
    attachment: bool = False

    @property
    def children(self) -> list[_Node]:
        return [e for e in self.body if isinstance(e, _Node)]

    @property
    def after_title(self) -> str:
        return split_title(self.rest)[1] if self.rest else ""


@dataclass
class _Draft:
    """A task before its units and leads are settled."""

    section: str | None
    section_title: str
    text: str
    note: UnitNote | None
    units_from: str | None
    deadline_text: str | None = None
    target_text: str | None = None  # a task table's 目标/指标 cell
    convention: UnitNote | None = None  # a heading's "以下均需X落实" that starts with this task


def parse_document(doc: Document, *, learned: LeadKnowledge | None = None) -> Plan:
    """Turn a reader's blocks into a Plan (no ExtractError: an empty plan is still a plan).

    `learned`: what earlier plans taught about which unit leads which work, used in lead suggestion."""
    lines = [collapse(b.text) if isinstance(b, Paragraph) else "" for b in doc.blocks]
    raw = [b.text if isinstance(b, Paragraph) else "" for b in doc.blocks]
    front = read_front(lines, _first_heading(doc.blocks, lines), raw)
    meta = front.meta
    skip = front.skip | _read_signatures(lines, front.body_start, meta)
    root = _build_tree(doc.blocks, lines, front.body_start, skip)
    issued = dt.date.fromisoformat(meta.issued_on) if meta.issued_on else None
    preamble = "".join(e for e in root.body if isinstance(e, str))
    meta.period_end = _period_end(meta.title or "", preamble, issued)
    first_is_lead = first_is_lead_stated(doc.text)
    planner = _Planner(first_is_lead)
    planner.convention = _stated_convention(root)  # "以下各项任务均需X落实" in the preamble
    planner.visit_body(root, None, work=None, pool=None)
    plan = Plan(source=doc.source, meta=meta, sections=planner.sections)
    reference = issued or _start_of_plan(preamble, root)
    subjects = declared_subjects(doc.text)
    plan.tasks = _finish(planner.drafts, first_is_lead, reference, subjects, learned)
    plan.warnings = _plan_warnings(plan)
    return plan


def _read_signatures(lines: list[str], start: int, meta: Meta) -> set[int]:
    """Signature lines (issuer over date) in the body: metadata when the front had none, never content."""
    lines_used: set[int] = set()
    signatures = find_signatures(lines, start)
    for date_i, issuer_lines, _ in signatures:
        lines_used.update([date_i, *issuer_lines])
    if signatures:
        date_i, _, issuer = signatures[-1]
        date = parse_date(lines[date_i])
        meta.issued_on = meta.issued_on or (date.isoformat() if date else None)
        meta.issuer = meta.issuer or issuer
    head = (meta.title or "").split("关于")[0]
    if not meta.issuer and meta.title and "关于" in meta.title and looks_like_issuer(head):
        meta.issuer = head  # "某某市人民政府关于…的实施意见" names its issuer
    return lines_used


def _period_end(title: str, preamble: str, issued: dt.date | None) -> str | None:
    if period_end_of is None:
        return period_end(title, preamble, issued)
    ends = [d for d in (period_end_of(title, issued), period_end_of(preamble, issued)) if d]
    return max(ends).isoformat() if ends else None


def _start_of_plan(preamble: str, root: _Node) -> dt.date | None:
    """Without an issue date, relative limits (5年内) count from the year the plan says it starts."""
    first = root.children[0] if root.children else None
    text = preamble + (first.rest + "".join(e for e in first.body if isinstance(e, str)) if first else "")
    for child in first.children if first else []:
        text += child.rest
    if period_start_of is not None:
        return period_start_of(text)
    m = _STARTS_IN_RE.search(text)
    return dt.date(int(m.group(1)), 1, 1) if m else None


def _first_heading(blocks, lines: list[str]) -> int:
    """Index of the plan's first numbered heading, attachment or table (the front matter ends there).

    A covering notice may number its own paragraphs (一、各单位要高度重视…); then the plan starts after the
    notice's signature."""
    first = _first_heading_from(blocks, lines, 0)
    if first == len(blocks):
        first = _first_of_a_run(lines)
    signed = notice_signed_after(lines, first)
    if signed is not None:
        later = _first_heading_from(blocks, lines, signed + 1)
        if later < len(blocks):
            return later
    return first


def _first_of_a_run(lines: list[str]) -> int:
    """An excerpt of a longer plan may start mid-sequence (52. 53. 54., or just (二十四)(二十五)): its
    first item that the next numbered lines of the same style continue (two of them if there are)."""
    numbered = [(i, n) for i, line in enumerate(lines) if (n := read_numbering(line))]
    later: dict[str, list[int]] = {}  # style → values of the next numbered lines of that style
    starts: dict[int, int] = {}  # how many following values continue each line's numeral → first such line
    for i, num in reversed(numbered):
        following = later.setdefault(num.style, [])
        continued = 0
        while continued < min(2, len(following)) and following[-1 - continued] == num.value + 1 + continued:
            continued += 1
        starts[continued] = i  # walking backwards: the last one set is the earliest in the text
        following.append(num.value)
    return starts.get(2, starts.get(1, len(lines)))


def _first_heading_from(blocks, lines: list[str], start: int) -> int:
    attachment_at, numbered, listed = None, False, False
    for i in range(len(blocks)):
        attachment = read_attachment(lines[i]) if i > 0 else None
        if i < start:
            listed = listed or bool(attachment and attachment.is_list)
            continue
        if isinstance(blocks[i], Table):
            return i if attachment_at is None else attachment_at
        num = read_numbering(lines[i])
        if num and (num.value == 1 or num.style in _TOP_STYLES):
            # a lone "附件" above it only wraps the plan in its covering notice; "附件1" of a notice that
            # lists several attachments is one of them, and keeps its own section
            return attachment_at if attachment_at is not None and listed and numbered else i
        if attachment and attachment.is_list:  # "附件：1.… 2.…" lists a notice's attachments
            listed = True
        elif attachment and attachment_at is None:
            attachment_at, numbered = i, attachment.number != "附件"
    return len(blocks) if attachment_at is None else attachment_at


# ---------------------------------------------------------------- the heading tree


def _build_tree(blocks, lines: list[str], start: int, skip: set[int]) -> _Node:
    builder = _TreeBuilder(lines, skip)
    builder.yishi_top = not any(
        (n := read_numbering(lines[i])) and n.style in _TOP_STYLES for i in range(start, len(lines))
    )
    opening = read_numbering(lines[start]) if start < len(lines) else None
    if opening is None or (opening.value > 1 and opening.style not in _TOP_STYLES):
        run = _first_of_a_run(lines)
        first = read_numbering(lines[run]) if start <= run < len(lines) else None
        cut = first and first.value > 1 and first.style not in _TOP_STYLES
        if cut and not any(read_numbering(line) for line in lines[start:run]):
            builder.excerpt_start, builder.excerpt_style = run, first.style  # 52. 53. 54.: a cut page
    for i in range(start, len(blocks)):
        if isinstance(blocks[i], Table):
            builder.add_table(blocks[i])
        elif i not in skip and lines[i] and not PUBLIC_NOTE_RE.match(lines[i]):
            builder.add_line(i, lines[i])
    return builder.root


class _TreeBuilder:
    """Places each line: a heading opens a node where its style says, anything else joins the open node."""

    def __init__(self, lines: list[str], skip: set[int]) -> None:
        self.lines, self.skip = lines, skip
        self.root = _Node()
        self.stack = [self.root]
        self.last_value: dict[str, int] = {}
        self.pending_title: _Node | None = None  # "附件1" whose title is the next line
        self.in_list = False  # inside "附件：1.… 2.…", a list of attachments
        self.yishi_top = False  # no 一、/第一章 heading anywhere: 一是/二是 lines may be the first level
        self.excerpt_start: int | None = None  # the line an excerpt's mid-sequence run starts at
        self.excerpt_style = ""  # … and that run's numbering style

    def add_table(self, table: Table) -> None:
        self.stack[-1].body.append(table)
        self.pending_title, self.in_list = None, False

    def add_line(self, i: int, text: str) -> None:
        if self.pending_title is not None:
            node, self.pending_title = self.pending_title, None
            if "。" not in text and len(text) <= 80 and not read_numbering(text):
                node.title = text
                return
        attachment = read_attachment(text)
        if attachment:
            self.open_attachment(attachment, _next_text(self.lines, i + 1, self.skip))
            return
        if self.in_list:
            if read_numbering(text) or (len(text) <= 40 and "。" not in text):
                return
            self.in_list = False
        numbering = read_numbering(text)
        if numbering and self.excerpt_style and self._excerpt_heading(i, numbering):
            self.stack = _place(numbering, [self.root])
            self.last_value[numbering.style] = numbering.value
            return
        if i == self.excerpt_start:
            # the run's own heading was cut off: a nameless part holds its items (and a list closing them)
            self.stack = [self.root, _Node(style=_EXCERPT, parent=self.root)]
            self.root.body.append(self.stack[-1])
        if numbering and (i == self.excerpt_start or _continues(numbering, self.stack, self.last_value)):
            self.stack = _place(numbering, self.stack)
            self.last_value[numbering.style] = numbering.value
            return
        if len(self.stack) > 1 and _DASH_HEADING_RE.match(text):
            self.root.body.append(text)  # "——加快建设健康武汉" between items heads the next ones, ends none
            return
        yishi = _yishi_heading(text, self.stack, self.last_value) if self.yishi_top else None
        if yishi:
            self.stack = _place(yishi, self.stack)
            self.last_value[yishi.style] = yishi.value
            return
        self.stack[-1].body.append(text)

    def _excerpt_heading(self, i: int, numbering: Numbering) -> bool:
        """In an excerpt, a short heading of another style ("(四)突出改革创新…。") opens a top-level part
        whatever its numeral, since the parts before it were cut off."""
        if self.excerpt_start is None or i <= self.excerpt_start:
            return False
        if numbering.style == self.excerpt_style or any(n.style == numbering.style for n in self.stack[1:]):
            return False
        return len(numbering.rest) <= 40 and not any(seg.note for seg in split_annotated(numbering.rest))

    def open_attachment(self, attachment, next_text: str) -> None:
        bare = not attachment.title and attachment.number == "附件"
        if attachment.is_list or (bare and next_text and read_numbering(next_text)):
            self.in_list = True
            return
        node = _Node(number=attachment.number, title=attachment.title, parent=self.root, attachment=True)
        self.root.body.append(node)
        self.stack = [self.root, node]
        self.pending_title, self.in_list = (node if not attachment.title else None), False


def _yishi_heading(text: str, stack: list[_Node], last_value: dict[str, int]) -> Numbering | None:
    """'一是扎实推进产业强镇。…' opening a line before any other heading: a plan whose first level is written
    一是/二是 (a 一是 inside a numbered item stays part of its text)."""
    m = _YISHI_RE.match(text)
    if not m:
        return None
    value = cn_number(m.group("num")) or 0
    open_same = [n for n in stack[1:] if n.style == "yishi"]
    if open_same:
        follows = value == open_same[-1].value + 1
    else:
        follows = value == 1 and len(stack) == 1 and not last_value
    return Numbering("yishi", m.group("num"), value, text[m.end() :]) if follows else None


def _next_text(lines: list[str], i: int, skip: set[int]) -> str:
    while i < len(lines) and (i in skip or not lines[i]):
        i += 1
    return lines[i] if i < len(lines) else ""


def _continues(numbering: Numbering, stack: list[_Node], last_value: dict[str, int]) -> bool:
    """Does the numeral continue its style's sequence (so '1918个…' and stray numbers stay text)?"""
    if numbering.decimal_like:
        return False
    open_same = [n for n in stack[1:] if n.style == numbering.style]
    if open_same:
        restart = numbering.value == 1 and _heading_like(numbering.rest)  # a second list in one section
        return numbering.value == open_same[-1].value + 1 or restart
    if len(stack) == 1 and not last_value and numbering.style in _TOP_STYLES:
        return True  # an excerpt may start at 二、
    return numbering.value == 1 or numbering.value == last_value.get(numbering.style, 0) + 1


def _heading_like(rest: str) -> bool:
    """A short title, or a run-in title that ends within a few words."""
    title, _ = split_title(rest)
    return len(title) <= 30 and title != rest[:-1]


def _place(numbering: Numbering, stack: list[_Node]) -> list[_Node]:
    styles = [n.style for n in stack]
    if numbering.style in styles:
        stack = stack[: styles.index(numbering.style)]
    title, _ = split_title(_strip_notes(numbering.rest))
    node = _Node(
        number=numbering.number,
        title=title,
        rest=numbering.rest,
        style=numbering.style,
        value=numbering.value,
        parent=stack[-1],
    )
    stack[-1].body.append(node)
    return [*stack, node]


def _strip_notes(text: str) -> str:
    return "".join(seg.text for seg in split_annotated(text)) or text


# ---------------------------------------------------------------- sections and tasks


def _segments(texts: list[str]) -> list[Segment]:
    """Annotated stretches over several paragraphs: a '责任单位：…' line closes the text before it."""
    out: list[Segment] = []
    pending = ""
    after_note = False  # nothing but annotations since the last one
    list_open = False  # the last annotation's line ended in 、 or ，: its list wraps onto this line
    for text in texts:
        wrapped = parse_bare(text) if list_open and after_note and not pending.strip() else None
        list_open = text.rstrip().endswith(("、", "，", ","))
        if wrapped is not None:
            out[-1] = Segment(out[-1].text, merge_notes(out[-1].note, wrapped))
            continue
        for seg in split_annotated(text):
            if seg.note is None:
                pending += seg.text
                after_note = after_note and not seg.text.strip(" 。")
                continue
            if after_note and not (pending + seg.text).strip(" 。"):
                out[-1] = Segment(out[-1].text, merge_notes(out[-1].note, seg.note))
                continue  # "牵头单位：A" and "责任单位：B" on two lines are one annotation
            out.append(Segment(pending + seg.text, seg.note))
            pending, after_note = "", True
    if pending.strip():
        out.append(Segment(pending))
    return out


def _is_note_only(text: str) -> bool:
    segs = split_annotated(text)
    return len(segs) == 1 and segs[0].note is not None and not segs[0].text.strip()


def _has_note(node: _Node) -> bool:
    texts = [node.rest, *(e for e in node.body if isinstance(e, str))]
    if any(seg.note for t in texts for seg in split_annotated(t)):
        return True
    return any(_has_note(c) for c in node.children)


def _lift_tail_notes(node: _Node) -> None:
    """A unit list closing a section's last item belongs to the section when no sibling has its own."""
    for child in node.children:
        _lift_tail_notes(child)
    children = node.children
    if node.parent is None or not children:
        return
    last = children[-1]
    if node.body[-1] is not last:
        return
    run = 0  # annotation-only paragraphs closing the last item ("牵头单位：…" / "责任单位：…" lines)
    while (
        run < len(last.body) and isinstance(last.body[-1 - run], str) and _is_note_only(last.body[-1 - run])
    ):
        run += 1
    if not run:
        return
    texts = [last.rest, *(e for e in last.body[:-run] if isinstance(e, str))]
    earlier_note = any(seg.note for t in texts for seg in split_annotated(t))
    if earlier_note or not any(_has_note(c) for c in children[:-1]):
        tail = last.body[-run:]
        del last.body[-run:]
        node.body.extend(tail)


def _flat_list_pool(root: _Node) -> UnitNote | None:
    """A plan that is one flat list of items (1. 2. 3.) closed by one unit list: the list serves them all,
    as a section's closing list serves its items, when no item has units of its own."""
    children = root.children
    if len(children) < 2 or root.body[-1] is not children[-1]:
        return None
    if any(c.children or c.attachment or c.style in _TOP_STYLES for c in children):
        return None  # parts of a plan (一、二、), not a list of items
    last = children[-1]
    tail = [e for e in last.body if isinstance(e, str)]
    if not tail or not _is_note_only(tail[-1]) or any(_has_note(c) for c in children[:-1]):
        return None
    if any(seg.note for t in [last.rest, *tail[:-1]] for seg in split_annotated(t)):
        return None
    last.body.remove(tail[-1])
    root.body.append(tail[-1])
    return split_annotated(tail[-1])[0].note


def _title_kind(title: str, top: bool) -> bool | None:
    """True for a section of work, False for one that is not, None when the title does not say."""
    if top and title.endswith(_NONWORK_WORDS):
        return False  # 主要工作目标: the head noun is 目标, though 主要工作 is inside it
    if any(w in title for w in _WORK_WORDS):
        return True
    if top and any(w in title for w in _NONWORK_WORDS):
        return False
    parts = [p for p in re.split(r"[和与及、，,]", title) if p]
    if parts and all(p in _NONWORK_WORDS for p in parts):
        return False
    return None


class _Planner:
    def __init__(self, first_is_lead: bool) -> None:
        self.first_is_lead = first_is_lead  # lists name a lead: they are per task, never a theme's pool
        self.sections: list[Section] = []
        self.drafts: list[_Draft] = []
        self._child_count: dict[str | None, int] = {}
        self.convention: UnitNote | None = None  # stated in a heading, waiting for the next task

    def add_section(self, node: _Node, parent_id: str | None, units: list[str] | None = None) -> str:
        n = self._child_count.get(parent_id, 0) + 1
        self._child_count[parent_id] = n
        sid = f"{parent_id}.{n}" if parent_id else f"S{n}"
        self.sections.append(Section(sid, parent_id, node.number, node.title, list(units or [])))
        return sid

    def visit_body(self, node: _Node, sid: str | None, work: bool | None, pool: UnitNote | None) -> None:
        if node.parent is None:
            for child in node.children:
                _lift_tail_notes(child)
            pool = pool or _flat_list_pool(node)
        theme_group = self._theme_group(node.children)
        title = node.title
        for entry in node.body:
            if isinstance(entry, Table):
                self.table_tasks(entry, sid, title)
            elif isinstance(entry, _Node):
                self.visit(entry, sid, work, pool, theme_group)

    def visit(
        self,
        node: _Node,
        parent_id: str | None,
        inherited: bool | None,
        pool: UnitNote | None,
        theme_group: bool,
    ) -> None:
        work = self.work_of(node, inherited)
        if node.attachment:
            tail = self.tail_pool(node)
            sid = self.add_section(node, None, tail.units if tail else None)
            self.visit_body(node, sid, True, tail)
        elif node.style == _EXCERPT:
            self.visit_body(node, parent_id, work, self.section_pool(node) or pool)
        elif node.children:
            own_pool = self.section_pool(node)
            if own_pool is not None and own_pool.carry:
                self.convention = own_pool
            self.convention = _stated_convention(node) or self.convention
            sid = self.add_section(node, parent_id, own_pool.units if own_pool else None)
            self.visit_body(node, sid, work, own_pool or pool)
        else:
            self.visit_leaf(node, parent_id, work, pool, theme_group)

    def work_of(self, node: _Node, inherited: bool | None) -> bool | None:
        kind = _title_kind(node.title, top=node.parent is not None and node.parent.parent is None)
        if kind is not None:
            return kind
        if inherited is not None:
            return inherited
        if _ACTION_RE.match(node.title) or any(_ACTION_RE.match(c.title) for c in node.children):
            return True
        return None

    def tail_pool(self, node: _Node) -> UnitNote | None:
        """Units closing an attachment after its last heading (lifted from an only item)."""
        last = max((k for k, e in enumerate(node.body) if isinstance(e, _Node)), default=-1)
        texts = [e for e in node.body[last + 1 :] if isinstance(e, str)] if last >= 0 else []
        notes = [seg.note for seg in _segments(texts) if seg.note]
        return notes[-1] if notes else None

    def section_pool(self, node: _Node) -> UnitNote | None:
        """Units written for a whole section: at the end of its heading paragraph or after its items."""
        texts = [node.rest, *(e for e in node.body if isinstance(e, str))]
        notes = [seg.note for seg in _segments(texts) if seg.note]
        return notes[-1] if notes else heading_units(node.title)

    def visit_leaf(
        self, node: _Node, parent_id: str | None, work: bool | None, pool: UnitNote | None, theme_group: bool
    ) -> None:
        paragraphs = _own_paragraphs(node)
        annotated = [s for s in _segments([node.rest, *paragraphs]) if s.note]
        sid = parent_id
        if len(annotated) >= 2:
            sid = self.add_section(node, parent_id)
            for seg in _segments([node.after_title, *paragraphs]):
                if seg.note or work:
                    self.add(sid, node.title, seg.text, seg.note, "task" if seg.note else None)
        elif len(annotated) == 1:
            sid = self.annotated_leaf(node, parent_id, annotated[0], paragraphs, theme_group)
        elif pool is not None or work:
            sid = self.unannotated_leaf(node, parent_id, pool, paragraphs)
        else:
            sid = self.add_section(node, parent_id)
        for entry in node.body:
            if isinstance(entry, Table):
                self.table_tasks(entry, sid, node.title)

    def annotated_leaf(
        self, node: _Node, parent_id: str | None, annotated: Segment, paragraphs: list[str], theme_group: bool
    ) -> str | None:
        """An item with one unit list: one task, unless it is a theme whose list is a pool (rule 1)."""
        note = annotated.note
        body = _segments([node.after_title, *paragraphs]) or [annotated]
        top_section = node.parent is not None and node.parent.parent is None and not node.after_title
        long = len(split_sentences(body[0].text)) >= _THEME_ALONE
        pool_like = not (note.leads or note.duty or note.first_is_lead or self.first_is_lead)
        if (theme_group or long or top_section) and pool_like and split_sentences(body[0].text):
            sid = self.add_section(node, parent_id, note.units)
            for sentence in split_sentences(body[0].text):
                self.add(sid, node.title, sentence, note, "section")
            return sid
        whole = "".join(seg.text for seg in _segments([node.rest, *paragraphs]))  # units may come first
        self.add(parent_id, _title_of(node.parent), whole, note, "task")
        return parent_id

    def unannotated_leaf(
        self, node: _Node, parent_id: str | None, pool: UnitNote | None, paragraphs: list[str]
    ) -> str | None:
        """An item of work with no units of its own: one task, or one per run-in paragraph or sentence."""
        units_from = "section" if pool else None
        is_item = node.parent is not None and node.parent.parent is not None
        if not is_item and node.after_title and not paragraphs:
            is_item = True  # "1.开展排查。…" at the top of a plan with no headings above its items
        if not is_item and pool is not None and node.style not in _TOP_STYLES:
            is_item = True  # an item of a flat list that one closing unit list serves (_flat_list_pool)
        if is_item and pool is not None and self._pooled_theme(node, pool, paragraphs):
            sid = self.add_section(node, parent_id)
            for sentence in split_sentences(node.after_title + "".join(paragraphs)):
                self.add(sid, node.title, sentence, pool, units_from)
            return sid
        if is_item and not _paragraph_items([node.after_title, *paragraphs]):
            self.add(parent_id, _title_of(node.parent), node.rest + "".join(paragraphs), pool, units_from)
            return parent_id
        sid = self.add_section(node, parent_id)
        if is_item:
            pieces = [p for p in [node.after_title, *paragraphs] if p]
        else:
            pieces = split_sentences(node.after_title + "".join(paragraphs))
        for piece in pieces:
            self.add(sid, node.title, piece, pool, units_from)
        return sid

    def _pooled_theme(self, node: _Node, pool: UnitNote, paragraphs: list[str]) -> bool:
        """An item with no units of its own, long enough to be a theme over its section's pool (rule 1)."""
        if pool.leads or pool.duty or pool.first_is_lead or self.first_is_lead:
            return False
        sentences = split_sentences(node.after_title + "".join(paragraphs))
        return len(pool.units) >= _POOL_MANY and len(sentences) >= _THEME_ALONE

    def _theme_group(self, children: list[_Node]) -> bool:
        """Items whose one unit list is a pool for many sentences of work (about ten or more each)."""
        counts = []
        for child in children:
            if child.children:
                continue
            paragraphs = [e for e in child.body if isinstance(e, str)]
            segs = _segments([child.after_title, *paragraphs])
            if sum(1 for s in segs if s.note) == 1 and segs[0].note:
                counts.append(len(split_sentences(segs[0].text)))
        return len(counts) >= 2 and statistics.median(counts) >= _THEME_MEDIAN

    def add(
        self,
        sid: str | None,
        section_title: str,
        text: str,
        note: UnitNote | None,
        units_from: str | None,
        deadline_text: str | None = None,
        target_text: str | None = None,
    ) -> None:
        text = collapse(text)
        if text.strip("。；; "):
            draft = _Draft(sid, section_title, text, note, units_from, deadline_text, target_text)
            draft.convention, self.convention = self.convention, None
            self.drafts.append(draft)

    def table_tasks(self, table: Table, sid: str | None, section_title: str) -> None:
        found = task_table(table)
        if found is None:
            return
        for row in read_rows(*found):
            note = UnitNote(units=row.units, leads=row.leads)
            self.add(
                sid,
                section_title,
                row.text,
                note if row.units else None,
                "task" if row.units else None,
                row.deadline_text,
                row.target_text,
            )


def _stated_convention(node: _Node) -> UnitNote | None:
    """ "以下各项任务均需各区政府落实，不再列出。" written as a sentence under a heading, before its items."""
    for entry in node.body:
        if isinstance(entry, _Node):
            return None
        if isinstance(entry, str) and ("以下" in entry or "下同" in entry):
            for sentence in split_sentences(entry):
                note = parse_note(sentence.rstrip("。"))
                if note is not None and note.carry and not note.units:
                    return note
    return None


def _own_paragraphs(node: _Node) -> list[str]:
    """The item's paragraphs up to a table or figure caption (what follows a caption is its content)."""
    out = []
    for entry in node.body:
        if isinstance(entry, str):
            if _CAPTION_RE.match(entry):
                break
            if not _NOTE_RE.match(entry):
                out.append(entry)
    if out and out[-1].endswith(("：", ":")):
        out.pop()  # "还要做好以下工作：" introduces the next list, not this item
    return out


def _paragraph_items(paragraphs: list[str]) -> bool:
    """Paragraphs that each open with their own short run-in title ("多措并举，加强…。…") are items."""
    paragraphs = [p for p in paragraphs if p]
    if len(paragraphs) < 2:
        return False
    for paragraph in paragraphs:
        first = split_sentences(paragraph)[0] if split_sentences(paragraph) else ""
        if not (first.endswith("。") and len(first) <= 30 and len(paragraph) >= len(first) + 10):
            return False
    return True


def _title_of(node: _Node | None) -> str:
    return node.title if node else ""


# ---------------------------------------------------------------- units, leads, deadlines


def _finish(
    drafts: list[_Draft],
    first_is_lead: bool,
    issued: dt.date | None,
    subjects: list[str],
    learned: LeadKnowledge | None = None,
) -> list[Task]:
    tasks: list[Task] = []
    carry: list[str] = []  # units a "以下均需X落实" note adds to every later task
    carry_leads: list[str] = []
    same_below: tuple[str, UnitNote] | None = None  # "下同" holds within its top-level section
    for n, draft in enumerate(drafts, start=1):
        top = (draft.section or "").split(".")[0]
        if draft.note is None and same_below is not None and same_below[0] == top:
            draft.note, draft.units_from = same_below[1], "task"
        note = draft.note or UnitNote()
        if draft.convention is not None:
            carry, carry_leads = list(draft.convention.carry), list(draft.convention.carry_leads)
        if note.same_below:
            same_below = (top, note)
        units = list(dict.fromkeys(note.units))
        from_task = draft.units_from == "task"
        if note.carry and note.carry_here:
            carry, carry_leads = list(note.carry), list(note.carry_leads)
        if from_task:
            units += [u for u in carry if u not in units]
        task = Task(
            id=f"T{n}",
            section=draft.section,
            text=draft.text,
            units=units,
            units_from=draft.units_from if units else None,
        )
        task.lead = _leads(task, note, first_is_lead, carry_leads if from_task else [])
        if note.carry:
            carry, carry_leads = list(note.carry), list(note.carry_leads)
        if draft.deadline_text is None and note.deadline:
            draft.deadline_text = note.deadline
        task.deadline = _deadline(draft, issued)
        task.targets = _targets(draft)
        _suggest(task, draft.section_title, subjects, learned)
        if not task.units:
            task.warnings.append(NO_UNITS)
        tasks.append(task)
    return tasks


def _leads(task: Task, note: UnitNote, first_is_lead: bool, carry: list[str]) -> list[str]:
    units = task.units
    if not units:
        return []
    if note.leads:
        return list(dict.fromkeys(note.leads))
    if first_is_lead or note.first_is_lead:
        return [units[0]]
    if note.duty:
        return list(dict.fromkeys(note.duty))
    if len(units) == 1:
        return [units[0]]
    named = [u for u in units if f"{u}负责" in task.text or f"{u}牵头" in task.text]
    if named:
        return named
    return [u for u in carry if u in units]


def _targets(draft: _Draft) -> list:
    """Targets in the task's words, and in a task table's 目标/指标 cell when it has one."""
    if find_targets is None:
        return []
    found = list(find_targets(draft.text))
    seen = {(t.value, t.unit) for t in found}
    for target in find_targets(draft.target_text) if draft.target_text else []:
        if (target.value, target.unit) not in seen:
            seen.add((target.value, target.unit))
            found.append(target)
    return found


def _deadline(draft: _Draft, issued: dt.date | None) -> Deadline | None:
    if draft.deadline_text:
        date = None
        if find_deadline is not None:
            found = find_deadline(draft.deadline_text, issued)
            date = found.date if found else None
        if date is None and resolve_time_phrase is not None:
            resolved = resolve_time_phrase(draft.deadline_text, issued)
            date = resolved.isoformat() if resolved else None
        return Deadline(draft.deadline_text, date)
    if find_deadline is None:
        return None
    return find_deadline(draft.text, issued)


def _suggest(task: Task, section_title: str, subjects: list[str], learned: LeadKnowledge | None) -> None:
    if not task.units:
        return
    if len(task.lead) == 1:
        task.suggested_lead = task.lead[0]
        task.lead_reason = "文件明确的牵头单位"
        return
    suggestion = suggest_lead(
        task.text,
        task.units,
        section_title=section_title,
        learned=learned,
        subjects=subjects,
        per_task=task.units_from == "task",
    )
    if suggestion is not None:
        task.suggested_lead = suggestion.unit
        task.lead_reason = suggestion.reason
        task.lead_ranking = suggestion.ranked_units


def _plan_warnings(plan: Plan) -> list[str]:
    warnings = []
    if not plan.meta.title:
        warnings.append("未找到方案标题，请人工填写。")
    if not plan.meta.issued_on:
        warnings.append("未找到成文日期，无法换算“年底前”等期限，请人工填写。")
    missing = sum(1 for t in plan.tasks if not t.units)
    if plan.tasks and missing:
        warnings.append(f"{missing}项任务未找到责任单位，请在审核时指定。")
    return warnings
