from django.urls import path

from duban.web import views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("plans/", views.plans, name="plans"),
    path("my/", views.my_tasks, name="my_tasks"),
    path("review/", views.review, name="review"),
    path("settings/", views.settings_page, name="settings"),
]
