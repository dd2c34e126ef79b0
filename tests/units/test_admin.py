"""The admin site's directory pages, for IT staff."""

import pytest

from duban.units.models import Unit

pytestmark = pytest.mark.django_db


def test_admin_finds_a_unit_by_an_alias_and_edits_members(client, admin_user, gansu):
    client.force_login(admin_user)
    body = client.get("/admin/units/unit/", {"q": "省发展改革委"}).content.decode()
    assert "甘肃省发展和改革委员会" in body and "甘肃省教育厅" not in body
    assert (
        client.get("/admin/units/unit/", {"kind__exact": "city_gov", "is_group__exact": "1"}).status_code
        == 200
    )
    page = client.get(f"/admin/units/unit/{gansu['cities'].pk}/change/").content.decode()
    assert "selectfilter" in page.lower() or "SelectFilter" in page
    assert client.get("/admin/units/membership/").status_code == 200


def test_admin_saves_aliases_typed_as_one_line(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        "/admin/units/unit/add/",
        {
            "name": "甘肃省林业和草原局",
            "short_name": "省林草局",
            "aliases": "甘肃林草局、省林业草原局",
            "kind": "provincial_dept",
            "region": "",
            "active": "on",
            "sort_order": "5",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    unit = Unit.objects.get(name="甘肃省林业和草原局")
    assert unit.aliases == ["甘肃林草局", "省林业草原局"]
