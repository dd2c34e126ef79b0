"""Word (.docx) plans: paragraphs and tables in document order, with Word's list numbering restored.

Word keeps automatic numbering ("一、", "（一）", "1.") out of the paragraph text; it lives in the
numbering definitions. The parser finds headings by those numerals, so they are rebuilt here from
numPr (numId, ilvl) → abstractNum level (start, numFmt, lvlText), with a counter per list and level.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from io import BytesIO
from typing import Any

from ..blocks import Block, Document, Paragraph
from ..errors import ExtractError
from ..model import Source
from .celltables import group_cell_tables
from .grid import Cell, grid_blocks
from .text import clean_line, clean_text

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_SKIPPED = {
    _W + "del",
    _W + "instrText",
    _W + "pPr",
    _W + "rPr",
    "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback",
}
_CN_DIGITS = "零一二三四五六七八九"
_CN_LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
_EARTHLY_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def read_docx(data: bytes, source: Source) -> Document:
    """Read a .docx into Paragraph and Table blocks."""
    import docx

    try:
        document = docx.Document(BytesIO(data))
    except Exception:  # python-docx raises many kinds (KeyError, XML errors) for a damaged file
        raise ExtractError(
            "Word 文件已损坏，无法打开；请在 Word 或 WPS 中重新保存后再上传。", "binary"
        ) from None
    source.format = "docx"
    source.encoding = None
    numbering = ListNumbering(_numbering_element(document))
    blocks: list[Block] = []
    for item in _body_items(document):
        if hasattr(item, "rows"):
            blocks.extend(_table_blocks(item, len(blocks)))
        else:
            prefix = numbering.label(item)
            own = paragraph_text(item._p)
            if prefix and own.lstrip().startswith(prefix.strip()):
                prefix = ""  # the number is typed as well (a list converted from text)
            text = clean_text(prefix + own)
            blocks.extend(Paragraph(line, len(blocks)) for line in _paragraph_lines(text))
    if not blocks:
        raise ExtractError("Word 文件中没有文字内容。", "empty")
    return Document(source=source, blocks=_renumber(_tabs_to_spaces(group_cell_tables(blocks))))


def _body_items(document: Any) -> list[Any]:
    """Paragraphs and tables of the body in order, also those inside content controls (w:sdt).

    python-docx's iter_inner_content() skips content controls, where official-document templates
    often keep the title, the document number and the issuing body.
    """
    from docx.table import Table as WordTable
    from docx.text.paragraph import Paragraph as WordParagraph

    body = document.element.body
    items: list[Any] = []
    stack = list(reversed(body))
    while stack:
        node = stack.pop()
        if node.tag == _W + "p":
            items.append(WordParagraph(node, document._body))
        elif node.tag == _W + "tbl":
            items.append(WordTable(node, document._body))
        elif node.tag in (_W + "sdt", _W + "sdtContent", _W + "customXml"):
            stack.extend(reversed(node))
    return items


def _renumber(blocks: list[Block]) -> list[Block]:
    for index, block in enumerate(blocks):
        block.line = index
    return blocks


def _lines(text: str) -> list[str]:
    return [line for line in (clean_line(part) for part in text.split("\n")) if line]


def _paragraph_lines(text: str) -> list[str]:
    """Cleaned lines of a paragraph; tabs are kept until tables typed with tab stops have been found."""
    return [line for line in (_clean_keeping_tabs(part) for part in text.split("\n")) if line]


def _clean_keeping_tabs(line: str) -> str:
    if "\t" not in line:
        return clean_line(line)
    return "\t".join(clean_line(cell) for cell in line.split("\t")).strip("\t")


def _tabs_to_spaces(blocks: list[Block]) -> list[Block]:
    for block in blocks:
        if isinstance(block, Paragraph) and "\t" in block.text:
            block.text = clean_line(block.text)
    return blocks


def _numbering_element(document: Any) -> Any:
    try:
        return document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return None


# --- tables -------------------------------------------------------------------------------------


def _table_blocks(table: Any, line: int) -> list[Block]:
    blocks = grid_blocks(_grid(table))
    for offset, block in enumerate(blocks):
        block.line = line + offset
    return blocks


def _grid(table: Any) -> list[list[Cell]]:
    """One entry per grid column: python-docx repeats a merged cell in every column and row it covers."""
    out: list[list[Cell]] = []
    above: list[Any] = []
    for row in table.rows:
        cells = row.cells
        entries: list[Cell] = []
        for j, cell in enumerate(cells):
            if j and cell._tc is cells[j - 1]._tc:
                entries.append(([], False))
                continue
            below = j < len(above) and above[j] is cell._tc
            entries.append((_lines(clean_text(_cell_text(cell._tc))), below))
        above = [cell._tc for cell in cells]
        out.append(entries)
    return out


def paragraph_text(p: Any) -> str:
    """A paragraph's text as Word shows it: runs, hyperlinks and tracked insertions (not deletions).

    python-docx's Paragraph.text skips runs inside <w:ins> and <w:smartTag>, so a document with
    tracked changes would lose words. A drawing's fallback copy (mc:Fallback) is skipped, or the
    text of a text box would appear twice.
    """
    out: list[str] = []
    stack = [p]
    while stack:
        node = stack.pop()
        tag = node.tag
        if tag == _W + "t":
            out.append(node.text or "")
        elif tag == _W + "tab":
            out.append("\t")
        elif tag in (_W + "br", _W + "cr"):
            out.append("\n")
        elif tag == _W + "noBreakHyphen":
            out.append("-")
        elif tag not in _SKIPPED and isinstance(tag, str):
            stack.extend(reversed(node))
    return "".join(out)


def _cell_text(tc: Any) -> str:
    """A table cell's paragraphs, one a line."""
    return "\n".join(paragraph_text(p) for p in tc.iter(_W + "p"))


