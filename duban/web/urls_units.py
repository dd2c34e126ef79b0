"""Pages of the units directory. Included under /units/ by duban/web/urls.py."""

from django.urls import path

from duban.web import unit_views

urlpatterns: list = [
    path("", unit_views.directory, name="units"),
    path("<int:unit_id>/", unit_views.unit_detail, name="unit_detail"),
    path("import/", unit_views.import_directory, name="units_import"),
    path("template.xlsx", unit_views.template_download, name="units_template"),
    path("export.xlsx", unit_views.export_download, name="units_export"),
]
