from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _rebuild_spellings(sender, **kwargs) -> None:
    """After migrate, the stored name keys follow the name rules of the code now installed."""
    from django.db import connections

    from duban.units.directory import rebuild_spellings
    from duban.units.models import Unit

    using = kwargs.get("using", "default")
    if Unit._meta.db_table in connections[using].introspection.table_names():
        rebuild_spellings()


class UnitsConfig(AppConfig):
    name = "duban.units"
    label = "units"
    verbose_name = _("单位")

    def ready(self) -> None:
        post_migrate.connect(_rebuild_spellings, sender=self, dispatch_uid="units_rebuild_spellings")
