"""Fixtures of the units directory tests: people in their roles, and a small directory of one province."""

import pytest

from duban.units.models import Membership, Unit, UnitKind
from duban.units.roles import Role


@pytest.fixture
def supervisor(office_user):
    Membership.objects.create(user=office_user, role=Role.SUPERVISOR)
    return office_user


@pytest.fixture
def liaison(django_user_model):
    user = django_user_model.objects.create_user("liaison", password="pw-for-tests-1", first_name="李联络")
    unit = Unit.objects.create(name="甘肃省财政厅", short_name="省财政厅", kind=UnitKind.PROVINCIAL_DEPT)
    Membership.objects.create(user=user, unit=unit, role=Role.LIAISON)
    return user


def make_group(name: str, kind: str, members: list[str], **fields) -> Unit:
    group = Unit.objects.create(name=name, kind=kind, is_group=True, **fields)
    group.members.set([Unit.objects.get_or_create(name=m, defaults={"kind": kind})[0] for m in members])
    return group


@pytest.fixture
def gansu():
    """A few units of 甘肃省, written the way the office writes them, and its groups."""
    ndrc = Unit.objects.create(
        name="甘肃省发展和改革委员会", short_name="省发展改革委", kind=UnitKind.PROVINCIAL_DEPT, sort_order=1
    )
    Unit.objects.create(name="甘肃省教育厅", kind=UnitKind.PROVINCIAL_DEPT, sort_order=2)
    Unit.objects.create(
        name="国家税务总局甘肃省税务局", short_name="省税务局", kind=UnitKind.CENTRAL, sort_order=3
    )
    cities = make_group(
        "各市州政府", UnitKind.CITY_GOV, ["兰州市人民政府", "天水市人民政府", "甘南藏族自治州人民政府"]
    )
    counties = make_group("各县（市、区）政府", UnitKind.COUNTY_GOV, ["榆中县人民政府", "城关区人民政府"])
    parks = make_group("各园区管委会", UnitKind.PARK, ["兰州新区管理委员会"])
    departments = make_group("省直各部门", UnitKind.PROVINCIAL_DEPT, [])
    departments.members.set([ndrc, Unit.objects.get(name="甘肃省教育厅")])
    return {"ndrc": ndrc, "cities": cities, "counties": counties, "parks": parks, "departments": departments}
