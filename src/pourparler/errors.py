"""Errors meant for users: one sentence that says what went wrong and what to do."""


class PourparlerError(Exception):
    """A failure the user can act on; the CLI prints it without a traceback."""


class InputError(PourparlerError):
    """One input (file, record, URL) cannot be read; the rest of a batch goes on."""


class BadInput(PourparlerError):
    """A story, actor, date or query the user gave that a command cannot use; it exits with 1."""
