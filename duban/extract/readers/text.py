"""Plain-text plans: decode in any Chinese encoding, clean up the characters, cut into line blocks.

Decoding never guesses silently: strict UTF-8 (with or without BOM), UTF-16 (BOM or the NUL-byte
pattern), strict GB18030, and only then charset-normalizer's best guess, which must itself decode
without damage. Text that none of them reads cleanly is refused rather than turned into mojibake.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from ..blocks import Block, Document, Paragraph
from ..errors import ExtractError
from ..model import Source

# Odd spaces (no-break, en/em and the other typographic spaces, ideographic space) become plain spaces.
_ODD_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\v\f]")
# Small form variants (﹒﹐﹑﹔﹕…) come from old typesetting and some web editors; numbering such as
# "1﹒" must read like "1." — they are folded to the characters they stand for.
_SMALL_FORMS = re.compile("[\ufe50-\ufe6b]")
_ZERO_WIDTH = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad]")
_LINE_BREAKS = re.compile("\r\n|[\r\u2028\u2029\x85]")
_SPACE_RUNS = re.compile(" {2,}")
# C0/C1 controls other than tab and line breaks: a sign of binary data or a wrong decoding.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")


def read_text(data: bytes, source: Source) -> Document:
    """Decode `data`, clean it, and return its blocks (paragraph lines and cell-per-line tables)."""
    text, encoding = decode_text(data)
    source.format = "txt"
    source.encoding = encoding
    blocks = text_blocks(clean_text(text))
    if not blocks:
        raise ExtractError("文件是空的，没有可读取的内容。", "empty")
    return Document(source=source, blocks=blocks)


def decode_text(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name) or raise ExtractError("encoding"/"binary")."""
    utf16 = _utf16_codec(data)
    if utf16:
        try:
            return data.decode(utf16), "utf-16"
        except UnicodeDecodeError:
            raise ExtractError("文件看起来是 UTF-16 编码，但内容已损坏，无法读取。", "encoding") from None
    if b"\x00" in data:
        raise ExtractError(
            "这不是文字文档（含有二进制数据），请上传 .docx、.pdf、.txt 或网页文件。", "binary"
        )
    damaged = _damaged_utf8(data)
    if damaged is not None:
        return damaged, "utf-8"
    for codec, label in (("utf-8-sig", "utf-8"), ("gbk", "gbk"), ("gb18030", "gb18030")):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _looks_clean(text) and (codec == "utf-8-sig" or _plausible_gb(data)):
            return text, label
        if codec == "utf-8-sig":
            raise ExtractError(
                "这不是文字文档（含有控制字符），请上传 .docx、.pdf、.txt 或网页文件。", "binary"
            )
    return _guess_encoding(data)


_GB_TOKENS = re.compile(rb"[\x81-\xfe][\x30-\xfe]|[\x00-\x80]")


def _plausible_gb(data: bytes) -> bool:
    """GBK text uses mostly the common characters (GB2312 level 1, lead bytes B0–D7).

    Big5 or other double-byte text also "decodes" as GB18030, into rare characters: this tells them apart.
    """
    wide = [token for token in _GB_TOKENS.findall(data[:6000]) if len(token) == 2]
    if len(wide) < 40:
        return True
    common = sum(1 for token in wide if 0xB0 <= token[0] <= 0xD7 or 0xA1 <= token[0] <= 0xA9)
    return common >= len(wide) * 0.6


def _damaged_utf8(data: bytes) -> str | None:
    """UTF-8 text with a few broken bytes (a cut-off last character, a bad copy) keeps its UTF-8 reading.

    Decoding it as GBK instead would "succeed" and turn every character into mojibake. A handful of
    broken bytes become U+FFFD, which a reviewer can see; many broken bytes are refused.
    """
    try:
        data.decode("utf-8")
        return None
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8-sig", errors="replace")
    broken = text.count("\ufffd")
    wide = len(text) - len(text.encode("ascii", "ignore")) - broken
    if wide < 20 or broken > wide * 0.02:
        return None
    if broken <= 3 and broken <= wide * 0.001:
        return text
    raise ExtractError(
        "文件是 UTF-8 编码但有多处损坏的字节，请重新保存或重新下载原文件后再上传。", "encoding"
    )


