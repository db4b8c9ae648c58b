"""Shared fixtures: the seed corpus, and a way to run the comparison on a copy of it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    """A writable copy of seeds/ (articles and sidecar)."""
    dst = tmp_path / "seeds"
    shutil.copytree(SEEDS, dst)
    return dst


@pytest.fixture(scope="session")
def seeds_report() -> dict:
    """report.json for the unmodified seeds, as a dict (computed once per test session)."""
    from crosscheck.pipeline import compare
    from crosscheck.render.json import report_dict

    return report_dict(compare([str(SEEDS)]))
