"""Pages of the units directory. Included under /units/ by duban/web/urls.py."""

urlpatterns: list = []
