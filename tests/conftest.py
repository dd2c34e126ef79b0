"""Fixtures shared by the whole suite: the fixed cast of users (an office supervisor, an outsider)."""

import pytest

PASSWORD = "pw-for-tests-1"


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """Everything under tests/browser drives Chromium: mark it so `-m browser` selects it."""
    for item in items:
        if "/tests/browser/" in str(item.path):
            item.add_marker(pytest.mark.browser)


@pytest.fixture
def office_user(django_user_model):
    return django_user_model.objects.create_user("office", password=PASSWORD, first_name="王督查")


@pytest.fixture
def admin_user(django_user_model):
    return django_user_model.objects.create_superuser("root", password=PASSWORD)
