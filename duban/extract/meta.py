"""The front matter: web-page metadata lines, the covering notice, the plan's own title, signatures.

`read_front` looks at the paragraphs before the plan's first heading and says where the plan's body
starts and what the metadata is; `find_signatures` finds "issuer / date" pairs anywhere (they close a
notice or the plan) so they are read as metadata and kept out of tasks.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .model import Meta
from .textutil import cn_number, collapse, fold_traditional

_HEADER_LABELS = (
    "索引号",
    "发文字号",
    "文号",
    "发布机构",
    "发文机关",
    "成文日期",
    "发布日期",
    "公文时效",
    "主题分类",
    "名称",
    "标题",
    "主题词",
    "有效性",
    "发文日期",
    "生效日期",
    "废止日期",
    "公开方式",
    "信息分类",
    "文件分类",
    "所属机构",
    "分类",
    "时效",
    "发布时间",
    "信息来源",
    "来源",
    "浏览次数",
    "点击数",
    "字号",
    "发布单位",
    "发文时间",
)
_HEADER_LABEL_RE = re.compile("(" + "|".join(sorted(_HEADER_LABELS, key=len, reverse=True)) + r")\s*[:：]")
_CELL_BORDERS = "|｜│"
# traditional forms of the header labels' characters (發文字號, 公開方式, 主題分類, 標題, 發佈日期), one for one
_HEADER_TRADITIONAL = str.maketrans(
    dict(zip("號發開題類來擊數覽屬稱詞廢資訊標佈瀏時", "号发开题类来击数览属称词废资讯标布浏时"))
)
_CJK_SPACE_RE = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")
# "索 引 号 X 发文日期 Y": a web page's table of fields pasted without colons, each label set off by spaces
_BARE_LABEL_RE = re.compile(
    r"(?:^|(?<=\s))("
    + "|".join(r"\s*".join(label) for label in sorted(_HEADER_LABELS, key=len, reverse=True))
    + r")(?=\s)"
)
_CN_DIGIT = {
    "〇": 0,
    "○": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_DATE_RE = re.compile(
    r"(?P<y>\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*(?P<m>\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*"
    r"(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s*日"
    r"|(?P<y2>\d{4})\s*[-/.]\s*(?P<m2>\d{1,2})\s*[-/.]\s*(?P<d2>\d{1,2})"
)
_DATE_LINE_RE = re.compile(rf"^[（(]?\s*(?:{_DATE_RE.pattern})\s*[）)]?$")
DOC_NUMBER_RE = re.compile(
    r"[\u4e00-\u9fff]{1,15}\s*[〔\[［【(（]\s*\d{4}\s*[〕\]］】)）]\s*第?\s*\d{1,4}\s*号"
)
_NOTICE_PARAGRAPHS = 10
# the red letterhead (红头) over a document number: "某某市人民政府文件", alone on its line or, in text pasted
# from a PDF, run into a paragraph right before the number it heads ("…的重某某市人民政府文件某政〔2020〕3号大…")
_LETTERHEAD_LINE_RE = re.compile(r"^(?P<name>[\u4e00-\u9fff（）()]{4,40})文件$")
_NUMBER_CORE = r"[〔\[［【(（]\s*\d{4}\s*[〕\]］】)）]\s*第?\s*\d{1,4}\s*号"
_LETTERHEAD_RUN_IN_RE = re.compile(
    rf"(?P<stretch>[\u4e00-\u9fff]{{4,24}})文件\s*(?P<code>[\u4e00-\u9fff]{{1,6}})\s*{_NUMBER_CORE}"
)
# "根据某某市政府文件某政〔2019〕5号" cites another document; a letterhead follows no such verb
_CITING_RE = re.compile(r"(?:根据|按照|依据|依照|参照|落实|贯彻|执行|转发|印发)")
_NOT_A_LETTERHEAD_RE = re.compile(rf"关于|關於|的|{_CITING_RE.pattern}")
_BRACKET_WRAP_RE = re.compile(r"^[（(]\s*|\s*[）)]$")
_FIRST_HEADING_RE = re.compile(
    r"^(?:一\s*[、．.]|[（(]\s*一\s*[）)]|第一(?:章|部分|条|篇|[，,、])|1\s*[.．、])"
)
_NOTICE_END_RE = re.compile(
    r"印发给你们|转发给你们|特此通知|请认真.{0,12}(?:执行|实施|落实)|请遵照执行|请结合.{0,20}实施"
)
_SALUTATION_RE = re.compile(r"[：:]$")
PUBLIC_NOTE_RE = re.compile(r"^[（(](?:此件|本件|此文)[^）)]{0,12}[）)]$")
# a web page's own labels and buttons pasted with the text: never the plan's title
_SITE_LABEL_RE = re.compile(
    r"^[【\[]?(?:全文|正文|原文|原文链接|正文内容|文件全文|打印|打印本页|关闭|关闭窗口|分享|收藏|返回|返回顶部|"
    r"字号|字体|大|中|小|[：:\s　])+[】\]]?$|^(?:当前位置|您的位置|来源|发布时间|浏览次数)[：:]"
)
_TITLE_END_RE = re.compile(
    r"(?:方案|计划|意见|办法|规划|通知|细则|要点|清单|分工表|安排|措施|纲要|决定|预案|分解表|分解|台账|任务表)$"
)
# "…任务分解" / "和责任分工方案": a title line that starts with a conjunction continues the line above
_JOINED_ON_RE = re.compile(r"^(?:和|及|与|暨|并|以及)[\u4e00-\u9fff《“]")
# "…分工方案（一）": a plan published in parts numbers each part after its title; the numeral is not the title
_TITLE_PART_RE = re.compile(r"\s*[（(]\s*(?P<part>[一二三四五六七八九十]{1,3}|\d{1,2})\s*[）)]$")
_BRACKETED_LINE_RE = re.compile(r"^[（(][^（）()]{1,20}[）)]$")
_ATTACHMENT_PREFIX_RE = re.compile(r"^附\s*件\s*\d{0,2}\s*[：:]\s*")
_ATTACHMENT_MARK_RE = re.compile(r"^附\s*件\s*\d{0,2}\s*[：:]?$")
_ISSUER_TAIL_RE = re.compile(
    r"(?:政府|办公厅|办公室|委员会|党委|[部委局厅办署院府会处]|事处|中心|管委会|领导小组|指挥部|组)(?:（[^）]*）)?$"
)
_CLAUSE_SPLIT_RE = re.compile(r"[，,。；;]")
_REPORTED_ISSUE_RE = re.compile(
    r"^(?:近日|日前|近期)?(?P<who>[^，,。；;：:]{2,30}?)(?:正式)?(?:印发|发布|出台)了?[《“]?关于"
)
_NOTICE_NAMES_PLAN_RE = re.compile(r"(?:现将|将)《(?P<title>[^《》]{4,60})》(?:印发|转发)给你们")
_IN_NOTICE_PLAN_RE = re.compile(r"关于(?:印发|转发|发布)(?P<title>.+?)的通知$")
_YEAR_SPAN_RE = re.compile(r"(?P<a>\d{4})\s*[—–\-－~～至到]\s*(?P<b>\d{4})\s*年")
_QUARTER_RE = re.compile(r"(?:第)?(?P<q>[一二三四1-4])季度")
_YEARS_FROM_RE = re.compile(r"(?P<y>\d{4})年起(?:的)?(?P<n>\d{1,2}|[一二三四五六七八九十])年内")


@dataclass
class Front:
    meta: Meta = field(default_factory=Meta)
    body_start: int = 0  # index of the first paragraph of the plan's own text
    skip: set[int] = field(default_factory=set)  # front-matter lines that are not the plan's content
    part: str | None = None  # "一" when the title line ends in "（一）": this text is part one of the plan


def parse_date(text: str) -> dt.date | None:
    """The first date in the text (2019年10月17日, 二〇一九年十月十七日, 2019-10-17)."""
    m = _DATE_RE.search(text)
    if not m:
        return None
    if m.group("y"):
        y, mo, d = _cn_year(m.group("y")), cn_number(m.group("m")), cn_number(m.group("d"))
    else:
        y, mo, d = int(m.group("y2")), int(m.group("m2")), int(m.group("d2"))
    try:
        return dt.date(y, mo or 0, d or 0)
    except (TypeError, ValueError):
        return None


def _cn_year(text: str) -> int:
    if text.isdigit():
        return int(text)
    return int("".join(str(_CN_DIGIT[c]) for c in text))


def is_date_line(text: str) -> bool:
    return bool(_DATE_LINE_RE.match(text.strip()))


def signed_line(text: str) -> str | None:
    """The issuer of a signature printed on one line with its date ("某某县人民政府 2021年5月6日")."""
    m = _DATE_RE.search(text)
    if not m or text[m.end() :].strip(" ）)"):
        return None
    head = text[: m.start()].strip(" （(")
    return head if looks_like_issuer(head) else None


def looks_like_issuer(text: str) -> bool:
    """A signature line: a short body name with no sentence punctuation."""
    text = text.strip()
    return (
        2 <= len(text) <= 40
        and not re.search(r"[。，,；;：:！？]", text)
        and bool(_ISSUER_TAIL_RE.search(text))
    )


def read_web_header(lines: list[str]) -> dict[str, str]:
    """'发文字号 :X发布机构 :Y' lines pasted from a government web page (an empty field stays empty)."""
    fields: dict[str, str] = {}
    for line in lines:
        for label, value in _header_fields(line):
            fields.setdefault(label, value)
    return fields


def _header_fields(line: str) -> list[tuple[str, str]]:
    """Labels are matched in the folded text (索引號 → 索引号), values cut from the text as printed."""
    text = line.strip().strip(_CELL_BORDERS + " ")
    if ":" not in text and "：" not in text:
        matches = _bare_label_matches(text)
    else:
        text = _CJK_SPACE_RE.sub("", text)
        matches = list(_HEADER_LABEL_RE.finditer(_fold_header(text)))
    out = []
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        value = collapse(text[m.end() : end]).strip(" :：" + _CELL_BORDERS)
        out.append((re.sub(r"\s+", "", m.group(1)), value))
    return out


def _fold_header(text: str) -> str:
    return fold_traditional(text).translate(_HEADER_TRADITIONAL)


def _bare_label_matches(text: str) -> list[re.Match[str]]:
    """Labels without colons count only when the line starts with one and names at least two."""
    matches = list(_BARE_LABEL_RE.finditer(text))
    if len(matches) < 2 or matches[0].start() != 0:
        return []
    return matches


def is_web_header(line: str) -> bool:
    compact = re.sub(r"\s+", "", line).strip(_CELL_BORDERS)  # "| 索引号:… | |": a table row pasted as text
    return bool(_HEADER_LABEL_RE.match(_fold_header(compact))) or bool(_bare_label_matches(line.strip()))


@dataclass
class _Notice:
    """A covering notice (关于印发…的通知) in front of the plan."""

    plan_from: int  # index of the first line after the notice
    title: str = ""
    date: dt.date | None = None
    issuer: str | None = None
    doc_number: str | None = None


def read_front(lines: list[str], limit: int, raw: list[str] | None = None) -> Front:
    """Meta and the body's start from the first `limit` lines (those before the first heading).

    `raw` are the same lines before whitespace was collapsed: a web header pasted without colons
    ("发布机构 某局 文    号 某发〔2023〕1号") is told apart from text only by its spacing."""
    front = Front()
    raw = raw if raw is not None and len(raw) == len(lines) else lines
    header_idx = [i for i in range(limit) if is_web_header(raw[i])]
    header = read_web_header([raw[i] for i in header_idx])
    front.skip.update(header_idx)
    letterhead_idx = [i for i in range(limit) if letterhead_issuer(lines[i]) and i not in front.skip]
    front.skip.update(letterhead_idx)
    rest = [i for i in range(limit) if i not in front.skip]
    notice = _find_notice(lines, rest) or _Notice(rest[0] if rest else 0)
    front.skip.update(i for i in rest if i < notice.plan_from)
    title_idx = _title_lines(lines, [i for i in rest if i >= notice.plan_from])
    front.skip.update(title_idx)
    own_title = _ATTACHMENT_PREFIX_RE.sub("", collapse("".join(lines[i] for i in title_idx)))
    own_title, front.part = split_title_part(own_title)
    if not own_title:
        own_title = _title_under_attachment_mark(lines, limit) or _title_in_notice_text(lines, rest)
    after_title = (title_idx[-1] + 1) if title_idx else notice.plan_from
    front.body_start, extra = _skip_own_header(lines, after_title, limit)
    front.skip.update(extra)
    meta = front.meta
    meta.title = own_title or _title_from_notice(notice.title) or header.get("标题") or None
    doc_no = (
        notice.doc_number or header.get("发文字号") or header.get("文号") or _doc_number_near(lines, extra)
    )
    meta.doc_number = doc_no or None
    issuer = _fuller_name(
        header.get("发布机构") or header.get("发文机关") or header.get("发布单位"), notice.issuer
    )
    source = header.get("来源") or header.get("信息来源") or ""
    meta.issuer = (
        issuer
        or _letterhead_in(lines, limit)
        or _issuer_from(notice.title)
        or (source if looks_like_issuer(source) else None)
        or _issuer_reported(lines, rest)
    )
    date = parse_date(header.get("成文日期", "")) or notice.date
    # a page's own date: close to, never before, the issue
    for label in ("发文日期", "发文时间", "发布日期", "发布时间"):
        date = date or parse_date(header.get(label, ""))
    meta.issued_on = date.isoformat() if date else None
    return front


def letterhead_issuer(line: str) -> str | None:
    """The body a letterhead line names: "某某市人民政府办公室文件" → 某某市人民政府办公室."""
    m = _LETTERHEAD_LINE_RE.match(collapse(line))
    if not m or _NOT_A_LETTERHEAD_RE.search(m.group("name")):
        return None  # 关于转发省政府文件的通知 / 贯彻落实省政府文件: a line about a document
    return m.group("name") if _names_a_body(m.group("name")) else None


def _names_a_body(name: str) -> bool:
    """looks_like_issuer, also for a name printed in traditional script (某某省人民政府辦公廳)."""
    return looks_like_issuer(_fold_header(fold_traditional(name)))


# Agency codes of provinces and municipalities use their abbreviation, not the first character of the name.
_PROVINCE_CODES = {
    "京": "北京", "沪": "上海", "渝": "重庆", "冀": "河北", "晋": "山西", "苏": "江苏", "浙": "浙江",
    "皖": "安徽", "闽": "福建", "赣": "江西", "鲁": "山东", "豫": "河南", "鄂": "湖北", "湘": "湖南",
    "粤": "广东", "桂": "广西", "琼": "海南", "川": "四川", "藏": "西藏", "陕": "陕西", "蒙": "内蒙古",
}  # fmt: skip


def run_in_letterhead(text: str) -> str | None:
    """A letterhead run into text before its number. Where the name starts is unknown; the number's
    agency code begins with the place's first character (许政 ← 许昌市人民政府, 国办函 ← 国务院办公厅)
    or with a province's abbreviation (京政发 ← 北京市人民政府)."""
    printed = collapse(text)
    for m in _LETTERHEAD_RUN_IN_RE.finditer(_fold_header(printed)):  # 號 → 号, one for one
        stretch, initial = printed[m.start("stretch") : m.end("stretch")], printed[m.start("code")]
        at = stretch.rfind(_PROVINCE_CODES.get(initial, initial))
        name = stretch[at:] if at >= 0 else ""
        if name and _names_a_body(name) and not _CITING_RE.search(stretch[max(0, at - 2) : at]):
            return name
    return None


