"""Web pages of plans (saved .html/.htm), with the site's navigation and furniture left out.

The page is decoded (UTF-8, else the charset its <meta> names, else the text decoder's rules), parsed
with lxml, stripped of script/style/nav/header/footer/aside and of elements whose id or class names
them as menus, footers, breadcrumbs or share bars. The content is the deepest element that still
holds most of the page's Chinese text; its block elements become paragraphs and its data tables
Table blocks.
"""

from __future__ import annotations

import re
import warnings
from typing import Any

from ..blocks import Block, Document, Paragraph
from ..errors import ExtractError
from ..model import Source
from .celltables import group_cell_tables
from .grid import Cell, grid_blocks
from .text import clean_line, clean_text, decode_text

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_DROP_TAGS = [
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "iframe",
    "button",
    "select",
    "template",
    "svg",
    "object",
    "embed",
    "head",
]
_FURNITURE = re.compile(
    r"(?:^|[\s_\-])(?:nav|navbar|menu|footer|foot|breadcrumb|crumbs?|share|bdshare|sidebar|topbar|"
    r"navigation|subnav|position|location|copyright|related|comment|toolbar|fontsize)(?:$|[\s_\-])",
    re.I,
)
_BLOCK_TAGS = {
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "section",
    "article",
    "main",
    "blockquote",
    "pre",
    "dd",
    "dt",
    "dl",
    "center",
    "tr",
    "td",
    "th",
    "table",
    "tbody",
    "thead",
    "figure",
    "figcaption",
    "address",
    "hr",
    "body",
    "html",
    "font-block",
}
_CONTAINERS = [
    "div",
    "section",
    "article",
    "main",
    "td",
    "th",
    "tr",
    "tbody",
    "thead",
    "table",
    "center",
    "font",
    "span",
    "form",
    "dl",
    "dd",
    "blockquote",
    "body",
]
_LINE_TAGS = ["p", "div", "br", "table", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section"]
_CJK = re.compile(r"[\u4e00-\u9fff]")


def read_html(data: bytes, source: Source) -> Document:
    """Read a saved web page into Paragraph and Table blocks."""
    from bs4 import BeautifulSoup

    text, encoding = decode_html(data)
    source.format = "html"
    source.encoding = encoding
    with warnings.catch_warnings():  # an XHTML page with <?xml …?> is still read as HTML, on purpose
        warnings.simplefilter("ignore")
        soup = BeautifulSoup(text, "lxml")
    _drop_furniture(soup)
    root = soup.body or soup
    main = main_content(root)
    blocks: list[Block] = []
    title = _title_outside(root, main)
    if title:
        blocks.append(Paragraph(title, 0))
    _Walker(blocks).walk(main)
    if not blocks:
        raise ExtractError("网页中没有找到正文文字。", "empty")
    blocks = group_cell_tables(blocks)
    for index, block in enumerate(blocks):
        block.line = index
    return Document(source=source, blocks=blocks)


def decode_html(data: bytes) -> tuple[str, str]:
    """UTF-8 when the bytes are UTF-8; else the page's declared charset; else the text decoder's guess."""
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    match = _META_CHARSET.search(data[:8192])
    if match:
        declared = match.group(1).decode("ascii").lower()
        codec = "gb18030" if declared in ("gb2312", "gbk", "gb18030", "x-gbk", "cp936") else declared
        try:
            return data.decode(codec), declared
        except (UnicodeDecodeError, LookupError):
            pass
    return decode_text(data)


def _drop_furniture(soup: Any) -> None:
    """Remove scripts, styles, navigation and the site's header/footer, but never most of the text.

    A class name can mislead ("content-share-wrap" around the article), so an element holding half of
    the page's Chinese text stays whatever it is called; a <header> inside an <article> is its title.
    """
    for tag in soup.find_all(_DROP_TAGS):
        if tag.name != "header" or tag.find_parent(["article", "main"]) is None:
            tag.decompose()
    total = _cjk_count(soup)
    for tag in soup.find_all(_is_furniture):
        if not tag.decomposed and _cjk_count(tag) < total * 0.5:
            tag.decompose()


def _is_furniture(tag: Any) -> bool:
    if tag.name in ("body", "html") or tag.attrs is None:
        return False
    names = " ".join([tag.get("id") or ""] + list(tag.get("class") or []))
    return bool(names) and bool(_FURNITURE.search(names))


def _cjk_count(tag: Any) -> int:
    """Chinese characters of an element outside links (menus and lists of related articles are links)."""
    linked = sum(len(_CJK.findall(link.get_text())) for link in tag.find_all("a"))
    return len(_CJK.findall(tag.get_text())) - linked


def main_content(root: Any) -> Any:
    """The deepest element that still holds at least 70% of the page's Chinese text outside links."""
    total = _cjk_count(root)
    node = root
    while total and not (node.name == "table" and _is_data_table(node)):
        # Only containers that still hold several lines: never narrow the content to one paragraph.
        children = [
            child
            for child in node.find_all(_CONTAINERS, recursive=False)
            if child.find(_LINE_TAGS) is not None
        ]
        best = max(children, key=_cjk_count, default=None)
        if best is None or _cjk_count(best) < total * 0.7:
            break
        node = best
    return node


def _title_outside(root: Any, main: Any) -> str | None:
    """A page's <h1> title printed above the content element (gov.cn article pages do this)."""
    if main is root:
        return None
    heading = root.find("h1")
    if heading is None or main in heading.parents or heading in main.descendants:
        return None
    text = clean_line(clean_text(heading.get_text()))
    return text or None


class _Walker:
    """Walks the content element, cutting text at block elements and <br>, collecting tables."""

    def __init__(self, blocks: list[Block]) -> None:
        self.blocks = blocks
        self.line: list[str] = []

    def walk(self, node: Any) -> None:
        if node.name == "table" and _is_data_table(node):
            self.blocks.extend(table_blocks(node))
            return
        self._visit(node)
        self._flush()

    def _visit(self, node: Any) -> None:
        for child in node.children:
            name = getattr(child, "name", None)
            if name is None:
                if type(child).__name__ in ("Comment", "Doctype", "Declaration", "ProcessingInstruction"):
                    continue
                in_pre = child.find_parent("pre") is not None
                self.line.append(str(child) if in_pre else source_whitespace(str(child)))
            elif name == "br":
                self._flush()
            elif name == "table" and _is_data_table(child):
                self._flush()
                self.blocks.extend(table_blocks(child))
            elif name in _BLOCK_TAGS:
                self._flush()
                self._visit(child)
                self._flush()
            else:
                self._visit(child)

    def _flush(self) -> None:
        if not self.line:
            return
        text = clean_text("".join(self.line))
        self.line = []
        for part in text.split("\n"):
            part = clean_line(part)
            if part:
                self.blocks.append(Paragraph(part, 0))


_SOURCE_BREAK = re.compile(r"[ \t]*[\r\n][\s]*")


def source_whitespace(text: str) -> str:
    """Line breaks in the HTML source are not line breaks on the page: between Chinese characters
    they vanish (the page wraps there), elsewhere they are one space."""
    return _SOURCE_BREAK.sub(lambda m: _break_between(text, m.start(), m.end()), text)


def _break_between(text: str, start: int, end: int) -> str:
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    return "" if (not before or not before.isascii()) and (not after or not after.isascii()) else " "


def _is_data_table(table: Any) -> bool:
    if table.find("table") is not None:
        return False  # a table of tables is page layout
    rows = table.find_all("tr")
    return len(rows) >= 2 and max(len(row.find_all(["td", "th"], recursive=False)) for row in rows) >= 2


def table_blocks(table: Any) -> list[Block]:
    """A data table's blocks (see grid.py for captions, two-row headers and merged cells)."""
    return grid_blocks(_grid(table))


def _grid(table: Any) -> list[list[Cell]]:
    """Rows of (lines, spanned from above); colspans leave ([], False) in the columns they cover."""
    taken: dict[tuple[int, int], list[str]] = {}
    grid: list[list[Cell]] = []
    for r, tr in enumerate(table.find_all("tr")):
        row: list[Cell] = []
        column = 0
        for td in tr.find_all(["td", "th"], recursive=False):
            while (r, column) in taken:
                row.append((taken[(r, column)], True))
                column += 1
            lines = [
                line for line in (clean_line(x) for x in clean_text(td.get_text("\n")).split("\n")) if line
            ]
            span = _int(td.get("colspan"))
            row.append((lines, False))
            row.extend([([], False)] * (span - 1))
            for below in range(1, _int(td.get("rowspan"))):
                for c in range(column, column + span):
                    taken[(r + below, c)] = lines if c == column else []
            column += span
        while (r, column) in taken:
            row.append((taken[(r, column)], True))
            column += 1
        grid.append(row)
    return grid


def _int(value: Any) -> int:
    try:
        return max(1, min(int(str(value).strip()), 100))
    except (TypeError, ValueError):
        return 1
