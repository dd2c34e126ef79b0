"""The audit trail in the admin: readable and searchable, never editable."""

from django.contrib import admin

from duban.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["at", "actor_name", "action", "object_type", "object_repr", "note"]
    list_filter = ["action", "object_type"]
    search_fields = ["object_repr", "actor_name", "note", "request_id"]
    list_select_related = ["object_type"]
    show_full_result_count = False  # millions of rows: do not count them on every page

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