def _letterhead_in(lines: list[str], limit: int) -> str | None:
    for i in range(min(limit, len(lines))):
        name = letterhead_issuer(lines[i]) or run_in_letterhead(lines[i])
        if name:
            return name
    return None


def split_title_part(title: str) -> tuple[str, str | None]:
    """ "某某方案（一）" → ("某某方案", "一"): the numeral of a part printed after the title is not the title."""
    m = _TITLE_PART_RE.search(title)
    if not m or not _TITLE_END_RE.search(title[: m.start()]):
        return title, None
    return title[: m.start()], m.group("part")


def _fuller_name(header_name: str | None, signed: str | None) -> str | None:
    """The web page's 发布机构 unless the signature prints the same body in full (区政府办 → 某某区政府办)."""
    if header_name and signed and signed != header_name and signed.endswith(header_name):
        return signed
    return header_name or signed


def _title_under_attachment_mark(lines: list[str], limit: int) -> str:
    """The plan printed as 附件1 of its notice: its title is the line after the bare "附件1"."""
    if limit >= len(lines) or not _ATTACHMENT_MARK_RE.match(collapse(lines[limit])):
        return ""
    following = [collapse(t) for t in lines[limit + 1 : limit + 4] if t.strip()]
    return following[0] if following and _title_like(following[0]) else ""


