"""Admin pages for the ledger (IT staff only): browsing and repairs; people use the pages and actions."""

from django.contrib import admin

from .models import Assignment, ImportDraft, Indicator, IndicatorStep, Milestone, Notice, Plan, Section, Task


class AssignmentInline(admin.TabularInline):
    model = Assignment
    extra = 0
    autocomplete_fields = ["unit"]


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["title", "doc_number", "issued_on", "period_end", "cycle", "state"]
    list_filter = ["state", "cycle"]
    search_fields = ["title", "doc_number"]
    raw_id_fields = ["carried_from", "created_by"]


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["plan", "number", "title", "position"]
    list_select_related = ["plan"]
    raw_id_fields = ["plan", "parent"]


@admin.register(Task)
class TaskAdmin(admin.ModelAdmin):
    list_display = ["number", "plan", "kind", "deadline", "state", "progress"]
    list_filter = ["state", "kind"]
    list_select_related = ["plan"]
    search_fields = ["text", "number"]
    raw_id_fields = ["plan", "section", "parent", "carried_from", "created_by"]
    inlines = [AssignmentInline, MilestoneInline]


class IndicatorStepInline(admin.TabularInline):
    model = IndicatorStep
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["metric", "comparator", "target", "measure", "task"]
    list_select_related = ["task"]
    raw_id_fields = ["task"]
    inlines = [IndicatorStepInline]


@admin.register(ImportDraft)
class ImportDraftAdmin(admin.ModelAdmin):
    list_display = ["source_name", "created_by", "created_at"]
    exclude = ["plan_json", "source_text"]


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    list_display = ["unit", "task", "kind", "created_at", "read_at"]
    list_select_related = ["unit", "task"]
    raw_id_fields = ["unit", "task", "plan"]
