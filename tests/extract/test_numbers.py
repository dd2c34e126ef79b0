"""Numerals as plans print them: what a reviewer reads as a number must convert to that number."""

import pytest

from duban.extract.numbers import chinese_numeral_value, fold_width, parse_number


@pytest.mark.parametrize(
    "printed, value",
    [
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("二十五", 25),
        ("一百", 100),
        ("一百零五", 105),
        ("三百二十", 320),
        ("两", 2),
        ("两千", 2000),
        ("〇", 0),
        ("一万二千", 12000),
        ("三亿", 300_000_000),
    ],
)
def test_chinese_numerals_convert(printed, value):
    assert chinese_numeral_value(printed) == value


@pytest.mark.parametrize("printed", ["十四五", "一二", "三五", "", "个", "万"])
def test_lists_and_names_are_not_numerals(printed):
    # “十四五” names a plan period and 三五 means "a few": neither is a quantity.
    assert chinese_numeral_value(printed) is None


@pytest.mark.parametrize(
    "printed, value",
    [
        ("15", 15.0),
        ("１５", 15.0),
        ("１２．５", 12.5),
        ("1,200", 1200.0),
        ("1.5万", 15000.0),
        ("二十五", 25.0),
        ("五", 5.0),
        ("ABC", None),
        ("", None),
    ],
)
def test_parse_number_reads_any_printed_form(printed, value):
    assert parse_number(printed) == value


def test_fold_width_keeps_positions():
    text = "压缩一般性支出１５％以上"
    folded = fold_width(text)
    assert folded == "压缩一般性支出15%以上"
    assert len(folded) == len(text)