def _title_in_notice_text(lines: list[str], rest: list[int]) -> str:
    """ "现将《X》印发给你们" names the plan when no title line does."""
    for i in rest[:12]:
        m = _NOTICE_NAMES_PLAN_RE.search(lines[i])
        if m:
            return m.group("title")
    return ""


def _find_notice(lines: list[str], rest: list[int]) -> _Notice | None:
    """The covering notice at the top: its title ends in 通知 within the first lines; it ends at its date."""
    head = rest[:5]
    end_of_title = next((k for k, i in enumerate(head) if collapse(lines[i]).endswith("通知")), None)
    if end_of_title is None:
        return _untitled_notice(lines, rest)
    title_part = [i for i in head[: end_of_title + 1] if not _is_number_or_date(lines[i])]
    after = rest[end_of_title + 1 :]
    near = [*head[:end_of_title], *after[:2]]
    notice = _Notice(
        plan_from=0,
        title=collapse("".join(lines[i] for i in title_part)),
        doc_number=next((_doc_number(lines[i]) for i in near if _doc_number(lines[i])), None),
    )
    for k, i in enumerate(after):
        if is_date_line(lines[i]) or signed_line(lines[i]):
            notice.date = parse_date(lines[i])
            notice.issuer = signed_line(lines[i])
            if notice.issuer is None and k and looks_like_issuer(lines[after[k - 1]]):
                notice.issuer = collapse(lines[after[k - 1]])
            k += 1
            while k < len(after) and _notice_tail(lines[after[k]]):
                k += 1
            notice.plan_from = after[k] if k < len(after) else after[-1] + 1
            return notice
    ends = [k for k, i in enumerate(after) if _NOTICE_END_RE.search(lines[i])]
    if not ends:
        return None
    k = ends[-1] + 1
    if k < len(after) and looks_like_issuer(lines[after[k]]):
        notice.issuer = collapse(lines[after[k]])
        k += 1
    title_at = _plan_title_after(lines, after[k] - 1) if k < len(after) else None
    if title_at is not None and title_at in after:
        k = after.index(title_at)  # the notice's own numbered paragraphs come before the plan's title
    notice.plan_from = after[k] if k < len(after) else after[-1] + 1
    return notice


