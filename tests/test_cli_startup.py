"""What `briefbot` loads before it does anything: a light CLI, a store opened without Alembic.

Module presence in a fresh interpreter, not timings (those are in bench/cli.py).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from alembic.script import ScriptDirectory

from bot.storage import BOT_MIGRATIONS
from summarizer.store import Store
from summarizer.store.migrate import _file_graph, _folders, alembic_config

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("sqlalchemy", "alembic", "pydantic", "pydantic_settings", "torch", "numpy", "spacy")


def loaded_after(code: str) -> set[str]:
    """The top-level packages a fresh interpreter has imported after running ``code``."""
    probe = f"{code}\nimport sys\nprint(' '.join(sorted({{m.split('.')[0] for m in sys.modules}})))"
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return set(done.stdout.split())


def test_importing_the_cli_loads_no_database_settings_or_model_library() -> None:
    assert loaded_after("import bot.cli") & set(HEAVY) == set()


def test_help_loads_none_of_them_either() -> None:
    code = (
        "import sys\nfrom bot.cli import app\n"
        "try:\n    app(['--help'])\nexcept SystemExit:\n    pass"
    )
    assert loaded_after(code) & set(HEAVY) == set()


def test_an_up_to_date_store_opens_without_alembic(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'briefbot.db'}"
    Store(url, extra_migrations=[BOT_MIGRATIONS]).close()  # created (Alembic runs once)
    code = (
        "from bot.storage import BOT_MIGRATIONS\nfrom summarizer.store import Store\n"
        f"Store({url!r}, extra_migrations=[BOT_MIGRATIONS]).close()"
    )
    loaded = loaded_after(code)
    assert "sqlalchemy" in loaded and "alembic" not in loaded


def test_the_version_files_read_plainly_give_alembics_revisions_and_heads() -> None:
    graph = _file_graph(_folders([BOT_MIGRATIONS]))
    assert graph is not None
    script = ScriptDirectory.from_config(alembic_config([BOT_MIGRATIONS]))
    assert graph[0] == {revision.revision for revision in script.walk_revisions()}
    assert graph[1] == set(script.get_heads())
