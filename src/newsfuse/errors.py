"""Every error newsfuse raises, each with a code.

Exception tree::

    NewsfuseError
    ├── InputError        nothing usable could be read from the inputs
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
    code = "E001"
    exit_code = 2


class ConfigError(NewsfuseError):
    code = "E002"
    exit_code = 2


class ModelError(NewsfuseError):
    code = "E003"
    exit_code = 3


class StoreError(NewsfuseError):
    code = "E004"
    exit_code = 4


class NotFoundError(NewsfuseError):
    code = "E005"
    exit_code = 5