def _untitled_notice(lines: list[str], rest: list[int]) -> _Notice | None:
    """A notice printed without its title line (salutation, "现将…印发给你们", signature): it ends at
    its signature when the words that send the plan come before it."""
    for k, i in enumerate(rest):
        if not (is_date_line(lines[i]) or signed_line(lines[i])):
            continue
        if not any(_NOTICE_END_RE.search(lines[j]) for j in rest[:k]):
            return None
        notice = _Notice(plan_from=0, date=parse_date(lines[i]), issuer=signed_line(lines[i]))
        if notice.issuer is None and k and looks_like_issuer(lines[rest[k - 1]]):
            notice.issuer = collapse(lines[rest[k - 1]])
        k += 1
        while k < len(rest) and _notice_tail(lines[rest[k]]):
            k += 1
        notice.plan_from = rest[k] if k < len(rest) else rest[-1] + 1
        return notice
    return _unsigned_notice(lines, rest)


def _unsigned_notice(lines: list[str], rest: list[int]) -> _Notice | None:
    """Salutation, "现将…印发给你们", a few numbered requests, then the plan's own title."""
    ends = [k for k, i in enumerate(rest) if _NOTICE_END_RE.search(lines[i])]
    if not ends:
        return None
    title_at = _plan_title_after(lines, rest[ends[0]])
    if title_at is None or title_at not in rest:
        return None
    return _Notice(plan_from=title_at)


