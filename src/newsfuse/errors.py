"""Every error newsfuse raises, each with a code.

Exception tree::

    NewsfuseError
    ├── InputError        the inputs cannot be read
    │   ├── InputTypeError    an input is neither a path, an Article, a dict nor text
    │   │                     (also a TypeError)
    │   └── NothingReadError  not one article could be read (``rejected`` says why)
    ├── ConfigError       an option or setting is invalid
    ├── ModelError        a model package is missing or broken
    ├── StoreError        the store could not be opened or written
    └── NotFoundError     an event, article or file that was asked for does not exist

Library code raises these; only ``newsfuse.cli`` turns them into exit codes.
"""

from __future__ import annotations


class NewsfuseError(Exception):
    """Base class. ``code`` is a short stable identifier (``E0xx``) shown with the message."""

    code = "E000"
    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


class InputError(NewsfuseError):
    """The inputs cannot be read."""

    code = "E001"
    exit_code = 2


class InputTypeError(InputError, TypeError):
    """An input is neither a path, an Article, a dict nor a string of text."""

    code = "E006"


class NothingReadError(InputError):
    """No input gave an article; ``rejected`` holds each input's Rejection (the reasons)."""

    code = "E007"

    def __init__(self, message: str, rejected: list | None = None) -> None:
        super().__init__(message)
        self.rejected = list(rejected or [])


class ConfigError(NewsfuseError):
    """An option or setting is invalid."""

    code = "E002"
    exit_code = 2


class ModelError(NewsfuseError):
    """A model package is missing or broken."""

    code = "E003"
    exit_code = 3


class StoreError(NewsfuseError):
    """The store could not be opened or written."""

    code = "E004"
    exit_code = 4


class NotFoundError(NewsfuseError):
    """An event, article or file that was asked for does not exist."""

    code = "E005"
    exit_code = 5
