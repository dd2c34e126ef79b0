"""The one exception type the extractor raises for input it cannot read."""


class ExtractError(Exception):
    """A document duban cannot read: the message is one sentence for the person who gave it (Chinese).

    `code` names the kind of failure for programs: empty, binary, too_large, old_doc, scanned_pdf,
    no_tasks, encoding, unsupported.
    """

    def __init__(self, message: str, code: str = "unreadable") -> None:
        super().__init__(message)
        self.message = message
        self.code = code
