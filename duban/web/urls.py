"""The pages' URLs. Each area keeps its own list (urls_plans, urls_units) so parts grow apart."""

from django.urls import include, path

from duban.web import views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("plans/", views.plans, name="plans"),
    path("my/", views.my_tasks, name="my_tasks"),
    path("review/", views.review, name="review"),
    path("settings/", views.settings_page, name="settings"),
    path("", include("duban.web.urls_plans")),
    path("units/", include("duban.web.urls_units")),
]
