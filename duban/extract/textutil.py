"""Small text helpers the parser shares: whitespace, bracket-aware scanning, sentences, Chinese numerals."""

from __future__ import annotations

import re
from functools import lru_cache

from .numbers import chinese_numeral_value

OPENERS = "“‘《（(【「〔[〈"
CLOSERS = "”’》）)】」〕]〉"
SENTENCE_ENDS = "。！？!?"

_SPACE_RE = re.compile(r"\s+")
_SPACE_NEAR_CJK_RE = re.compile(r"(?<=[^\x00-\x7f]) (?=.)|(?<=.) (?=[^\x00-\x7f])")


def collapse(text: str) -> str:
    """Collapse whitespace; drop the spaces that only separate Chinese characters (line-wrap artefacts)."""
    text = _SPACE_RE.sub(" ", text.replace("\u3000", " ")).strip()
    return _SPACE_NEAR_CJK_RE.sub("", text)


def depth_positions(text: str):
    """Yield (index, char, depth) with depth = how many quotes/brackets are open before the char."""
    depth = 0
    for i, ch in enumerate(text):
        if ch in CLOSERS and depth > 0:
            depth -= 1
            yield i, ch, depth
            continue
        yield i, ch, depth
        if ch in OPENERS:
            depth += 1


@lru_cache(maxsize=64)
def _marks_re(chars: str) -> re.Pattern[str]:
    return re.compile("[" + re.escape(OPENERS + CLOSERS + chars) + "]")


def _top_level_marks(text: str, chars: str):
    """Indexes of `chars` outside quotes and brackets (only the marks are visited, not every character)."""
    depth = 0
    for m in _marks_re(chars).finditer(text):
        ch = m.group()
        if ch in CLOSERS and depth > 0:
            depth -= 1
        elif depth == 0 and ch in chars:
            yield m.start()
        elif ch in OPENERS:
            depth += 1


def find_top_level(text: str, chars: str) -> int:
    """Index of the first of `chars` outside quotes and brackets, or -1."""
    return next(_top_level_marks(text, chars), -1)


def split_top_level(text: str, seps: str) -> list[str]:
    """Split on any of `seps` outside quotes and brackets."""
    parts, start = [], 0
    for i in _top_level_marks(text, seps):
        parts.append(text[start:i])
        start = i + 1
    parts.append(text[start:])
    return parts


def split_sentences(text: str) -> list[str]:
    """Sentences ending in 。！？; a full stop inside quotes or brackets does not end one."""
    out, start = [], 0
    for i in _top_level_marks(text, SENTENCE_ENDS):
        out.append(text[start : i + 1])
        start = i + 1
    out.append(text[start:])
    return [s.strip() for s in out if s.strip() and not _only_punct(s)]


def _only_punct(s: str) -> bool:
    return not re.search(r"[\w\u4e00-\u9fff]", s)


def cn_number(text: str) -> int | None:
    """Value of a numeral as headings and dates print it (3, 十二, 二十三, 一百零五); None if not one."""
    if not text:
        return None
    if text.isdigit():
        return int(text)
    return chinese_numeral_value(text)


# Traditional forms of the few characters the matching patterns rely on (role and label words, unit-name
# endings, measure words, comparators), folded one character for one so that positions still match the
# original: matching runs on the folded text, and what is returned is cut from the text as printed.
_TRADITIONAL = str.maketrans(
    {
        **dict(
            zip(
                "牽頭負責職參與協實總組織導單門關級區縣鄉鎮廳辦會處團隊館臺聯網機構",
                "牵头负责职参与协实总组织导单门关级区县乡镇厅办会处团队馆台联网机构",
            )
        ),
        **dict(
            zip(
                "萬億個項條戶輛場張隻噸畝裏裡點兩於內過達約為將對從後時間領繫節",
                "万亿个项条户辆场张只吨亩里里点两于内过达约为将对从后时间领系节",
            )
        ),
    }
)


def fold_traditional(text: str) -> str:
    """牽頭 → 牵头, 萬個 → 万个: the traditional forms of pattern words, one character for one."""
    return text.translate(_TRADITIONAL)
