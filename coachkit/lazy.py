"""Lazy package exports (PEP 562): a name's module is imported on first use.

Packages share this so ``import coachkit`` and the ``coachkit`` command stay fast: the
scoring path never pays for pandas, matplotlib, nbgrader or ipywidgets it does not use.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any


def lazy_exports(package: str, exports: dict[str, str]) -> tuple[list[str], Callable[[str], Any], Callable[[], list[str]]]:
    """Return ``__all__``, ``__getattr__`` and ``__dir__`` for ``package`` exporting ``exports``
    (public name -> module that defines it)."""
    names = sorted(exports)

    def __getattr__(name: str) -> Any:
        if name in exports:
            return getattr(importlib.import_module(exports[name]), name)
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    def __dir__() -> list[str]:
        return names

    return names, __getattr__, __dir__
