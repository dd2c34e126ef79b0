"""Pages of plans and tasks (the ledger). Included under / by duban/web/urls.py."""

urlpatterns: list = []
