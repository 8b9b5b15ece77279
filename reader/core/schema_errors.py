"""The exceptions of the generated validators (reader/core/notes_validator.py and
study_validator.py).

They stand in for fastjsonschema's own, with the same names and messages, so that reading
a notes or study file does not import fastjsonschema (~4 ms and 1 MB at start-up, issue
#17) nor compile its schema; the generator lives in tests/core/test_schema_validators.py.
"""

from __future__ import annotations

from typing import Any


class JsonSchemaException(ValueError):  # noqa: N818 (fastjsonschema's names)
    """The data does not match the schema; `message` says where and how."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class JsonSchemaValueException(JsonSchemaException):
    """One value breaks a rule: `name` is its path (e.g. data.highlights[0].start)."""

    def __init__(
        self, message: str, value: Any = None, name: str | None = None, rule: str | None = None
    ) -> None:
        super().__init__(message)
        self.value = value
        self.name = name
        self.rule = rule


class JsonSchemaValuesException(JsonSchemaException):
    """Several values break rules (a validator generated without fast_fail)."""

    def __init__(self, errors: list[JsonSchemaValueException]) -> None:
        super().__init__("; ".join(error.message for error in errors))
        self.errors = errors
