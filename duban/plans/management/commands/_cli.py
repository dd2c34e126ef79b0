"""What the ledger's commands share: refusing bad input with one Chinese line and exit status 2."""

from __future__ import annotations

import sys

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _


class Refusal(SystemExit):
    """Stop the command: the message was written to stderr; the exit status is 2."""

    def __init__(self) -> None:
        super().__init__(2)


def refuse(command, message: str) -> Refusal:
    command.stderr.write(message)
    command.stderr.flush()
    sys.stderr.flush()
    return Refusal()


def find_user(command, username: str | None):
    """The user named on the command line (None: the operator acting as the system)."""
    if not username:
        return None
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise refuse(command, _("没有用户名为“%(name)s”的账号。") % {"name": username})
    return user
