from __future__ import annotations

from pathlib import Path

import pytest

pytest_plugins = ["sphinx.testing.fixtures"]

ROOTS = Path(__file__).resolve().parent / "roots"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


@pytest.fixture
def no_pybtex(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``import pybtex`` fail, as without the ``[bibtex]`` extra."""
    import builtins
    import sys
    from typing import Any

    real_import = builtins.__import__

    def fake_import(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "pybtex" or name.startswith("pybtex."):
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake_import)
    for name in [module for module in sys.modules if module.startswith("pybtex")]:
        monkeypatch.delitem(sys.modules, name)