def _doc_number_line(text: str) -> re.Match[str] | None:
    """A line that is only a document number, possibly in brackets: 某政办〔2024〕3号 / （某政办〔2024〕3号）."""
    return DOC_NUMBER_RE.fullmatch(text) or DOC_NUMBER_RE.fullmatch(_BRACKET_WRAP_RE.sub("", text))


def _is_number_or_date(line: str) -> bool:
    text = collapse(line)
    return bool(_doc_number_line(text)) or is_date_line(text)


def _doc_number(line: str) -> str | None:
    m = _doc_number_line(collapse(line))
    return m.group(0) if m else None


def _notice_tail(line: str) -> bool:
    """Lines between a notice's date and the plan: （此件公开发布）, a bare 附件 / 附件1 marker."""
    text = collapse(line)
    return bool(PUBLIC_NOTE_RE.match(text) or _ATTACHMENT_MARK_RE.match(text))


def _title_lines(lines: list[str], candidates: list[int]) -> list[int]:
    """Up to three short consecutive lines with no sentence punctuation: the plan's own title (and a
    "（2021—2023年）" line under it)."""
    out: list[int] = []
    ended = False
    for i in candidates[:4]:
        text = collapse(lines[i])
        if not _title_like(text) or (out and i != out[-1] + 1 and not _only_blank_between(lines, out[-1], i)):
            break
        if ended and not _BRACKETED_LINE_RE.match(text) and not _JOINED_ON_RE.match(text):
            break
        out.append(i)
        if ended or len(out) == 3:
            break
        ended = bool(_TITLE_END_RE.search(text))
    return out


