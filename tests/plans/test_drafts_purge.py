"""Abandoned import drafts are purged after DUBAN_DRAFT_DAYS: by `duban drafts purge` and on every upload."""

import datetime as dt
import io

import pytest
from django.core.management import call_command

from duban.plans import actions
from duban.plans.models import ImportDraft

pytestmark = pytest.mark.django_db

DOCUMENT = "关于测试的实施方案\n一、主要任务\n（一）年底前完成医保基金清算。（省医保局牵头）\n"
MONDAY = dt.date(2019, 11, 4)


def _draft_on(settings, day: dt.date, user, name: str = "旧草稿.txt") -> ImportDraft:
    settings.DUBAN_TODAY = day
    return actions.create_draft(user, DOCUMENT.encode(), name)


def _purge() -> str:
    out = io.StringIO()
    call_command("drafts", "purge", stdout=out)
    return out.getvalue()


def test_the_command_purges_drafts_older_than_seven_days_and_says_how_many(settings, supervisor, admin_user):
    old = _draft_on(settings, MONDAY, supervisor)
    others = _draft_on(settings, MONDAY, admin_user)
    fresh = _draft_on(settings, MONDAY + dt.timedelta(days=3), supervisor)

    settings.DUBAN_TODAY = MONDAY + dt.timedelta(days=8)
    output = _purge()

    assert "2" in output and "7" in output
    remaining = set(ImportDraft.objects.values_list("pk", flat=True))
    assert remaining == {fresh.pk}
    assert old.pk not in remaining and others.pk not in remaining


def test_a_draft_six_days_old_is_kept(settings, supervisor):
    draft = _draft_on(settings, MONDAY, supervisor)

    settings.DUBAN_TODAY = MONDAY + dt.timedelta(days=6)
    assert "0" in _purge()

    assert ImportDraft.objects.filter(pk=draft.pk).exists()


def test_the_limit_is_a_setting(settings, supervisor):
    settings.DUBAN_DRAFT_DAYS = 2
    _draft_on(settings, MONDAY, supervisor)

    settings.DUBAN_TODAY = MONDAY + dt.timedelta(days=3)
    _purge()

    assert not ImportDraft.objects.exists()


def test_a_new_upload_purges_everyone_s_expired_drafts(settings, supervisor, admin_user):
    _draft_on(settings, MONDAY, supervisor)
    _draft_on(settings, MONDAY, admin_user)

    new = _draft_on(settings, MONDAY + dt.timedelta(days=10), supervisor, "新草稿.txt")

    assert list(ImportDraft.objects.values_list("pk", flat=True)) == [new.pk]


def test_a_new_upload_keeps_drafts_still_under_review(settings, supervisor, admin_user):
    kept = _draft_on(settings, MONDAY, admin_user)

    _draft_on(settings, MONDAY + dt.timedelta(days=1), supervisor, "新草稿.txt")

    assert ImportDraft.objects.filter(pk=kept.pk).exists()
    assert ImportDraft.objects.count() == 2


def test_the_import_page_says_how_long_drafts_are_kept(client, settings, supervisor):
    settings.DUBAN_DRAFT_DAYS = 5
    _draft_on(settings, MONDAY, supervisor)
    client.force_login(supervisor)

    page = client.get("/plans/import/").content.decode()

    assert "未确认的草稿保留 5 天" in page
