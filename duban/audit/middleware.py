"""Request ids for the audit trail: every event written while serving a request carries the same id.

Add "duban.audit.middleware.RequestIdMiddleware" to MIDDLEWARE. A proxy's X-Request-ID header is kept
(when it is a plain token), else a new id is made; the response echoes it, so a complaint about one
page view can be matched to its log lines and audit events.
"""

from __future__ import annotations

import re
import uuid
from contextvars import ContextVar

_current: ContextVar[str] = ContextVar("duban_audit_request_id", default="")
_TOKEN = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


def current_request_id() -> str:
    """The id of the request being served ("" outside a request: commands, tests)."""
    return _current.get()


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get("X-Request-ID", "")
        request_id = given if _TOKEN.match(given) else uuid.uuid4().hex
        request.request_id = request_id
        token = _current.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        response["X-Request-ID"] = request_id
        return response
