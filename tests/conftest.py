"""Shared fixtures: paths to the shared ground truth, temporary stores."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
EVAL = SHARED / "eval"
EXAMPLES = ROOT / "examples" / "corpus"


def require_shared(path: Path) -> Path:
    """Skip the test, saying why, when the shared ground truth is not beside the project."""
    if not path.exists():
        pytest.skip(f"{path} is absent: clone the project beside shared/ to run this test")
    return path


@pytest.fixture
def seeds_dir() -> Path:
    return require_shared(SEEDS)


@pytest.fixture
def eval_dir() -> Path:
    return require_shared(EVAL)


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    """A real SQLite file in the test's temporary folder."""
    return f"sqlite:///{tmp_path / 'briefbot.db'}"