# --- list numbering -------------------------------------------------------------------------------


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."


@dataclass
class ListNumbering:
    """Rebuilds the visible label ("一、", "（二）", "3.") of numbered paragraphs, in document order."""

    element: Any
    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # numId → ilvl → level
    style_levels: dict[str, dict[str, int]] = field(default_factory=dict)  # numId → styleId → ilvl
    # Word counts per abstract list: numIds sharing one continue each other unless one restarts.
    list_of: dict[str, str] = field(default_factory=dict)  # numId → abstractNumId
    restarts: dict[str, set[int]] = field(default_factory=dict)  # numId → levels with startOverride
    counters: dict[str, dict[int, int]] = field(default_factory=dict)  # abstractNumId → ilvl → count
    started: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        if self.element is None:
            return
        abstract: dict[str, dict[int, _Level]] = {}
        styles: dict[str, dict[str, int]] = {}
        for node in self.element.iter(_W + "abstractNum"):
            abstract[node.get(_W + "abstractNumId")] = _read_levels(node)
            styles[node.get(_W + "abstractNumId")] = _style_levels(node)
        for num in self.element.iter(_W + "num"):
            abstract_id = _child_val(num, "abstractNumId") or ""
            num_id = num.get(_W + "numId")
            self.style_levels[num_id] = styles.get(abstract_id, {})
            self.list_of[num_id] = abstract_id
            self.restarts[num_id] = set()
            levels = dict(abstract.get(abstract_id, {}))
            for override in num.iter(_W + "lvlOverride"):
                ilvl = int(override.get(_W + "ilvl") or 0)
                start = _child_val(override, "startOverride")
                if start is not None and start.isdigit() and ilvl in levels:
                    base = levels[ilvl]
                    levels[ilvl] = _Level(int(start), base.fmt, base.text)
                    self.restarts[num_id].add(ilvl)
            self.levels[num_id] = levels

    def label(self, paragraph: Any) -> str:
        """The label Word would print before `paragraph`, advancing the counters; "" if none."""
        num_id, ilvl, style_id = _num_pr(paragraph)
        if num_id is None or num_id == "0" or num_id not in self.levels:
            return ""
        if ilvl is None:  # a heading style linked to a list: its level is the one naming the style
            ilvl = self.style_levels[num_id].get(style_id or "", 0)
        levels = self.levels[num_id]
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(self.list_of[num_id], {})
        if num_id not in self.started:  # a numId with startOverride restarts the shared list
            self.started.add(num_id)
            for level in self.restarts[num_id]:
                counters.pop(level, None)
        counters[ilvl] = counters.get(ilvl, levels[ilvl].start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        level = levels[ilvl]
        if level.fmt in ("bullet", "none"):
            return ""
        label = level.text
        for k in range(9):
            if f"%{k + 1}" in label:
                value = counters.get(k, levels[k].start if k in levels else 1)
                fmt = levels[k].fmt if k in levels else "decimal"
                label = label.replace(f"%{k + 1}", format_number(value, fmt))
        return label


def _read_levels(node: Any) -> dict[int, _Level]:
    levels: dict[int, _Level] = {}
    for lvl in node.iter(_W + "lvl"):
        ilvl = int(lvl.get(_W + "ilvl") or 0)
        start = _child_val(lvl, "start")
        levels[ilvl] = _Level(
            int(start) if start and start.isdigit() else 1,
            _child_val(lvl, "numFmt") or "decimal",
            _child_val(lvl, "lvlText") or "",
        )
    return levels


def _style_levels(node: Any) -> dict[str, int]:
    out = {}
    for lvl in node.iter(_W + "lvl"):
        style = _child_val(lvl, "pStyle")
        if style:
            out[style] = int(lvl.get(_W + "ilvl") or 0)
    return out


def _child_val(node: Any, tag: str) -> str | None:
    child = node.find(_W + tag)
    return None if child is None else child.get(_W + "val")


def _num_pr(paragraph: Any) -> tuple[str | None, int | None, str | None]:
    """numId, ilvl (None when not given) and the style id of a paragraph's list membership.

    From the paragraph's own properties, else from its style chain (heading styles linked to a
    multilevel list often give only the numId).
    """
    ppr = paragraph._p.pPr
    num_pr = ppr.numPr if ppr is not None else None
    if num_pr is not None and num_pr.numId is not None:
        ilvl = num_pr.ilvl.val if num_pr.ilvl is not None else 0
        return str(num_pr.numId.val), int(ilvl), None
    style = paragraph.style
    for _ in range(10):
        if style is None:
            break
        spr = style.element.pPr
        if spr is not None and spr.numPr is not None and spr.numPr.numId is not None:
            ilvl = int(spr.numPr.ilvl.val) if spr.numPr.ilvl is not None else None
            return str(spr.numPr.numId.val), ilvl, paragraph.style.style_id
        style = style.base_style
    return None, None, None


def format_number(value: int, fmt: str) -> str:
    """Write `value` in a Word numFmt (decimal, chineseCounting, decimalEnclosedCircle, upperLetter …)."""
    if fmt.startswith(("chineseCounting", "ideographDigital", "japaneseCounting", "taiwaneseCounting")):
        return chinese_numeral(value)
    if fmt == "chineseLegalSimplified":
        return chinese_numeral(value).translate(str.maketrans(_CN_DIGITS + "十百", _CN_LEGAL_DIGITS + "拾佰"))
    if fmt == "ideographTraditional":
        return _HEAVENLY_STEMS[(value - 1) % 10]
    if fmt == "ideographZodiac":
        return _EARTHLY_BRANCHES[(value - 1) % 12]
    if fmt.startswith("decimalEnclosedCircle") and 1 <= value <= len(_CIRCLED):
        return _CIRCLED[value - 1]
    if fmt == "decimalFullWidth":
        return str(value).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt in ("upperLetter", "lowerLetter"):
        letter = chr(ord("A") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt in ("upperRoman", "lowerRoman"):
        roman = _roman(value)
        return roman if fmt == "upperRoman" else roman.lower()
    return str(value)


def chinese_numeral(value: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (the way plans number their parts)."""
    if value <= 0:
        return str(value)
    if value < 10:
        return _CN_DIGITS[value]
    if value < 20:
        return "十" + (_CN_DIGITS[value % 10] if value % 10 else "")
    if value < 100:
        return _CN_DIGITS[value // 10] + "十" + (_CN_DIGITS[value % 10] if value % 10 else "")
    if value < 1000:
        rest = value % 100
        tail = (
            ""
            if rest == 0
            else (
                "零" + _CN_DIGITS[rest]
                if rest < 10
                else (_CN_DIGITS[1] if rest < 20 else "") + chinese_numeral(rest)
            )
        )
        return _CN_DIGITS[value // 100] + "百" + tail
    return str(value)


def _roman(value: int) -> str:
    out = ""
    for number, letters in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while value >= number:
            out += letters
            value -= number
    return out