def _title_like(text: str) -> bool:
    return not (
        not text
        or len(text) > 60
        or re.search(r"[。；;！？]", text)
        or _SALUTATION_RE.search(text)
        or is_date_line(text)
        or _doc_number_line(text)
        or PUBLIC_NOTE_RE.match(text)
        or _SITE_LABEL_RE.match(text)
    )


def _only_blank_between(lines: list[str], a: int, b: int) -> bool:
    return all(not lines[k].strip() for k in range(a + 1, b))


def _issuer_from(notice_title: str) -> str | None:
    """ "某某市人民政府办公厅关于印发…的通知" names its issuer before 关于."""
    head = (notice_title or "").split("关于")[0]
    return head if head and looks_like_issuer(head) else None


def _issuer_reported(lines: list[str], rest: list[int]) -> str | None:
    """A news report in front of the plan: "近日，某省人民政府印发关于…的通知" names who issued it."""
    for i in rest[:6]:
        for clause in _CLAUSE_SPLIT_RE.split(lines[i]):
            m = _REPORTED_ISSUE_RE.match(clause.strip())
            if m and looks_like_issuer(m.group("who")):
                return m.group("who")
    return None


def _title_from_notice(notice_title: str) -> str:
    """关于印发《X》的通知 → X; 关于印发X的通知 → X."""
    m = _IN_NOTICE_PLAN_RE.search(notice_title or "")
    if not m:
        return ""
    title = m.group("title").strip()
    if title.startswith("《") and title.endswith("》"):
        title = title[1:-1]
    return title


