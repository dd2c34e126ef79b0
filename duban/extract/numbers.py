"""Numerals as government plans print them.

Arabic digits in half or full width (５, １２.５), Chinese numerals (十, 二十五, 一百零五, 两, 〇, 一万二千)
and Arabic digits with a Chinese multiplier (1.5万). Our own small converter: the numerals of plans are
few and regular, and a sentence-wide converter (cn2an's `transform`) turns words like 一般性 into 1般性.
"""

from __future__ import annotations

# One character in, one character out: positions in the folded text match the original text.
_WIDTH_TABLE = str.maketrans("０１２３４５６７８９．％＋－～：", "0123456789.%+-~:")

CHINESE_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
CHINESE_UNITS = {"十": 10, "百": 100, "千": 1000}
CHINESE_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
CHINESE_NUMERAL_CHARS = "".join(CHINESE_DIGITS) + "".join(CHINESE_UNITS) + "".join(CHINESE_BIG_UNITS)


def fold_width(text: str) -> str:
    """Full-width digits and number signs to half width; the length of the text is kept."""
    return text.translate(_WIDTH_TABLE)


def chinese_numeral_value(numeral: str) -> int | None:
    """十 → 10, 二十五 → 25, 一百零五 → 105, 两 → 2, 一万二千 → 12000; None when it is not a numeral.

    Two digits in a row (一二, 十四五) are not a numeral: they are lists or names.
    """
    if not numeral:
        return None
    total = section = 0
    digit: int | None = None
    for char in numeral:
        if char in CHINESE_DIGITS:
            if digit is not None and digit != 0:
                return None
            digit = CHINESE_DIGITS[char]
        elif char in CHINESE_UNITS:
            section += (1 if digit is None else digit) * CHINESE_UNITS[char]
            digit = None
        elif char in CHINESE_BIG_UNITS:
            section += digit or 0
            if section == 0:
                return None
            total += section * CHINESE_BIG_UNITS[char]
            section, digit = 0, None
        else:
            return None
    return total + section + (digit or 0)


def parse_number(span: str) -> float | None:
    """The value of a number as printed: "15", "１５", "1.5万", "二十五", "一百零五"; None if it is not one."""
    span = fold_width(span.strip()).replace(",", "")
    if not span:
        return None
    multiplier = 1
    if span[-1] in CHINESE_BIG_UNITS and len(span) > 1 and span[-2].isdigit():
        multiplier = CHINESE_BIG_UNITS[span[-1]]
        span = span[:-1]
    try:
        return float(span) * multiplier
    except ValueError:
        pass
    value = chinese_numeral_value(span)
    return None if value is None else float(value)
