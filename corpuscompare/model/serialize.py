"""Serialization, the JSON contracts: any record of :mod:`corpuscompare.model` to JSON-ready
values and back.

- :func:`to_data` -- dataclasses become objects with their field names, tuples (named ones
  included, such as :class:`~corpuscompare.model.alignment.DiffOp`) become arrays,
  statuses their lower-case names.
- :func:`from_data` -- reads them back, raising :class:`~corpuscompare.errors.ShapeError`
  for anything of the wrong shape.
- :func:`to_json` -- sorted keys, so the same record always gives the same bytes.
  ``data.json`` of a report is ``to_json`` of the
  :class:`~corpuscompare.model.comparison.CorpusComparison`, slimmed for large corpora by
  :func:`corpuscompare.report.data.slim`.

>>> from corpuscompare.model.alignment import DiffOp, Status
>>> from corpuscompare.model.results import DiffRow
>>> row = DiffRow(Status.CHANGED, (0,), (0,), "坚持改革", "坚持开放", 0.5, (DiffOp("equal", "坚持"),))
>>> to_data(row)["ops"], to_data(row)["status"]
([['equal', '坚持']], 'changed')
>>> from_data(to_data(row), DiffRow) == row
True
"""

from __future__ import annotations

import json
import typing
from typing import Any

import cattrs

from ..errors import ShapeError
from .alignment import MatchStatus, Status
from .comparison import T
from .document import Role
from .findings import Presence

__all__ = ["from_data", "to_data", "to_json"]


def _converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True)

    # named tuples with postponed annotations: cattrs needs their resolved field types
    def is_named_tuple(cls: Any) -> bool:
        return isinstance(cls, type) and issubclass(cls, tuple) and hasattr(cls, "_fields")

    def structure_named_tuple(cls: type) -> Any:
        hints = list(typing.get_type_hints(cls).values())

        def structure(value: Any, _: Any) -> Any:
            if not isinstance(value, list | tuple) or len(value) != len(hints):
                raise ValueError(f"{cls.__name__} wants {len(hints)} items")
            return cls(*(conv.structure(v, t) for v, t in zip(value, hints)))

        return structure

    conv.register_structure_hook_factory(is_named_tuple, structure_named_tuple)
    conv.register_unstructure_hook_factory(
        is_named_tuple, lambda cls: lambda value: [conv.unstructure(v) for v in value]
    )
    for enum in (Status, MatchStatus, Presence, Role):
        conv.register_unstructure_hook(enum, str)

    def strict(kind: type) -> Any:
        def structure(value: Any, _: Any) -> Any:
            if type(value) is not kind and not (kind is float and type(value) is int):
                raise ValueError(f"{kind.__name__} expected, got {type(value).__name__}")
            return kind(value)

        return structure

    for kind in (str, int, float, bool):
        conv.register_structure_hook(kind, strict(kind))
    for enum in (Status, MatchStatus, Presence, Role):  # after str: an enum is a str too
        conv.register_structure_hook(enum, lambda value, cls: cls(value))
    return conv


_CONVERTER = _converter()


def to_data(record: Any) -> Any:
    """JSON-ready values of a record (see the module docstring)."""
    return _CONVERTER.unstructure(record)


def from_data(data: Any, cls: type[T]) -> T:
    """The record of type ``cls`` that :func:`to_data` gave ``data``; a value of another
    shape (a wrong type, a missing or unknown key) raises
    :class:`~corpuscompare.errors.ShapeError`."""
    try:
        return _CONVERTER.structure(data, cls)
    except Exception as exc:  # cattrs reports bad shapes as ExceptionGroups of many kinds
        raise ShapeError(f"not a {cls.__name__}: {type(exc).__name__}") from None


def to_json(record: Any, *, indent: int | None = 2) -> str:
    """Deterministic JSON of a record (or of plain JSON-like data): sorted keys, UTF-8
    text, a trailing newline; values JSON does not know (a date in front matter) as text."""
    separators = (",", ": ") if indent else (",", ":")
    data = to_data(record)
    return (
        json.dumps(data, ensure_ascii=False, indent=indent, sort_keys=True, separators=separators, default=str) + "\n"
    )
