"""Deadlines: the time limit written in a task, resolved to the last day it allows.

A rule table of the time phrases plans use (年底前, 年内, 四季度, 明年上半年, 6月底前, 2020年6月底前,
到2025年, 至2035年, “十四五”期间, 2019年3月, 5年内, 每月10日前, 长期坚持 …).

Which mentions of a time are limits:
- a phrase that says so itself (…前, …内, …底, …末, …期间) is always a limit;
- otherwise (a bare 2027年, 三季度, 明年) it is a limit when a limit word leads it (到, 至, 于, 在, 力争…)
  or when it opens its clause ("2027年，制定出台…", "2019年再新增…"). After a verb it names the
  subject of the work, not its limit: 做好2020年预算编制, 强化第四季度工作举措, 谋划明年工作.
- 2019年度…, 2019年的…, 自2019年, 2019年起 and anything inside 《…》 are never limits.

Resolution against the issue date (issued_on):
- 年底前 / 年内 / 今年 → that year's 12-31; 明年 → next year's; N年内 → 12-31 of the (N-1)th year after
  ("2012年起5年内" is 2012…2016).
- A month, quarter or half year without a year (6月底前, 三季度, 上半年) takes the year of an explicit
  year earlier in the same text ("2019年…：一季度完成…"), else the issue year; it moves to the next year
  only when it ended more than a quarter before the issue date (a plan issued in October that asks for
  "3月底前" means next March, but a plan issued in May that lists "一季度" is scheduling its own year:
  plans are often drafted weeks before they are issued).
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

# Phrases of an open or recurring limit: kept as text, no date.
OPEN_PHRASES = ("长期坚持", "持续推进", "长期推进", "持续开展", "长期", "持续", "常态化推进", "常态化", "长期有效")

_LIMIT_PREFIXES = ("截止到", "截至", "截止", "到", "至", "于", "在", "力争", "争取", "确保", "计划", "预计",
                   "最迟", "不晚于", "力争在", "力争于", "争取在", "争取于", "要在", "要于", "须在", "须于",
                   "应在", "应于")
_PRINTED_PREFIXES = ("截止到", "截至", "截止", "到", "至")  # kept in Deadline.text, as the gold prints them
# Not 、: a time in a list (前期自查、年中指导、年末检查) names a stage, not a limit.
_CLAUSE_OPENERS = set("，,。；;：:！？!?（(\n ") | {""}

_TIME_PHRASE = re.compile(
    r"(?P<fyp>[“\"]?十(?P<fyp_n>[一二三四五六七八九])五[”\"]?(?:期间|时期|末|内|期末))"
    r"|(?P<recurring>每(?:年|半年|季度|季|月|周|旬)(?:" + _NUM + r"月)?(?:" + _NUM + r"日|底|末|初)(?:前|之前)?)"
    r"|(?P<nyears>(?:(?P<from_year>\d{4})年起)?(?P<n>" + _NUM + r")年(?:以)?内)"
    r"|(?P<range>(?P<r_from>\d{4})年?\s*[-—–~至到]\s*(?P<r_to>\d{4})年(?!度))"
    r"|(?P<abs>(?P<year>\d{4})年(?:(?P<month>\d{1,2})月(?:(?P<day>\d{1,2})日)?)?)"
    r"|(?P<rel>今年|本年度|本年|当年|明年|次年|下一年|后年|年内|年底|年末)"
    r"|(?P<bare_month>(?P<bm>" + _NUM + r")月(?:份)?(?:(?P<bd>" + _NUM + r")日)?)"
    r"|(?P<bare_q>(?:第)?[一二三四1-4]季度|[上下]半年)"
)
# What may follow a phrase: a part of the year, then a limit word.
_QUALIFIER = re.compile(r"(?:上半年|下半年|(?:第)?[一二三四1-4]季度|年底|年末|底|末|中旬|上旬|下旬|初)?")
_SUFFIX = re.compile(r"(?:之前|以前|前|以内|内|期间|为限)?")
_CONTINUATION = re.compile(r"\s*(?:至|到|—|－|-|~)\s*(?:(?P<year>\d{4})年)?(?P<month>\d{1,2})月(?:(?P<day>\d{1,2})日)?(?P<q>底|末)?")
_TITLE = re.compile(r"《[^《》]*》")


@dataclass
class _Found:
    start: int
    end: int
    date: datetime.date | None
    strong: bool  # says by itself that it is a limit (…前, …内, 到…) or opens its clause
    has_year: bool


def find_deadline(text: str, issued_on: datetime.date | None) -> Deadline | None:
    """The time limit a task states: the latest when it names several; None when it names none."""
    if not text:
        return None
    folded = fold_width(_TITLE.sub(lambda m: "　" * len(m.group()), text))
    found = [f for f in _scan(folded, issued_on) if f.strong]
    if found:
        dated = [f for f in found if f.date is not None]
        best = max(dated, key=lambda f: (f.date, f.start)) if dated else found[0]
        return Deadline(_printed(text, best), best.date.isoformat() if best.date else None)
    stripped = re.sub(r"[\s，。；：、（）()]", "", text)
    if stripped in OPEN_PHRASES or (len(stripped) <= 6 and stripped.startswith(OPEN_PHRASES[:4])):
        return Deadline(text.strip(), None)
    return None


def resolve_time_phrase(phrase: str, issued_on: datetime.date | None) -> datetime.date | None:
    """The date of a phrase that is all time limit (a table's 完成时限 cell): "2019年3月" → 2019-03-31.

    Every time expression in it counts (no position rule); the latest wins. None for open or recurring
    limits (长期坚持, 每月10日前) and for relative ones without an issue date.
    """
    if not phrase:
        return None
    dates = [f.date for f in _scan(fold_width(phrase), issued_on) if f.date is not None]
    return max(dates) if dates else None


def period_end_of(text: str, issued_on: datetime.date | None) -> datetime.date | None:
    """The last day of the period a plan covers, from its title or preamble; None when it does not say.

    Conservative: a year range in parentheses or a title (（2019—2020年）), "2012年起5年内", a quarter the action runs in (四季度 of
    the issue year), and — only in a title (a text without sentence punctuation) — 到2025年, 2019年…方案 or
    “十四五”…. A year inside 《…》 is another document's and does not count.
    """
    if not text:
        return None
    folded = fold_width(_TITLE.sub(lambda m: "　" * len(m.group()), text))
    is_title = not re.search(r"[，。；！？]", folded)
    ends: list[datetime.date] = []
    for match in _TIME_PHRASE.finditer(folded):
        if match.group("range") and (is_title or _in_parentheses(folded, match)):
            ends.append(_year_end(int(match.group("r_to"))))
        elif match.group("nyears") and match.group("from_year"):
            ends.append(_n_years_end(match, None))
        elif match.group("bare_q") and issued_on and "季度" in match.group() and not _preceded_by(folded, match, "前"):
            ends.append(_quarter_or_half_end(match.group("bare_q"), issued_on.year))
        elif is_title and match.group("fyp"):
            ends.append(_year_end(_five_year_plan_end(match.group("fyp_n"))))
        elif is_title and match.group("abs") and not match.group("month"):
            ends.append(_year_end(int(match.group("year"))))
    return max(ends) if ends else None


def _scan(folded: str, issued_on: datetime.date | None) -> list[_Found]:
    found: list[_Found] = []
    context_year: int | None = None
    pos = 0
    while match := _TIME_PHRASE.search(folded, pos):
        item = _interpret(folded, match, issued_on, context_year)
        pos = match.end() if item is None else max(item.end, match.start() + 1)
        if item is None:
            continue
        found.append(item)
        if item.has_year and item.date is not None and item.strong:
            context_year = item.date.year
    return found


def _interpret(folded: str, match: re.Match, issued_on: datetime.date | None, context_year: int | None) -> _Found | None:
    start = match.start()
    if match.group("fyp"):
        year = _five_year_plan_end(match.group("fyp_n"))
        return _Found(start, match.end(), _year_end(year), True, True)
    if match.group("recurring"):
        return _Found(start, match.end(), None, True, False)
    if match.group("nyears"):
        return _n_years(folded, match, issued_on)
    if _preceded_by(folded, match, "每", "前", "第", "自", "从", "比", "较", "同比", "近"):
        return None
    end, qualifier, suffix = _tail(folded, match.end())
    if folded.startswith(("起", "开始", "以来", "度", "的"), end) or (not qualifier and folded.startswith("度", match.end())):
        return None
    if match.group("range"):
        return _Found(start, end, _year_end(int(match.group("r_to"))), _is_strong(folded, match, suffix), True)
    if match.group("abs"):
        return _absolute(folded, match, end, qualifier, suffix)
    if match.group("rel"):
        return _relative(folded, match, end, qualifier, suffix, issued_on)
    if match.group("bare_month"):
        return _bare_month(folded, match, end, qualifier, suffix, issued_on, context_year)
    return _bare_quarter(folded, match, end, suffix, issued_on, context_year)


def _tail(folded: str, pos: int) -> tuple[int, str, str]:
    qualifier = _QUALIFIER.match(folded, pos).group()
    suffix_match = _SUFFIX.match(folded, pos + len(qualifier))
    return suffix_match.end(), qualifier, suffix_match.group()


def _is_strong(folded: str, match: re.Match, suffix: str, qualifier: str = "") -> bool:
    if suffix or qualifier in ("底", "末", "年底", "年末"):
        return True
    before = folded[: match.start()]
    if before.endswith(_LIMIT_PREFIXES):
        return True
    return (before[-1:] if before else "") in _CLAUSE_OPENERS


def _absolute(folded: str, match: re.Match, end: int, qualifier: str, suffix: str) -> _Found | None:
    year = int(match.group("year"))
    if not 1949 <= year <= 2100:
        return None
    month, day = match.group("month"), match.group("day")
    if month:
        month_n = int(month)
        if not 1 <= month_n <= 12:
            return None
        date = _month_end(year, month_n) if not day else _safe_date(year, month_n, int(day))
        strong = _is_strong(folded, match, suffix, qualifier) or bool(day)
    else:
        date = _year_part_end(qualifier, year)
        strong = _is_strong(folded, match, suffix, qualifier)
    continuation = _CONTINUATION.match(folded, end)
    if continuation and date:
        end_year = int(continuation.group("year") or year)
        end_month = int(continuation.group("month"))
        if 1 <= end_month <= 12:
            cday = continuation.group("day")
            date = _safe_date(end_year, end_month, int(cday)) if cday else _month_end(end_year, end_month)
            end, strong = continuation.end(), True
    return _Found(match.start(), end, date, strong, True)


def _relative(folded, match, end, qualifier, suffix, issued_on) -> _Found:
    word = match.group("rel")
    offset = {"明年": 1, "次年": 1, "下一年": 1, "后年": 2}.get(word, 0)
    strong = word == "年内" or _is_strong(folded, match, suffix, qualifier)
    if issued_on is None:
        return _Found(match.start(), end, None, strong, False)
    year = issued_on.year + offset
    part = "底" if word in ("年底", "年末") else qualifier
    return _Found(match.start(), end, _year_part_end(part, year), strong, False)


def _bare_month(folded, match, end, qualifier, suffix, issued_on, context_year) -> _Found | None:
    month = _small_number(match.group("bm"))
    if month is None or not 1 <= month <= 12:
        return None
    day = _small_number(match.group("bd")) if match.group("bd") else None
    strong = bool(suffix) or qualifier in ("底", "末") or folded[: match.start()].endswith(_LIMIT_PREFIXES)
    if not strong:
        return None
    year = _year_for(lambda y: _safe_date(y, month, day) if day else _month_end(y, month), issued_on, context_year)
    if year is None:
        return _Found(match.start(), end, None, True, False)
    date = _safe_date(year, month, day) if day else _month_end(year, month)
    return _Found(match.start(), end, date, True, False)


def _bare_quarter(folded, match, end, suffix, issued_on, context_year) -> _Found:
    phrase = match.group("bare_q")
    strong = _is_strong(folded, match, suffix)
    year = _year_for(lambda y: _quarter_or_half_end(phrase, y), issued_on, context_year)
    date = _quarter_or_half_end(phrase, year) if year is not None else None
    return _Found(match.start(), end, date, strong, False)


def _n_years(folded: str, match: re.Match, issued_on: datetime.date | None) -> _Found | None:
    if _preceded_by(folded, match, "每", "近", "连续", "前"):
        return None
    return _Found(match.start(), match.end(), _n_years_end(match, issued_on), True, bool(match.group("from_year")))


def _n_years_end(match: re.Match, issued_on: datetime.date | None) -> datetime.date | None:
    years = _small_number(match.group("n"))
    base = int(match.group("from_year")) if match.group("from_year") else (issued_on.year if issued_on else None)
    if years is None or years < 1 or base is None:
        return None
    return _year_end(base + years - 1)


def _year_for(end_in, issued_on: datetime.date | None, context_year: int | None) -> int | None:
    """The year a month or quarter without a year belongs to (see the module docstring)."""
    if context_year is not None:
        return context_year
    if issued_on is None:
        return None
    year = issued_on.year
    candidate = end_in(year)
    if candidate is not None and candidate < issued_on - DRAFTING_LAG:
        return year + 1
    return year


def _year_part_end(part: str, year: int) -> datetime.date:
    if part in ("上半年",):
        return datetime.date(year, 6, 30)
    if "季度" in part:
        return _quarter_or_half_end(part, year)
    return _year_end(year)


def _quarter_or_half_end(phrase: str, year: int) -> datetime.date:
    if "上半年" in phrase:
        return datetime.date(year, 6, 30)
    if "下半年" in phrase:
        return datetime.date(year, 12, 31)
    quarter = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}[phrase.replace("第", "")[0]]
    return _month_end(year, quarter * 3)


def _five_year_plan_end(numeral: str) -> int:
    # The 3rd five-year plan began in 1966 after three years of adjustment; each plan since is 5 years.
    return 1970 + 5 * (CHINESE_NUMERAL_INDEX[numeral] + 10 - 3)


CHINESE_NUMERAL_INDEX = {c: i for i, c in enumerate("一二三四五六七八九", start=1)}


def _in_parentheses(folded: str, match: re.Match) -> bool:
    return folded[: match.start()].endswith(("（", "(")) and folded.startswith(("）", ")"), match.end())


def _preceded_by(folded: str, match: re.Match, *words: str) -> bool:
    return folded[: match.start()].endswith(words)


def _printed(text: str, found: _Found) -> str:
    start = found.start
    for prefix in _PRINTED_PREFIXES:
        if text[:start].endswith(prefix):
            start -= len(prefix)
            break
    return text[start : found.end]


def _small_number(numeral: str) -> int | None:
    if numeral.isdigit():
        return int(numeral)
    return chinese_numeral_value(numeral)


def _year_end(year: int) -> datetime.date:
    return datetime.date(year, 12, 31)


def _month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def _safe_date(year: int, month: int, day: int | None) -> datetime.date | None:
    try:
        return datetime.date(year, month, day or 1)
    except ValueError:
        return None