def _utf16_codec(data: bytes) -> str | None:
    """utf-16 for a BOM; for NUL bytes without BOM, the byte order whose reading is plain text."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if b"\x00" not in data[:4000] or len(data) % 2:
        return None
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            sample = data[:4000].decode(codec)
        except UnicodeDecodeError:
            continue
        if _looks_clean(sample) and _plain_share(sample) >= 0.95:
            return codec
    return None


def _plain_share(text: str) -> float:
    """Share of characters a Chinese document is made of: ASCII, CJK, CJK and full-width punctuation."""
    plain = sum(1 for ch in text if ch < "\x7f" or "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef")
    return plain / max(len(text), 1)


def _guess_encoding(data: bytes) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and best.chaos < 0.1:
        text = str(best)
        if _looks_clean(text):
            return text, best.encoding
    raise ExtractError("无法识别文件的文字编码，请另存为 UTF-8 编码的文本或 .docx 后再上传。", "encoding")


def _looks_clean(text: str) -> bool:
    """A decoding is clean when it holds no stray control or private-use characters."""
    return not _CONTROLS.search(text) and not _PRIVATE_USE.search(text)


def clean_text(text: str) -> str:
    """NFC, plain spaces for odd spaces, no zero-width characters, \\n line ends, layout spaces trimmed."""
    text = unicodedata.normalize("NFC", text)
    text = _ZERO_WIDTH.sub("", text)
    text = _LINE_BREAKS.sub("\n", text)
    text = _SMALL_FORMS.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
    return _ODD_SPACES.sub(" ", text)


def clean_line(line: str) -> str:
    """Trim a line and shrink runs of layout spaces (and tabs) inside it to one space."""
    return _SPACE_RUNS.sub(" ", line.replace("\t", " ").strip())


def text_blocks(text: str) -> list[Block]:
    """One Paragraph per non-empty line (0-based line numbers), with pasted tables grouped into Tables."""
    from .celltables import find_cell_tables
    from .linetables import find_line_tables

    raw = text.split("\n")
    lines = unwrap_hard_breaks(raw, [clean_line(line) for line in raw])
    spans = find_line_tables(raw)
    spans += [span for span in find_cell_tables(lines) if not any(_overlap(span, other) for other in spans)]
    spans.sort(key=lambda span: span[1])
    blocks: list[Block] = []
    index = 0
    for table, start, end in spans:
        blocks.extend(Paragraph(lines[i], i) for i in range(index, start) if lines[i])
        blocks.append(table)
        index = end
    blocks.extend(Paragraph(lines[i], i) for i in range(index, len(lines)) if lines[i])
    return split_run_on_headings(blocks)


_ITEM_START = re.compile(
    r"^(?:[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十百0-9０-９]+[）)]|第[一二三四五六七八九十百]+[，、章节条部分]|"
    r"[0-9０-９]{1,3}[.．、](?![0-9０-９])|[①-⑳]|附件|附表|抄送|主送|序号)"
)
_SENTENCE_END = ("。", "！", "？", "；", "!", "?", ";")
_WRAP_SLACK = 4  # half-width digits make a full line a few columns shorter


def unwrap_hard_breaks(raw: list[str], lines: list[str]) -> list[str]:
    """Join paragraphs that were hard-wrapped at a fixed width (text saved from a PDF or an e-mail).

    Only when the document is wrapped: many lines share the same, longest width and do not end a
    sentence. A full-width line is then continued by the next unless that one is indented, blank or
    starts a heading or item. Joined lines leave "" behind so line numbers stay those of the file.
    """
    width = _wrap_width(lines)
    if width is None:
        return lines
    out = list(lines)
    head: int | None = None  # the line holding the paragraph being rebuilt
    for index, line in enumerate(lines):
        if head is not None and line and _continues(lines[index - 1], raw[index], line, width):
            out[head] += line
            out[index] = ""
        else:
            head = index if line else None
    return out


def _continues(previous: str, raw: str, line: str, width: int) -> bool:
    return (
        _display_width(previous) >= width - _WRAP_SLACK
        and not ends_sentence(previous)
        and not raw.startswith("  ")
        and not starts_item(line)
    )


def starts_item(text: str) -> bool:
    """The line opens a heading or a numbered item (一、 （一） 1. ① 附件 …): it never continues a paragraph."""
    return bool(_ITEM_START.match(text))


def ends_sentence(text: str) -> bool:
    """A line ending in 。！？； (perhaps inside closing quotes) or in a closing bracket ends a sentence.

    A closing quotation mark alone does not ("…建设“无废城市”" often runs on), nor does a colon at the
    end of a full line ("（责任单位：" continues on the next).
    """
    if text.endswith(("）", ")")):
        return True
    return text.rstrip("”’」』\"'").endswith(_SENTENCE_END)


def _wrap_width(lines: list[str]) -> int | None:
    """The width a hard-wrapped text was wrapped at, or None when its lines are whole paragraphs."""
    widths = [_display_width(line) for line in lines if line]
    long = [w for w in widths if w >= 40]
    if len(long) < 8:
        return None
    counts = Counter(long)
    width = max(counts, key=lambda w: (sum(counts[x] for x in range(w - _WRAP_SLACK, w + 1)), w))
    full = [
        line
        for line in lines
        if line and width - _WRAP_SLACK <= _display_width(line) <= width and not ends_sentence(line)
    ]
    wider = sum(1 for w in long if w > width + 2)
    if len(full) < 8 or len(full) < len(long) * 0.3 or wider > len(long) * 0.1:
        return None
    return width


def _display_width(text: str) -> int:
    """Columns a line takes in a fixed-width layout: two for Chinese characters, one for ASCII."""
    return 2 * len(text) - len(text.encode("ascii", "ignore"))


# A heading numeral set inside a line: after a space or a sentence end, never inside a word or a number
# (统一、 2.5亿 2015.3 1.5% do not match). Groups: 一、 （一） 1. （1）, outermost level first.
_INLINE_NUMERAL = re.compile(
    r"(?:^|(?<=\s)|(?<=[。！？；!?;）)]))(?:"
    r"(?P<major>[一二三四五六七八九十]{1,3})、"
    r"|[（(](?P<sub>[一二三四五六七八九十]{1,3})[）)]"
    r"|(?P<item>[0-9]{1,2})[.．、](?![0-9０-９.．%％])"
    r"|[（(](?P<paren>[0-9]{1,2})[）)])"
)
_LEVELS = ("major", "sub", "item", "paren")
_RUN_ON_LENGTH = 200  # characters: a line this long with headings inside it is several lines run together
_RUN_ON_SHARE = 0.5  # of the text in such lines, for the page to count as having lost its line breaks


def split_run_on_headings(blocks: list[Block]) -> list[Block]:
    """Break lines before heading numerals that run inline because the page lost its line breaks.

    Only for a text that is mostly very long lines, and only at numerals that continue a numbering
    sequence (一、 then 二、, 1. then 2., each restarting at 1 under a new outer heading); at least two
    such numerals must be found. The pieces keep the line number of the line they came from.
    """
    paragraphs = [block for block in blocks if isinstance(block, Paragraph)]
    if not _mostly_run_on(paragraphs):
        return blocks
    cuts = _inline_heading_cuts(paragraphs)
    if sum(len(points) for points in cuts.values()) < 2:
        return blocks
    out: list[Block] = []
    for block in blocks:
        points = cuts.get(id(block))
        if not points:
            out.append(block)
            continue
        bounds = [0, *points, len(block.text)]
        pieces = (block.text[a:b].strip() for a, b in zip(bounds, bounds[1:], strict=False))
        out.extend(Paragraph(piece, block.line) for piece in pieces if piece)
    return out


def _mostly_run_on(paragraphs: list[Paragraph]) -> bool:
    total = sum(len(p.text) for p in paragraphs)
    long = sum(len(p.text) for p in paragraphs if len(p.text) >= _RUN_ON_LENGTH)
    return total > 0 and long >= total * _RUN_ON_SHARE


def _inline_heading_cuts(paragraphs: list[Paragraph]) -> dict[int, list[int]]:
    """Offsets to break each long paragraph at (by id), following the numbering through the document."""
    last = dict.fromkeys(_LEVELS, 0)
    cuts: dict[int, list[int]] = {}
    for paragraph in paragraphs:
        long = len(paragraph.text) >= _RUN_ON_LENGTH
        for match in _INLINE_NUMERAL.finditer(paragraph.text):
            if match.start() > 0 and not long:
                continue
            level = match.lastgroup
            value = _numeral_value(match.group(level))
            if value != 1 and value != last[level] + 1:
                continue
            last[level] = value
            for inner in _LEVELS[_LEVELS.index(level) + 1 :]:
                last[inner] = 0
            if match.start() > 0:
                cuts.setdefault(id(paragraph), []).append(match.start())
    return cuts


_CN_DIGITS = {ch: i for i, ch in enumerate("〇一二三四五六七八九")}


def _numeral_value(numeral: str) -> int:
    """1–99 from Arabic digits or Chinese numerals (三, 十二, 二十, 二十三)."""
    if numeral.isdigit():
        return int(numeral)
    tens, _, units = numeral.rpartition("十")
    if "十" not in numeral:
        return _CN_DIGITS.get(numeral, 0)
    return _CN_DIGITS.get(tens, 1 if not tens else 0) * 10 + _CN_DIGITS.get(units, 0)


def _overlap(a: tuple[object, int, int], b: tuple[object, int, int]) -> bool:
    return a[1] < b[2] and b[1] < a[2]
