"""The admin site's pages for the directory: units (with their group members) and people's roles."""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from .forms import UnitAdminForm
from .models import LeadKnowledgeStore, Membership, Unit


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ("user",)


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    form = UnitAdminForm
    list_display = (
        "name",
        "short_name",
        "kind",
        "is_group",
        "member_count",
        "parent",
        "active",
        "sort_order",
    )
    list_filter = ("kind", "is_group", "active")
    search_fields = ("name", "short_name", "search_text")
    list_select_related = ("parent",)
    filter_horizontal = ("members",)
    autocomplete_fields = ("parent",)
    inlines = (MembershipInline,)
    ordering = ("sort_order", "name")
    fields = (
        "name",
        "short_name",
        "aliases",
        "kind",
        "parent",
        "region",
        "is_group",
        "members",
        "active",
        "sort_order",
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_member_count=Count("members", distinct=True))

    @admin.display(description=_("成员数"), ordering="_member_count")
    def member_count(self, unit: Unit) -> int:
        return unit._member_count


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "unit", "role")
    list_filter = ("role", "unit__kind")
    search_fields = (
        "user__username",
        "user__first_name",
        "user__last_name",
        "unit__name",
        "unit__short_name",
    )
    list_select_related = ("user", "unit")
    autocomplete_fields = ("user", "unit")


@admin.register(LeadKnowledgeStore)
class LeadKnowledgeStoreAdmin(admin.ModelAdmin):
    list_display = ("__str__", "tasks", "updated_at")
    readonly_fields = ("tasks", "updated_at")
    exclude = ("data",)

    def has_add_permission(self, request) -> bool:
        return False
