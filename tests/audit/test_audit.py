"""The audit trail: who changed what and when, append-only, hash-chained, checkable from the command line."""

import datetime as dt
import decimal
import threading

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.db import connection, connections
from django.http import HttpResponse

from duban.audit.log import (
    build,
    describe_changes,
    diff,
    history,
    json_value,
    record,
    record_many,
    snapshot,
    verify_chain,
)
from duban.audit.models import AuditEvent, AuditImmutableError

pytestmark = pytest.mark.django_db


@pytest.fixture
def group():
    return Group.objects.create(name="督查组")


def test_an_event_says_who_did_what_when_with_before_and_after(office_user, group, settings):
    settings.DUBAN_TODAY = dt.date(2019, 11, 20)
    before = snapshot(group)
    group.name = "第一督查组"
    group.save()

    event = record(office_user, "update", group, before=before, after=snapshot(group), note="改名")

    stored = AuditEvent.objects.get(pk=event.pk)
    assert stored.actor == office_user
    assert stored.actor_name == "王督查"
    assert stored.at.astimezone(dt.timezone(dt.timedelta(hours=8))).date() == dt.date(2019, 11, 20)
    assert stored.before == {"name": "督查组"}
    assert stored.after == {"name": "第一督查组"}
    assert [(c.label, c.before, c.after) for c in describe_changes(stored)] == [
        ("名称", "督查组", "第一督查组")
    ]


def test_unchanged_fields_are_not_stored(office_user):
    event = record(
        office_user, "update", office_user, before=snapshot(office_user), after=snapshot(office_user)
    )
    assert event.before == {} and event.after == {}


def test_the_name_survives_the_deleted_account(django_user_model, group):
    user = django_user_model.objects.create_user("temp", first_name="李四")
    event = record(user, "create", group)
    user.delete()
    stored = AuditEvent.objects.get(pk=event.pk)
    assert stored.actor is None
    assert stored.actor_label == "李四"
    assert verify_chain().ok


def test_an_event_cannot_be_changed_or_deleted(office_user, group):
    event = record(office_user, "create", group)
    event.note = "改过"
    with pytest.raises(AuditImmutableError):
        event.save()
    with pytest.raises(AuditImmutableError):
        event.delete()
    with pytest.raises(AuditImmutableError):
        AuditEvent.objects.filter(pk=event.pk).update(note="改过")
    with pytest.raises(AuditImmutableError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get(pk=event.pk).note == ""


def test_a_child_event_shows_in_its_parents_history(office_user, group, django_user_model):
    member = django_user_model.objects.create_user("member")
    own = record(office_user, "create", group)
    child = record(office_user, "assign", member, parent=group, note="加入督查组")
    record(office_user, "update", office_user)  # unrelated

    assert list(history(group)) == [child, own]
    assert list(history(group, include_children=False)) == [own]
    assert list(history(member)) == [child]


def test_snapshot_values_are_json_safe():
    assert json_value(dt.date(2026, 6, 30)) == "2026-06-30"
    assert json_value(decimal.Decimal("12.50")) == "12.50"
    assert json_value({"a": (1, decimal.Decimal("2"))}) == {"a": [1, "2"]}


def test_snapshot_shows_relations_by_id_and_name(office_user, group):
    office_user.groups.add(group)
    values = snapshot(office_user, ["username", "groups", "date_joined"])
    assert values["username"] == "office"
    assert values["groups"] == [{"id": group.pk, "str": "督查组"}]
    assert dt.datetime.fromisoformat(values["date_joined"]) == office_user.date_joined


def test_diff_lists_only_changed_fields():
    assert diff({"a": 1, "b": 2}, {"a": 1, "b": 3, "c": 4}) == {
        "b": {"before": 2, "after": 3},
        "c": {"before": None, "after": 4},
    }


def test_record_many_chains_in_order_with_one_insert(office_user, group, django_assert_max_num_queries):
    record(office_user, "create", group)
    events = [build(office_user, "create", group, note=f"第{i}条") for i in range(130)]
    with django_assert_max_num_queries(8):  # lock + last hash + a few batched INSERTs, not 130
        saved = record_many(events)
    stored = list(AuditEvent.objects.order_by("id"))
    assert [e.note for e in stored[1:]] == [e.note for e in saved]
    assert all(later.prev_hash == earlier.hash for earlier, later in zip(stored, stored[1:]))
    assert verify_chain().checked == 131


def test_verify_passes_on_an_intact_chain(office_user, group, capsys):
    for action in ("create", "update", "confirm"):
        record(office_user, action, group)
    call_command("audit", "verify")
    assert "审计链完整：3 条记录" in capsys.readouterr().out


def test_verify_fails_after_a_row_is_changed_behind_its_back(office_user, group):
    first = record(office_user, "create", group, after={"name": "督查组"})
    second = record(office_user, "update", group)
    record(office_user, "update", group)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {AuditEvent._meta.db_table} SET after = %s WHERE id = %s",
            ['{"name": "别的组"}', second.pk],
        )

    with pytest.raises(CommandError) as failure:
        call_command("audit", "verify")
    assert failure.value.returncode == 1
    assert f"编号 {second.pk}" in str(failure.value)
    assert verify_chain().broken_id == second.pk
    assert first.pk != second.pk


