"""The login page and the application shell, as a person meets them."""

import pytest

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_login_page_speaks_chinese_first(client):
    response = client.get("/login/")
    body = response.content.decode()
    assert response.status_code == 200
    assert 'lang="zh-hans"' in body
    assert "登录督办系统" in body


def test_wrong_password_gets_a_chinese_message_and_no_session(client, office_user):
    response = client.post("/login/", {"username": "office", "password": "wrong"})
    assert response.status_code == 200
    assert "用户名或密码不正确" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_login_lands_on_the_workbench_with_navigation(client, office_user):
    response = client.post("/login/", {"username": "office", "password": PASSWORD}, follow=True)
    body = response.content.decode()
    assert response.redirect_chain[-1][0] == "/"
    for label in ("工作台", "方案", "我的任务", "审核", "设置"):
        assert f">{label}</a>" in body
    assert "王督查" in body


def test_every_navigation_item_opens(client, office_user):
    client.force_login(office_user)
    for url in ("/", "/plans/", "/my/", "/review/", "/settings/"):
        assert client.get(url).status_code == 200, url


def test_english_is_one_switch_away(client, office_user):
    client.force_login(office_user)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    body = client.get("/").content.decode()
    assert 'lang="en"' in body
    assert ">Workbench</a>" in body
    assert ">My tasks</a>" in body


def test_admin_site_is_for_administrators_only(client, office_user, admin_user):
    client.force_login(office_user)
    assert client.get("/admin/").status_code == 302
    client.force_login(admin_user)
    assert client.get("/admin/").status_code == 200


def test_logout_ends_the_session(client, office_user):
    client.force_login(office_user)
    client.post("/logout/")
    assert client.get("/").status_code == 302
