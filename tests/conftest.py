from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest

pytest_plugins = ["sphinx.testing.fixtures"]

ROOTS = Path(__file__).resolve().parent / "roots"


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    # mutmut runs the tests of each mutant in a forked process that exits without
    # pytest's clean-up, which would leave one numbered directory of Sphinx builds
    # per mutant in the shared pytest temp dir. Each such run gets its own, removed
    # when it ends.
    if os.environ.get("MUTANT_UNDER_TEST") and config.option.basetemp is None:
        basetemp = tempfile.mkdtemp(prefix="litreview-mutant-")
        config.option.basetemp = basetemp
        config.add_cleanup(partial(shutil.rmtree, basetemp, ignore_errors=True))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # mutmut runs a mutant's tests fastest first and stops at the first failure; the
    # tests named for the mutated module (test_export*.py for export.py) go first, as
    # they are the likeliest to fail, so that most mutants die in seconds.
    mutant = os.environ.get("MUTANT_UNDER_TEST", "")
    if "__mutmut_" not in mutant:
        return
    parts = mutant.rpartition(".")[0].split(".")[1:]  # sphinxcontrib_litreview.views.render -> views, render
    if parts:
        items.sort(key=lambda item: not any(part in item.path.stem for part in parts))


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


@pytest.fixture
def sphinx_test_tempdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where ``sphinx.testing`` builds a test root: shared by the session, so the second
    test of a root finds its build up to date and writes nothing.

    While mutmut records which tests reach which function, every test builds afresh:
    otherwise the tests after the first on a root are not recorded at all, never run
    against the mutants, and mutants they would kill survive.
    """
    if os.environ.get("MUTANT_UNDER_TEST") == "stats":
        return tmp_path_factory.mktemp("build")
    return tmp_path_factory.getbasetemp()


@pytest.fixture
def no_pybtex(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``import pybtex`` fail, as without the ``[bibtex]`` extra."""
    import builtins
    import sys

    real_import = builtins.__import__

    def fake_import(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "pybtex" or name.startswith("pybtex."):
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake_import)
    for name in [module for module in sys.modules if module.startswith("pybtex")]:
        monkeypatch.delitem(sys.modules, name)


#: Debian's Chromium, which the browser tests drive through Playwright.
CHROMIUM = Path("/usr/bin/chromium")
#: Flags this machine needs: no sandbox as root, and no calls home (the network is closed).
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """A headless Chromium for one test module (skips with the reason when absent).

    Per module, not per session: Playwright's driver thread must not be running while
    other tests fork parallel Sphinx builds.
    """
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="playwright is not installed (pip install playwright)"
    )
    if not CHROMIUM.exists():
        pytest.skip("Chromium not found at /usr/bin/chromium; install Debian's chromium package")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()