def test_verify_notices_a_deleted_row(office_user, group):
    events = [record(office_user, "update", group, note=str(i)) for i in range(3)]
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {AuditEvent._meta.db_table} WHERE id = %s", [events[1].pk])
    check = verify_chain()
    assert not check.ok and check.broken_id == events[2].pk


def test_tail_prints_recent_events_in_chinese(office_user, group, capsys):
    record(office_user, "create", group)
    record(None, "update", group, before={"name": "督查组"}, after={"name": "第二组"})
    call_command("audit", "tail", "-n", "1")
    out = capsys.readouterr().out
    assert "系统  修改  组「督查组」" in out
    assert "名称：督查组 → 第二组" in out
    assert "新建" not in out


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_keep_one_chain(django_user_model):
    if connection.vendor == "sqlite":
        pytest.skip(
            "SQLite serialises writers itself; the in-memory test database cannot be shared by threads"
        )
    group = Group.objects.create(name="并发组")
    errors = []

    def write(worker: int) -> None:
        try:
            for i in range(15):
                record(None, "update", group, note=f"{worker}-{i}")
        except Exception as exc:  # reported below: a failure in a thread must fail the test
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    check = verify_chain()
    assert check.ok and check.checked == 90


def test_events_written_during_a_request_carry_its_id(office_user, group, rf):
    from duban.audit.middleware import RequestIdMiddleware

    def view(request):
        record(office_user, "update", group)
        return HttpResponse("ok")

    response = RequestIdMiddleware(view)(rf.get("/", HTTP_X_REQUEST_ID="req-42"))
    assert response["X-Request-ID"] == "req-42"
    assert AuditEvent.objects.get().request_id == "req-42"

    response = RequestIdMiddleware(view)(rf.get("/", HTTP_X_REQUEST_ID="bad id; drop table"))
    assert AuditEvent.objects.first().request_id == response["X-Request-ID"] != "bad id; drop table"
    assert record(office_user, "update", group).request_id == "", "outside a request there is no id"


def test_changes_are_shown_with_field_names_and_choice_labels(office_user):
    from duban.plans.models import Plan, Task

    plan = Plan.objects.create(title="方案")
    task = Task.objects.create(plan=plan, number="1", text="任务", kind="routine")
    event = record(
        office_user,
        "update",
        task,
        before={"kind": "routine", "deadline_text": None},
        after={"kind": "indicator", "deadline_text": "", "children": [{"id": 9, "str": "1.1 甲区"}]},
        parent=plan,
    )
    assert [(c.label, c.before, c.after) for c in describe_changes(event)] == [
        ("类型", "常态", "指标"),
        ("任务", "—", "1.1 甲区"),
    ]
