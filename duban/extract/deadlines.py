"""Deadlines: the time limit written in a task, resolved to the last day it allows.

A rule table of the time phrases plans use (年底前, 年内, 四季度, 明年上半年, 6月底前, 2020年6月底前,
到2025年, 至2035年, “十四五”期间, 2019年3月, 5年内, 3个月内, 每月10日前, 长期坚持 …).

Which mentions of a time are limits:
- a phrase that says so itself (…前, …内, …底, …末, …期间) is always a limit;
- otherwise (a bare 2027年, 三季度, 明年) it is a limit when a limit word leads it (到, 至, 于, 在, 力争…)
  or when it opens its clause ("2027年，制定出台…", "2019年再新增…"). After a verb or a noun it names
  the subject of the work, not its limit: 做好2020年预算编制, 强化第四季度工作举措, 谋划明年工作;
  in a list (自查、年中指导、年末检查) it names a stage.
- 2019年度…, 2019年的…, 自2019年, 2019年起, 比2018年 and anything inside 《…》 are never limits.

Resolution against the issue date (issued_on):
- 年底前 / 年内 / 今年 → that year's 12-31; 明年 → next year's; N年内 → 12-31 of the (N-1)th year after
  ("2012年起5年内" is 2012…2016); N个月内 → the end of the month N months after the issue date.
- A month, quarter or half year without a year (6月底前, 三季度, 上半年) takes the year written right
  before it (明年6月底前), else the year of an explicit limit earlier in the same text ("2019年…：一季度
  完成…"), else the issue year. It moves to the next year only when it ended more than a quarter before
  the issue date: a plan issued in October that asks for "3月底前" means next March, but a plan issued
  in May that lists "一季度" schedules its own year (plans are drafted weeks before they are issued).
- YYYY年前 is read as "by YYYY" (YYYY-12-31), as plans use it ("2025年前基本建成").
- Without an issue date, relative phrases keep their text and get no date.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

from .model import Deadline
from .numbers import chinese_numeral_value, fold_width

_CN = "零〇一二两三四五六七八九十"
_NUM = rf"(?:\d{{1,2}}|[{_CN}]{{1,3}})"
DRAFTING_LAG = datetime.timedelta(days=92)

# A task table's cell or a clause that is only an open limit: kept as text, no date.
OPEN_PHRASES = ("长期坚持", "持续推进", "长期推进", "持续开展", "长期", "持续", "常态化推进", "常态化")


def _words(spaced: str) -> tuple[str, ...]:
    return tuple(spaced.split())


_LIMIT_PREFIXES = _words(
    "截止到 截至 截止 到 至 于 在 力争 争取 确保 计划 预计 最迟 不晚于 要在 要于 须在 须于 应在 应于"
)
_PRINTED_PREFIXES = ("截止到", "截至", "截止", "到", "至")  # kept in Deadline.text, as plans print them
_CLAUSE_OPENERS = set("，,。；;：:！？!?（(\n ") | {""}
# Verbs that end in a limit word without being one: 达到2018年水平, 用于2020年预算.
_FALSE_PREFIXES = _words(
    "达到 做到 得到 受到 看到 提到 收到 回到 关于 用于 属于 对于 基于 由于 等于 存在 位于 处于"
)
_NOT_A_LIMIT_BEFORE = ("每", "前", "第", "自", "从", "比", "较", "近")
_NOT_A_LIMIT_AFTER = ("起", "开始", "以来", "度", "的")

_TIME_PHRASE = re.compile(
    rf"(?P<fyp>[“\"]?十(?P<fyp_n>[一二三四五六七八九])五[”\"]?(?:期间|时期|期末|末|内))"
    rf"|(?P<recurring>每(?:年|半年|季度|季|月|周|旬)(?:{_NUM}月)?(?:{_NUM}日|底|末|初)(?:前|之前)?)"
    rf"|(?P<nmonths>(?P<nm>{_NUM})个月(?:以)?内)"
    rf"|(?P<nyears>(?:(?P<from_year>\d{{4}})年起)?(?P<n>{_NUM})年(?:以)?内)"
    r"|(?P<range>(?P<r_from>\d{4})年?\s*[-—–~至到]\s*(?P<r_to>\d{4})年(?!度))"
    rf"|(?P<abs>(?P<year>\d{{4}})年(?:(?P<month>{_NUM})月(?:份)?(?:(?P<day>{_NUM})日)?)?)"
    r"|(?P<rel>今年|本年度|本年|当年|明年|次年|下一年|后年|年内|年底|年末|本月|当月|下月|次月)"
    rf"|(?P<bare_month>(?P<bm>{_NUM})月(?:份)?(?:(?P<bd>{_NUM})日)?)"
    r"|(?P<bare_q>(?:第)?[一二三四1-4]季度|[上下]半年)"
)
# After a phrase: a part of the year or month, then a limit word.
_QUALIFIER = re.compile(r"(?:上半年|下半年|(?:第)?[一二三四1-4]季度|年底|年末|底|末|上旬|中旬|下旬|初)?")
_SUFFIX = re.compile(r"(?:之前|以前|前|以内|内|期间|为限)?")
_CONTINUATION = re.compile(
    r"\s*(?:至|到|—|－|-|~)\s*(?:(?P<year>\d{4})年)?(?P<month>\d{1,2})月(?:(?P<day>\d{1,2})日)?(?:底|末)?"
)
_TITLE = re.compile(r"《[^《》]*》")
_CHINESE_YEAR = re.compile(r"[〇零一二三四五六七八九]{4}(?=年)")
_TIME_HINT = re.compile(r"[年月季期旬]")
_RELATIVE_YEAR_OFFSET = {
    "今年": 0,
    "本年": 0,
    "本年度": 0,
    "当年": 0,
    "明年": 1,
    "次年": 1,
    "下一年": 1,
    "后年": 2,
}
_RELATIVE_MONTH_OFFSET = {"本月": 0, "当月": 0, "下月": 1, "次月": 1}


@dataclass
class _Found:
    start: int
    end: int
    date: datetime.date | None
    strong: bool  # a limit: says so itself (…前, …内, 到…) or opens its clause
    year: int | None = None  # the year it names, for a month or quarter written after it


def find_deadline(text: str, issued_on: datetime.date | None) -> Deadline | None:
    """The time limit a task states: the latest when it names several; None when it names none."""
    if not text:
        return None
    folded = _normalise(text)
    found = [f for f in _scan(folded, issued_on) if f.strong] if _TIME_HINT.search(folded) else []
    found = [_before_holiday(folded, f) for f in found]
    if found:
        dated = [f for f in found if f.date is not None]
        best = max(dated, key=lambda f: (f.date, f.start)) if dated else found[0]
        return Deadline(_printed(text, best), best.date.isoformat() if best.date else None)
    bare = re.sub(r"[\s，。；：、（）()]", "", text)
    if bare in OPEN_PHRASES or (
        len(bare) <= 6 and bare.startswith(tuple(p for p in OPEN_PHRASES if len(p) == 4))
    ):
        return Deadline(text.strip(), None)
    return None


def resolve_time_phrase(phrase: str, issued_on: datetime.date | None) -> datetime.date | None:
    """The date of a phrase that is all time limit (a table's 完成时限 cell): "2019年3月" → 2019-03-31.

    Every time expression in it counts (no position rule); the latest wins. None for open or recurring
    limits (长期坚持, 每月10日前) and for relative ones without an issue date.
    """
    if not phrase:
        return None
    dates = [f.date for f in _scan(_normalise(phrase), issued_on) if f.date is not None]
    return max(dates) if dates else None


_TITLE_FYP_RE = re.compile(r"[“\"]十([一二三四五六七八九])五[”\"]")


def period_end_of(text: str, issued_on: datetime.date | None) -> datetime.date | None:
    """The last day of the period a plan covers, from its title or preamble; None when it does not say.

    Conservative: a year range in a title or in parentheses (（2019—2020年）), "2012年起5年内", the quarter
    an action runs in (四季度 of the issue year) and, in a title only (no sentence punctuation), 到2025年,
    2019年…方案 or “十四五”…. Targets of a goals paragraph (到2028年底，新增…) are not the plan's period.
    """
    if not text:
        return None
    folded = _normalise(text)
    is_title = not re.search(r"[，。；！？]", folded)
    ends: list[datetime.date] = []
    for match in _TIME_PHRASE.finditer(folded):
        if match.group("range") and (is_title or _in_parentheses(folded, match)):
            ends.append(_year_end(int(match.group("r_to"))))
        elif match.group("nyears") and match.group("from_year"):
            ends.append(_n_years_end(match, None))
        elif _is_quarter_of_action(folded, match) and issued_on:
            ends.append(_quarter_or_half_end(match.group("bare_q"), issued_on.year))
        elif is_title and match.group("fyp"):
            ends.append(_year_end(_five_year_plan_end(match.group("fyp_n"))))
        elif is_title and match.group("abs") and not match.group("month"):
            ends.append(_year_end(int(match.group("year"))))
    if is_title and not ends:  # "某省“十四五”…实施方案" covers the five-year plan's period
        fyp = _TITLE_FYP_RE.search(folded)
        if fyp:
            ends.append(_year_end(_five_year_plan_end(fyp.group(1))))
    return max(ends) if ends else None


def period_start_of(text: str) -> datetime.date | None:
    """The first day of the period a plan covers ("2012年起…", "（2019—2020年）"); None when it does not say.

    For a plan printed without an issue date: its relative limits (5年内) count from this day.
    """
    folded = _normalise(text or "")
    for match in _TIME_PHRASE.finditer(folded):
        if match.group("nyears") and match.group("from_year"):
            return datetime.date(int(match.group("from_year")), 1, 1)
        if match.group("range") and _in_parentheses(folded, match):
            return datetime.date(int(match.group("r_from")), 1, 1)
    return None


def _normalise(text: str) -> str:
    """Fold widths, blank out 《titles》, write 二〇一九年 as 2019年; the length never changes."""
    folded = fold_width(_TITLE.sub(lambda m: "　" * len(m.group()), text))
    if "〇" in folded or "零" in folded:
        folded = _CHINESE_YEAR.sub(
            lambda m: "".join(str(chinese_numeral_value(c)) for c in m.group()), folded
        )
    return folded


def _scan(folded: str, issued_on: datetime.date | None) -> list[_Found]:
    found: list[_Found] = []
    pos = 0
    while match := _TIME_PHRASE.search(folded, pos):
        item = _interpret(folded, match, issued_on, _context_year(found, match.start()))
        pos = match.end() if item is None else max(item.end, match.start() + 1)
        if item is None:
            continue
        if found and found[-1].end == item.start and found[-1].year is not None and item.year is None:
            # 明年6月底前: one phrase, the month is the limit and the year only places it.
            previous = found.pop()
            item.start, item.strong = previous.start, item.strong or previous.strong
        found.append(item)
    return found


def _context_year(found: list[_Found], start: int) -> int | None:
    """The year a month or quarter without one belongs to: the year right before it, else the last limit's."""
    if found and found[-1].end == start and found[-1].year is not None:
        return found[-1].year
    return next((f.year for f in reversed(found) if f.strong and f.year is not None), None)


def _interpret(folded: str, match: re.Match, issued_on: datetime.date | None, context_year: int | None):
    if match.group("fyp"):
        year = _five_year_plan_end(match.group("fyp_n"))
        return _Found(match.start(), match.end(), _year_end(year), True, year)
    if match.group("recurring"):
        return _Found(match.start(), match.end(), None, True)
    if match.group("nyears") or match.group("nmonths"):
        return _within(folded, match, issued_on)
    if _preceded_by(folded, match, *_NOT_A_LIMIT_BEFORE):
        return None
    end, qualifier, suffix = _tail(folded, match.end())
    if folded.startswith(_NOT_A_LIMIT_AFTER, end) or (not qualifier and folded.startswith("度", match.end())):
        return None
    strong = _is_strong(folded, match, suffix, qualifier)
    if match.group("range"):
        year = int(match.group("r_to"))
        return _Found(match.start(), end, _year_end(year), strong, year)
    if match.group("abs"):
        return _absolute(folded, match, end, qualifier, strong)
    if match.group("rel"):
        return _relative(match, end, qualifier, strong, issued_on)
    if match.group("bare_month"):
        return _bare_month(match, end, qualifier, bool(suffix) or strong, issued_on, context_year)
    return _bare_quarter(match, end, strong, issued_on, context_year)


def _tail(folded: str, pos: int) -> tuple[int, str, str]:
    qualifier = _QUALIFIER.match(folded, pos).group()
    suffix_match = _SUFFIX.match(folded, pos + len(qualifier))
    return suffix_match.end(), qualifier, suffix_match.group()


def _is_strong(folded: str, match: re.Match, suffix: str, qualifier: str) -> bool:
    if suffix or qualifier in ("底", "末", "年底", "年末", "下旬"):
        return True
    before = folded[: match.start()]
    if before.endswith(_LIMIT_PREFIXES):
        return not before.endswith(_FALSE_PREFIXES)
    return before[-1:] in _CLAUSE_OPENERS


def _absolute(folded: str, match: re.Match, end: int, qualifier: str, strong: bool) -> _Found | None:
    year = int(match.group("year"))
    if not 1949 <= year <= 2100:
        return None
    if not match.group("month"):
        return _Found(match.start(), end, _year_part_end(qualifier, year), strong, year)
    month = _small_number(match.group("month"))
    if month is None or not 1 <= month <= 12:
        return None
    day = _small_number(match.group("day")) if match.group("day") else None
    date = _day_in_month(year, month, day, qualifier)
    continuation = _CONTINUATION.match(folded, end)
    if continuation and date:  # 2019年1月1日至12月31日: the period's end
        year = int(continuation.group("year") or year)
        cmonth, cday = int(continuation.group("month")), continuation.group("day")
        if 1 <= cmonth <= 12:
            date = _day_in_month(year, cmonth, int(cday) if cday else None, "")
            end, strong = continuation.end(), True
    return _Found(match.start(), end, date, strong or day is not None, year)


def _relative(match: re.Match, end: int, qualifier: str, strong: bool, issued_on) -> _Found:
    word = match.group("rel")
    strong = strong or word == "年内"
    if issued_on is None:
        return _Found(match.start(), end, None, strong)
    if word in _RELATIVE_MONTH_OFFSET:
        month_index = issued_on.month - 1 + _RELATIVE_MONTH_OFFSET[word]
        year, month = issued_on.year + month_index // 12, month_index % 12 + 1
        return _Found(match.start(), end, _day_in_month(year, month, None, qualifier), strong, year)
    year = issued_on.year + _RELATIVE_YEAR_OFFSET.get(word, 0)
    part = "底" if word in ("年底", "年末") else qualifier
    return _Found(match.start(), end, _year_part_end(part, year), strong, year)


def _bare_month(match, end, qualifier, strong, issued_on, context_year) -> _Found | None:
    month = _small_number(match.group("bm"))
    if month is None or not 1 <= month <= 12 or not (strong or qualifier in ("底", "末", "下旬")):
        return None
    day = _small_number(match.group("bd")) if match.group("bd") else None
    year = context_year or _year_after_issue(lambda y: _day_in_month(y, month, day, qualifier), issued_on)
    date = _day_in_month(year, month, day, qualifier) if year else None
    return _Found(match.start(), end, date, True)


def _bare_quarter(match, end, strong, issued_on, context_year) -> _Found:
    phrase = match.group("bare_q")
    year = context_year or _year_after_issue(lambda y: _quarter_or_half_end(phrase, y), issued_on)
    return _Found(match.start(), end, _quarter_or_half_end(phrase, year) if year else None, strong)


def _within(folded: str, match: re.Match, issued_on: datetime.date | None) -> _Found | None:
    """5年内 (calendar years, the current one first), 3个月内 (months from the issue date)."""
    if _preceded_by(folded, match, "每", "近", "连续", "前"):
        return None
    if match.group("nyears"):
        return _Found(match.start(), match.end(), _n_years_end(match, issued_on), True)
    months = _small_number(match.group("nm"))
    if issued_on is None or months is None:
        return _Found(match.start(), match.end(), None, True)
    month_index = issued_on.month - 1 + months
    year, month = issued_on.year + month_index // 12, month_index % 12 + 1
    return _Found(match.start(), match.end(), _day_in_month(year, month, None, ""), True)


def _n_years_end(match: re.Match, issued_on: datetime.date | None) -> datetime.date | None:
    years = _small_number(match.group("n"))
    from_year = match.group("from_year")
    base = int(from_year) if from_year else (issued_on.year if issued_on else None)
    if years is None or years < 1 or base is None:
        return None
    return _year_end(base + years - 1)


def _year_after_issue(end_in, issued_on: datetime.date | None) -> int | None:
    """The issue year, or the next one when the period ended more than a quarter before the issue date."""
    if issued_on is None:
        return None
    candidate = end_in(issued_on.year)
    if candidate is not None and candidate < issued_on - DRAFTING_LAG:
        return issued_on.year + 1
    return issued_on.year


def _is_quarter_of_action(folded: str, match: re.Match) -> bool:
    phrase = match.group("bare_q") or ""
    return "季度" in phrase and not _preceded_by(folded, match, "前", "每")


def _year_part_end(part: str, year: int) -> datetime.date:
    if part == "上半年" or "季度" in part:
        return _quarter_or_half_end(part, year)
    return _year_end(year)


def _quarter_or_half_end(phrase: str, year: int) -> datetime.date:
    if "上半年" in phrase:
        return datetime.date(year, 6, 30)
    if "下半年" in phrase:
        return datetime.date(year, 12, 31)
    quarter = "一二三四".find(phrase.lstrip("第")[0]) + 1 or int(phrase.lstrip("第")[0])
    return _day_in_month(year, quarter * 3, None, "")


def _five_year_plan_end(numeral: str) -> int:
    # The 3rd five-year plan began in 1966, after three years of adjustment; each one since lasts 5 years.
    return 1970 + 5 * ("一二三四五六七八九".index(numeral) + 11 - 3)


def _in_parentheses(folded: str, match: re.Match) -> bool:
    return folded[: match.start()].endswith(("（", "(")) and folded.startswith(("）", ")"), match.end())


def _preceded_by(folded: str, match: re.Match, *words: str) -> bool:
    return folded[: match.start()].endswith(words)


_HOLIDAY_LIMIT = re.compile(
    r"(?P<day>元旦|春节|国庆节?|中秋节?|清明节?|端午节?|汛期|主汛期|开学)(?:之前|以前|前)"
)


def _before_holiday(folded: str, found: _Found) -> _Found:
    """ "2025年春节前": the year names the holiday, not the limit. 元旦前 ends the year before, 国庆前 on
    09-30; a movable feast or a season (春节, 汛期) keeps its text without a date."""
    m = _HOLIDAY_LIMIT.match(folded, found.end)
    if not m or found.year is None and found.date is None:
        return found
    year = found.year or (found.date.year if found.date else None)
    day = m.group("day")
    if day == "元旦" and year:
        date = datetime.date(year - 1, 12, 31)
    elif day.startswith("国庆") and year:
        date = datetime.date(year, 9, 30)
    else:
        date = None
    return _Found(found.start, m.end(), date, True, found.year)


def _printed(text: str, found: _Found) -> str:
    start = found.start
    prefix = next((p for p in _PRINTED_PREFIXES if text[:start].endswith(p)), "")
    return text[start - len(prefix) : found.end]


def _small_number(numeral: str) -> int | None:
    return int(numeral) if numeral.isdigit() else chinese_numeral_value(numeral)


def _year_end(year: int) -> datetime.date:
    return datetime.date(year, 12, 31)


def _day_in_month(year: int, month: int, day: int | None, qualifier: str) -> datetime.date | None:
    """The last day a month phrase allows: 6月 / 6月底 → 30, 6月中旬 → 20, 6月上旬 → 10, 6月15日 → 15."""
    last = calendar.monthrange(year, month)[1]
    if day is None:
        day = {"上旬": 10, "初": 10, "中旬": 20}.get(qualifier, last)
    return datetime.date(year, month, day) if 1 <= day <= last else None
