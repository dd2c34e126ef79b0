"""Pages of plans and tasks (the ledger). Included under / by duban/web/urls.py (namespace `web`).

/plans/ (web:plans) and /my/ (web:my_tasks) are routed by duban/web/urls.py to the views here.
"""

from django.urls import path

from duban.web import views_import as imp
from duban.web import views_plans as plans
from duban.web import views_tasks as tasks

draft_task = "plans/import/<int:draft_id>/tasks/<str:task_id>/"

urlpatterns = [
    path("plans/import/", imp.import_plan, name="plan_import"),
    path("plans/import/<int:draft_id>/", imp.draft_review, name="draft_review"),
    path("plans/import/<int:draft_id>/meta/", imp.draft_meta, name="draft_meta"),
    path("plans/import/<int:draft_id>/add/", imp.draft_add_task, name="draft_add_task"),
    path("plans/import/<int:draft_id>/accept-leads/", imp.draft_accept_leads, name="draft_accept_leads"),
    path("plans/import/<int:draft_id>/confirm/", imp.draft_confirm, name="draft_confirm"),
    path("plans/import/<int:draft_id>/cancel/", imp.draft_cancel, name="draft_cancel"),
    path("plans/import/<int:draft_id>/export.xlsx", imp.draft_export, name="draft_export"),
    path("plans/import/<int:draft_id>/units/", imp.draft_unit_choice, name="draft_unit_choice"),
    path(draft_task, imp.draft_task, name="draft_task"),
    path(draft_task + "edit/", imp.draft_task_edit, name="draft_task_edit"),
    path(draft_task + "split/", imp.draft_task_split, name="draft_task_split"),
    path(draft_task + "merge/", imp.draft_task_merge, name="draft_task_merge"),
    path(draft_task + "move/", imp.draft_task_move, name="draft_task_move"),
    path(draft_task + "delete/", imp.draft_task_delete, name="draft_task_delete"),
    path(draft_task + "accept-lead/", imp.draft_task_accept_lead, name="draft_task_accept_lead"),
    path("plans/<int:plan_id>/", plans.plan_detail, name="plan_detail"),
    path("plans/<int:plan_id>/tasks/", plans.plan_tasks, name="plan_tasks"),
    path("plans/<int:plan_id>/export.xlsx", plans.plan_export, name="plan_export"),
    path("plans/<int:plan_id>/carry-over/", plans.plan_carry_over, name="plan_carry_over"),
    path("tasks/<int:task_id>/", tasks.task_detail, name="task_detail"),
    path("tasks/<int:task_id>/edit/", tasks.task_edit, name="task_edit"),
    path("tasks/<int:task_id>/split/", tasks.task_split, name="task_split"),
]
