"""Numbered headings: recognise a line's numbering style, its numeral and its (run-in) title.

Levels are not fixed by style: the parser nests a style under whatever is open when the style first
appears (as a word processor does). Here we only say what a line's numbering is and whether it
continues the sequence of its style, so sentences that merely start with a number stay text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .textutil import cn_number, find_top_level

CN = "[一二三四五六七八九十百零〇两]+"

# (style, regex); the regex's group "num" is the numeral, the match's end is where the title starts.
_STYLES: list[tuple[str, re.Pattern[str]]] = [
    ("bufen", re.compile(rf"^第(?P<num>{CN}|\d{{1,3}})(?:部分|篇)\s*[、，,：:]?\s*")),
    ("zhang", re.compile(rf"^第(?P<num>{CN}|\d{{1,3}})章\s*")),
    ("jie", re.compile(rf"^第(?P<num>{CN}|\d{{1,3}})节\s*")),
    ("tiao", re.compile(rf"^第(?P<num>{CN}|\d{{1,3}})条\s*")),
    ("di", re.compile(rf"^第(?P<num>{CN})\s*[，,、：:．.]\s*")),
    ("cn_dun", re.compile(rf"^(?P<num>{CN})\s*[、．.﹒]\s*")),
    ("cn_paren", re.compile(rf"^[（(]\s*(?P<num>{CN})\s*[）)]\s*[、．.]?\s*")),
    ("ar_paren", re.compile(r"^[（(]\s*(?P<num>\d{1,2})\s*[）)]\s*[、．.]?\s*")),
    ("ar_half_paren", re.compile(r"^(?P<num>\d{1,2})\s*[）)]\s*")),
    (
        "ar_outline",
        re.compile(
            r"^(?P<num>\d{1,2}(?:[.．]\d{1,2}){1,3})(?![.．]?\d)[.．]?\s*(?=[\u4e00-\u9fff（(])(?![亿万元倍吨个千百余多])"
        ),
    ),
    # ﹒ (U+FE52, small full stop) is printed by some government sites for 1.
    ("ar_dot", re.compile(r"^(?P<num>\d{1,3})\s*[.．﹒](?![.．﹒])\s*")),
    ("ar_dun", re.compile(r"^(?P<num>\d{1,3})\s*、\s*")),
    ("circled", re.compile(r"^(?P<num>[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])\s*")),
    # "1 总体要求" (standards-style plans): a bare number before a short title, nothing else on the line
    (
        "ar_bare",
        re.compile(
            r"^(?P<num>\d{1,2})\s*(?=[\u4e00-\u9fff][^。，,；;：:！？!?\d%％、]{1,24}$)"
            r"(?![年月日号时个项家名人位次万亿千百元倍吨条种类批所座处户辆台套亩米岁周天])"
            r"(?!.*(?:局|委|办|厅|政府|中心|公司|街道|乡镇|办事处)$)"  # a table row "2 区财政局" pasted as text
        ),
    ),
]
_KEEP_WORDS = ("zhang", "jie", "tiao", "bufen")
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_HAS_CJK_RE = re.compile(r"[\u4e00-\u9fff]")
_DECIMAL_TAIL_RE = re.compile(r"^\d+(?:\s*(?:[%％‰万亿元倍吨]|个百分点|公里|平方|千米|千瓦|立方)|$)")
ATTACHMENT_RE = re.compile(
    r"^附\s*件\s*(?P<num>\d{1,2}|[一二三四五六七八九十]{1,3})?\s*(?P<sep>[：:．.、]?)\s*(?P<rest>.*)$"
)
_DOCUMENT_NAME_RE = re.compile(
    r"^[^。，,；;]{2,40}(?:表|清单|方案|目录|名单|名录|计划|细则|指引|办法|说明|汇总)$"
)
TITLE_ENDS = "。：:！？!?"


@dataclass
class Numbering:
    style: str
    number: str  # as printed, without punctuation ("一", "1", "第一", "第三条")
    value: int
    rest: str  # the text after the numbering
    decimal_like: bool = False  # "2.5亿元…", "4.42": a number, never a heading (11.121人才… is one)


def read_numbering(line: str) -> Numbering | None:
    """The numbering at the start of a line, if it has the shape of one."""
    for style, pattern in _STYLES:
        m = pattern.match(line)
        if not m:
            continue
        raw = m.group("num")
        if style == "ar_outline":  # 1.2 / 1.2.3: one style per depth, the value is the last part
            parts = re.split(r"[.．]", raw)
            style, raw = f"ar_outline{len(parts)}", raw.replace("．", ".")
            value = int(parts[-1])
        else:
            value = _CIRCLED.index(raw) + 1 if style == "circled" else cn_number(raw)
        rest = line[m.end() :].strip()
        if value is None or value == 0 or not _HAS_CJK_RE.search(rest):
            return None
        decimal_like = style in ("ar_dot", "ar_half_paren") and bool(_DECIMAL_TAIL_RE.match(rest))
        return Numbering(style, _printed_number(style, raw, m.group(0)), value, rest, decimal_like)
    return None


def _printed_number(style: str, raw: str, printed: str) -> str:
    if style == "di":
        return f"第{raw}"
    if style in _KEEP_WORDS:
        return re.sub(r"[\s、，,：:．.]", "", printed)  # 第三条, 第二章, 第一部分
    return raw


def split_title(rest: str) -> tuple[str, str]:
    """(title, body) of a heading's text: a run-in title ends at the first 。 or ： outside quotes."""
    i = find_top_level(rest, TITLE_ENDS)
    if i < 0 and len(rest) > 40:  # an unbalanced quote or bracket: take the first full stop anyway
        i = min((k for k in (rest.find(c) for c in TITLE_ENDS) if k >= 0), default=-1)
    if i < 0:
        return rest.strip(), ""
    return rest[:i].strip(), rest[i + 1 :].strip()


@dataclass
class Attachment:
    number: str  # "附件", "附件1"
    title: str  # may be "" when the title is on the next line
    is_list: bool  # "附件：1.xxx 2.xxx": a list of attachments, not an attachment


def read_attachment(line: str) -> Attachment | None:
    """'附件1', '附件：X分解表', '附件2 X表' or the list '附件：1.X'."""
    m = ATTACHMENT_RE.match(line)
    if not m:
        return None
    num, sep, rest = m.group("num") or "", m.group("sep"), m.group("rest").strip()
    if not num and not sep and rest and not _DOCUMENT_NAME_RE.search(rest):
        return None  # 附件 used as an ordinary word ("附件是本方案的组成部分。")
    if rest and re.match(r"^\d{1,2}\s*[.．、]", rest):
        return Attachment("附件", "", True)
    if len(rest) > 60 or "。" in rest:
        return None
    return Attachment(f"附件{num}", rest, False)
