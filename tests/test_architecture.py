"""House rules that the code itself must keep."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def test_the_summarizer_never_imports_the_chat_side() -> None:
    offenders = {
        str(path.relative_to(ROOT)): sorted(
            m for m in _imported_modules(path) if m.split(".")[0] == "bot"
        )
        for path in (ROOT / "summarizer").rglob("*.py")
    }
    assert {path: mods for path, mods in offenders.items() if mods} == {}


def test_the_command_core_imports_no_chat_platform() -> None:
    platforms = {
        "telegram",
        "slack_bolt",
        "slack_sdk",
        "bot.adapters.telegram",
        "bot.adapters.slack",
        "bot.adapters.console",
    }
    offenders = {
        str(path.relative_to(ROOT)): sorted(
            m
            for m in _imported_modules(path)
            if any(m == p or m.startswith(p + ".") for p in platforms)
        )
        for path in (ROOT / "bot" / "commands").rglob("*.py")
    }
    assert {path: mods for path, mods in offenders.items() if mods} == {}
