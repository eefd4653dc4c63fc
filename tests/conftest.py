"""Shared fixtures: paths to the real corpora, copies of real files to damage, a private cache.

Fixtures are cut from the real texts in ``corpora/`` (re-encoded, truncated, corrupted) or
are obviously artificial strings; no test invents a speech.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / "corpora"
WIC = CORPORA / "wic"
GWR = CORPORA / "gwr"
SEED = ROOT / "seeds" / "000_ca09b579ab1eb6ae.txt"
GOLDEN = Path(__file__).resolve().parent / "golden"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="Rewrite golden files from the current output.")


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Every test run gets its own cache folder (jieba's dictionary cache included)."""
    mp = pytest.MonkeyPatch()
    mp.setenv("CORPUSCOMPARE_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    yield
    mp.undo()


@pytest.fixture
def golden(request: pytest.FixtureRequest):
    """Compare text with ``tests/golden/<name>``; ``--update-golden`` rewrites the file."""

    def check(name: str, text: str) -> None:
        path = GOLDEN / name
        if request.config.getoption("--update-golden"):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        assert path.exists(), f"missing golden file {path}; run pytest --update-golden"
        assert text == path.read_text(encoding="utf-8"), f"output differs from {path} (pytest --update-golden)"

    return check


def body_of(path: Path) -> str:
    """The body of a real corpus file (front matter removed)."""
    text = path.read_text(encoding="utf-8")
    return text.split("\n---\n", 1)[1] if text.startswith("---\n") else text


@pytest.fixture
def copy_files(tmp_path: Path):
    """Copy named real corpus files into a fresh folder and return it."""

    def copy(*names: str, src: Path = WIC) -> Path:
        folder = tmp_path / "corpus"
        folder.mkdir(exist_ok=True)
        for name in names:
            shutil.copy(src / name, folder / name)
        return folder

    return copy


@pytest.fixture(scope="session")
def wic_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The report of the bundled wic corpus, written once per test run."""
    from corpuscompare.app.publish import build_report
    from corpuscompare.runtime.cache import Cache

    out = tmp_path_factory.mktemp("wic-report") / "report"
    build_report("wic", out, cache=Cache(tmp_path_factory.mktemp("wic-cache")))
    return out


@pytest.fixture(scope="session")
def gwr_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The report of the 43 Government Work Reports, written once per test run."""
    from corpuscompare.app.publish import build_report
    from corpuscompare.runtime.cache import Cache

    out = tmp_path_factory.mktemp("gwr-report") / "report"
    build_report("gwr", out, cache=Cache(tmp_path_factory.mktemp("gwr-cache")))
    return out
