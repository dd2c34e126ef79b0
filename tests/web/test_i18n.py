"""The interface in two languages: Chinese first, English through the catalogue, and error pages in both.

The English pages are checked where the interface speaks (navigation, headings); what people wrote
(plan titles, task texts, unit and user names) stays as written and is taken out before the check.
"""

from __future__ import annotations

import ast
import gettext
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.template.loader import render_to_string
from django.utils import translation
from django.views.defaults import bad_request, permission_denied

from duban.plans.models import Indicator, Milestone, Plan, Task
from duban.units.models import Unit

pytestmark = pytest.mark.django_db

LOCALE_DIR = Path(__file__).resolve().parents[2] / "duban" / "locale" / "en" / "LC_MESSAGES"
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


class InterfaceText(HTMLParser):
    """Collects the text (and aria-labels) inside <nav>, <h1> and <h2> elements."""

    WATCHED = {"nav", "h1", "h2"}

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.WATCHED:
            self.depth += 1
        if self.depth:
            self.parts.extend(value for name, value in attrs if name in ("aria-label", "title") and value)

    def handle_endtag(self, tag):
        if tag in self.WATCHED and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.parts.append(data)


def interface_text(html: str, user_data: list[str]) -> str:
    parser = InterfaceText()
    parser.feed(html)
    text = " ".join(parser.parts)
    for written in sorted(user_data, key=len, reverse=True):
        text = text.replace(written, " ")
    return text


def user_written(plan: Plan) -> list[str]:
    """Everything people typed or imported: it keeps its own language whatever the interface speaks."""
    texts = [plan.title, plan.doc_number, plan.issuer]
    texts += [s.title for s in plan.sections.all()]
    texts += [t.text for t in Task.objects.filter(plan=plan)]
    texts += list(Unit.objects.values_list("name", flat=True))
    return [t for t in texts if t]


@pytest.fixture
def english(client, alice):
    client.force_login(alice)
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    return client


def english_pages(plan: Plan) -> dict[str, str]:
    task = Task.objects.filter(plan=plan).order_by("pk").first()
    return {
        "workbench": "/",
        "plans list": "/plans/",
        "plan overview": f"/plans/{plan.pk}/",
        "task table": f"/plans/{plan.pk}/tasks/",
        "task page": f"/tasks/{task.pk}/",
        "my tasks": "/my/",
        "import page": "/plans/import/",
        "units directory": "/units/",
        "settings": "/settings/",
    }


def test_main_pages_in_english_have_no_chinese_in_navigation_or_headings(english, plan):
    written = user_written(plan)
    for name, url in english_pages(plan).items():
        response = english.get(url)
        assert response.status_code == 200, name
        html = response.content.decode()
        assert 'lang="en"' in html, name
        text = interface_text(html, written)
        assert ">Workbench<" in html and "My tasks" in text, name
        assert not CJK.search(text), f"{name} ({url}) still speaks Chinese: {CJK.findall(text)} in {text!r}"


class PageText(HTMLParser):
    """Collects all the text a reader sees in the page (not scripts, styles or the window title)."""

    HIDDEN = {"script", "style", "title"}

    def __init__(self) -> None:
        super().__init__()
        self.hidden = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.hidden += tag in self.HIDDEN

    def handle_endtag(self, tag):
        if tag in self.HIDDEN and self.hidden:
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


FULL_WIDTH_PUNCTUATION = re.compile(r".{0,20}[（）：，、].{0,20}")


def test_english_pages_have_no_chinese_punctuation_around_the_interface_words(english, plan):
    """ "调度周期：月" must read "Reporting cycle: Monthly", not "Reporting cycle：Monthly"."""
    task = Task.objects.filter(plan=plan).order_by("pk").first()
    # A section heading as the document numbers it ("一、…") is the document's text too.
    written = user_written(plan) + [str(s) for s in plan.sections.all()]
    written += list(Milestone.objects.filter(task__plan=plan).values_list("title", flat=True))
    for metric, source in Indicator.objects.filter(task__plan=plan).values_list("metric", "source_text"):
        written += [metric, source]
    written = sorted((w for w in written if w), key=len, reverse=True)
    for name, url in {
        "workbench": "/",
        "plan overview": f"/plans/{plan.pk}/",
        "task page": f"/tasks/{task.pk}/",
    }.items():
        parser = PageText()
        parser.feed(english.get(url).content.decode())
        text = " ".join(parser.parts)
        for user_text in written:
            text = text.replace(user_text, " ")
        text = re.sub(r"\s+", " ", text)
        assert "Workbench" in text, name
        assert not FULL_WIDTH_PUNCTUATION.search(text), f"{name}: {FULL_WIDTH_PUNCTUATION.findall(text)}"


def test_my_tasks_of_a_liaison_in_english(client, bob, plan):
    client.force_login(bob)
    client.post("/i18n/setlang/", {"language": "en", "next": "/my/"})
    html = client.get("/my/").content.decode()
    assert not CJK.search(interface_text(html, user_written(plan)))


