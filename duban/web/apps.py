from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "duban.web"
    label = "web"
    verbose_name = _("网页")

    def ready(self) -> None:
        from django.contrib import admin

        admin.site.site_header = _("督办 duban 管理")
        admin.site.site_title = _("督办 duban")
        admin.site.index_title = _("系统管理")
