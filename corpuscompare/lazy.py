"""Re-exports that import their module only when first asked for (PEP 562).

A subpackage's ``__init__`` names its few public names and the module of each; importing
one stage's module then never loads its siblings (``import corpuscompare.corpus.normalize``
does not load jieba's segmenter, nor ``corpuscompare.model.document`` cattrs).

>>> getattr_, dir_ = exports("corpuscompare.model", {"Status": "alignment"})
>>> getattr_("Status").SAME
<Status.SAME: 'same'>
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Any

__all__ = ["exports"]


def exports(package: str, names: Mapping[str, str]) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``__getattr__`` and ``__dir__`` for ``package``: ``names`` maps each public name to
    the submodule (relative to ``package``) that defines it."""

    def __getattr__(name: str) -> Any:
        if name in names:
            return getattr(import_module(f"{package}.{names[name]}"), name)
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    def __dir__() -> list[str]:
        return sorted(names)

    return __getattr__, __dir__