def test_the_same_pages_speak_chinese_by_default(client, alice, plan):
    client.force_login(alice)
    html = client.get(f"/plans/{plan.pk}/tasks/").content.decode()
    assert 'lang="zh-hans"' in html
    assert "任务表" in interface_text(html, user_written(plan))
    assert ">工作台<" in html


def catalogue_entries(path: Path) -> list[dict]:
    """The entries of a .po file: msgid, msgid_plural, msgstr / msgstr[n] (joined) and flags."""
    entries = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        entry: dict = {"flags": "", "msgstr": {}}
        current: list[str] | None = None
        for line in block.strip().splitlines():
            if line.startswith("#,"):
                entry["flags"] += line
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                current.append(ast.literal_eval(line))
            else:
                keyword, _, quoted = line.partition(" ")
                current = [ast.literal_eval(quoted)]
                if keyword.startswith("msgstr"):
                    index = int(keyword[7:-1]) if "[" in keyword else 0
                    entry["msgstr"][index] = current
                else:
                    entry[keyword] = current
        if "msgid" in entry:
            entry = {k: "".join(v) if isinstance(v, list) else v for k, v in entry.items()}
            entry["msgstr"] = {i: "".join(parts) for i, parts in entry["msgstr"].items()}
            entries.append(entry)
    return [e for e in entries if e["msgid"]]


def test_every_string_of_the_interface_has_its_english_translation():
    entries = catalogue_entries(LOCALE_DIR / "django.po")
    assert len(entries) > 400
    untranslated = [e["msgid"] for e in entries if not all(e["msgstr"].values()) or not e["msgstr"]]
    assert not untranslated, f"add English for these strings to django.po: {untranslated}"
    plurals_incomplete = [e["msgid"] for e in entries if "msgid_plural" in e and len(e["msgstr"]) != 2]
    assert not plurals_incomplete
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    assert not fuzzy, f"Django ignores fuzzy entries; check and unflag them: {fuzzy}"


def test_the_compiled_catalogue_matches_the_po_file():
    with open(LOCALE_DIR / "django.mo", "rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    stale = []
    for entry in catalogue_entries(LOCALE_DIR / "django.po"):
        if "msgid_plural" in entry:
            got = compiled.ngettext(entry["msgid"], entry["msgid_plural"], 1)
        elif "msgctxt" in entry:
            got = compiled.pgettext(entry["msgctxt"], entry["msgid"])
        else:
            got = compiled.gettext(entry["msgid"])
        if got != entry["msgstr"][0]:
            stale.append(entry["msgid"])
    assert not stale, f"run `make messages` (compilemessages) again: {stale[:5]}"


def test_a_forbidden_action_shows_duban_message_in_chinese(client, dave):
    client.force_login(dave)
    response = client.get("/units/import/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "只有督查员或系统管理员可以修改单位名录。" in html
    assert "<h1>没有权限</h1>" in html
    assert 'href="/"' in html


def test_a_forbidden_action_in_english_shows_the_translated_message(client, dave):
    client.force_login(dave)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get("/units/import/").content.decode()
    assert "Only supervisors and administrators can change the units directory." in html
    assert not CJK.search(interface_text(html, []))


def test_a_forbidden_page_without_a_message_from_duban_says_so_in_general(rf, dave):
    request = rf.get("/")
    request.user = dave
    for exception in (PermissionDenied(), PermissionDenied("Internal flag xyz missing")):
        with translation.override("zh-hans"):
            html = permission_denied(request, exception).content.decode()
        assert "您没有权限执行此操作。" in html
        assert "Internal flag" not in html


def test_a_missing_page_speaks_chinese_with_a_way_back(client, alice):
    client.force_login(alice)
    response = client.get("/plans/987654/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "找不到该页面，或您无权查看。" in html
    assert '<a href="/">返回工作台</a>' in html
    assert 'class="mainnav"' in html


def test_a_missing_task_is_the_same_page(client, alice):
    client.force_login(alice)
    response = client.get("/tasks/987654/")
    assert response.status_code == 404
    assert "找不到该页面，或您无权查看。" in response.content.decode()


def test_a_missing_page_in_english(english):
    html = english.get("/no/such/page/").content.decode()
    assert "This page does not exist, or you may not see it." in html
    assert ">Back to the workbench</a>" in html


def test_the_server_error_page_renders_alone_in_both_languages():
    with translation.override("zh-hans"):
        html = render_to_string("500.html")
    assert "<h1>系统出错</h1>" in html and 'href="/"' in html
    with translation.override("en"):
        html = render_to_string("500.html")
    assert "<h1>Something went wrong</h1>" in html
    assert not CJK.search(interface_text(html, []))


def test_a_bad_request_page_speaks_chinese(rf):
    with translation.override("zh-hans"):
        response = bad_request(rf.get("/"), Exception("bad"))
    assert response.status_code == 400
    assert "<h1>请求有误</h1>" in response.content.decode()
