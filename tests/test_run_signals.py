"""``briefbot run`` as a subprocess: it starts, and SIGTERM stops it cleanly (exit code 0)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path


def test_sigterm_stops_the_bot_cleanly(tmp_path: Path, database_url: str) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("BRIEFBOT_") or key == "BRIEFBOT_LOG_LEVEL"
    }
    env["BRIEFBOT_DATABASE_URL"] = database_url
    process = subprocess.Popen(
        [sys.executable, "-c", "from bot.cli import main; main()", "run", "--corpus", str(corpus)],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert process.stdout is not None
        seen = []
        for line in process.stdout:  # blocks until the bot says it runs (or exits)
            seen.append(line)
            if "briefbot running (console)" in line:
                break
        assert any("briefbot running" in line for line in seen), "".join(seen)
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, output
    assert "stopping" in output