def _skip_own_header(lines: list[str], start: int, limit: int) -> tuple[int, set[int]]:
    """Skip the plan's own doc number, salutation and date lines that follow its title."""
    skipped: set[int] = set()
    i = start
    while i < limit:
        text = collapse(lines[i])
        if (
            _doc_number_line(text)
            or is_date_line(text)
            or PUBLIC_NOTE_RE.match(text)
            or (_SALUTATION_RE.search(text) and len(text) < 120 and "。" not in text)
        ):
            skipped.add(i)
            i += 1
            continue
        break
    return i, skipped


def _doc_number_near(lines: list[str], indices: set[int]) -> str | None:
    for i in sorted(indices):
        m = _doc_number_line(collapse(lines[i]))
        if m:
            return m.group(0)
    return None


def notice_signed_after(lines: list[str], first_heading: int) -> int | None:
    """The date line that signs a covering notice whose own numbered paragraphs start at `first_heading`
    (the notice says 印发给你们 / 通知如下 before them, and its signature comes before the plan); else None."""
    before = [collapse(t) for t in lines[:first_heading] if t.strip()]
    if not any(_NOTICE_END_RE.search(t) or t.endswith("通知") or "通知如下" in t for t in before[:12]):
        return None
    signatures = find_signatures(lines, first_heading)
    title_at = _plan_title_after(lines, first_heading)
    if signatures and (title_at is None or signatures[0][0] < title_at):
        end = signatures[0][0]
    elif title_at is not None:
        end = title_at - 1  # an unsigned notice ends at the plan's title
    else:
        return None
    stretch = [t for t in lines[first_heading:end] if t.strip()]
    if not stretch or len(stretch) > _NOTICE_PARAGRAPHS or end + 1 >= len(lines):
        return None  # a notice numbers a few paragraphs; a longer stretch is the plan itself
    return end


def _plan_title_after(lines: list[str], start: int) -> int | None:
    """A plan's title line (…方案 with no punctuation) with a first heading (一、) right after it."""
    for i in range(start + 1, len(lines) - 1):
        text = collapse(lines[i])
        if not (_title_like(text) and _TITLE_END_RE.search(text)):
            continue
        following = next((collapse(t) for t in lines[i + 1 :] if t.strip()), "")
        if _FIRST_HEADING_RE.match(following):
            return i
    return None


def find_signatures(lines: list[str], start: int) -> list[tuple[int, list[int], str | None]]:
    """(date line, issuer lines, issuer) after `start`: a date under one or two issuing bodies' names (a
    joint issue is joined with 、), or issuer and date on one line."""
    out: list[tuple[int, list[int], str | None]] = []
    for i in range(start, len(lines)):
        if signed_line(lines[i]):
            out.append((i, [], signed_line(lines[i])))
        elif is_date_line(lines[i]):
            above = [j for j in range(start, i) if lines[j].strip()][-2:]
            names: list[int] = []
            for j in reversed(above):
                if not looks_like_issuer(lines[j]):
                    break
                names.insert(0, j)
            out.append((i, names, "、".join(lines[j] for j in names) or None))
    return out


def period_end(title: str, preamble: str, issued_on: dt.date | None) -> str | None:
    """The last day of the period the plan says it covers; None when it does not say."""
    span = _YEAR_SPAN_RE.search(title or "")
    if span:
        return f"{span.group('b')}-12-31"
    years = _YEARS_FROM_RE.search(preamble)
    if years:
        n = cn_number(years.group("n")) or 0
        return f"{int(years.group('y')) + n - 1}-12-31"
    if issued_on:
        for sentence in re.split(r"[。！？]", f"{title}。{preamble}"):
            q = _QUARTER_RE.search(sentence)
            if q and re.search(r"开展|行动|攻坚|冲刺", sentence[q.end() :]):
                quarter = cn_number(q.group("q")) or 4
                end = dt.date(issued_on.year, 3 * quarter, 1) + dt.timedelta(days=31)
                return (end.replace(day=1) - dt.timedelta(days=1)).isoformat()
    return None
