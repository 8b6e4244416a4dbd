"""Two ``briefbot run`` on one PostgreSQL database: one leads (watches the corpus, schedules,
sends), the other stands by and takes over once the leader is killed (``kill -9``)."""

from __future__ import annotations

import asyncio
import json
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from bot.leader import LOCK_NAME
from summarizer.store.advisory import NAMESPACE, lock_key
from tests.fakes.slack_api import FakeSlackApi, SlackSender

BRIEFBOT = Path(sys.executable).with_name("briefbot")
WAIT = 90.0
"""Seconds a test waits for a log line before it fails (a deadline, not a measurement)."""


class Bot:
    """One ``briefbot run`` process whose log lines are read as they come."""

    def __init__(self, url: str, corpus: Path, **settings: str) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFBOT_")}
        env |= {"BRIEFBOT_DATABASE_URL": url, "BRIEFBOT_CORPUS_DIR": str(corpus), **settings}
        self.process = subprocess.Popen(
            [str(BRIEFBOT), "run"], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE, text=True, env=env,
        )  # fmt: skip
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.put(line)

    def wait_for(self, text: str) -> str:
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.5)
            except queue.Empty:
                if self.process.poll() is not None and self.lines.empty():
                    break
                continue
            self.seen.append(line)
            if text in line:
                return line
        pytest.fail(f"no {text!r} in the log of pid {self.process.pid}: {''.join(self.seen)}")

    def said(self, text: str) -> bool:
        while not self.lines.empty():
            self.seen.append(self.lines.get())
        return any(text in line for line in self.seen)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def test_one_bot_leads_the_other_stands_by_and_takes_over_after_kill_9(
    tmp_path: Path, postgres_url: str
) -> None:
    """Before: both bots stayed up on one PostgreSQL database, each polling, scheduling and
    sending (every digest twice). Now the second says it stands by, and leads once the
    first is killed."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    first = Bot(postgres_url, corpus)
    second: Bot | None = None
    try:
        first.wait_for("leading: this machine watches the corpus, schedules and sends")
        first.wait_for("briefbot running")
        second = Bot(postgres_url, corpus)
        standby = second.wait_for("standing by: another machine leads")
        assert f"(pid {first.process.pid})" in standby
        assert not second.said("leading:")

        first.process.send_signal(signal.SIGKILL)
        first.process.wait()
        second.wait_for("leading: this machine watches the corpus, schedules and sends")
        second.wait_for("briefbot running")
    finally:
        first.stop()
        if second is not None:
            second.stop()
    assert second.process.returncode == 0, "".join(second.seen)


def test_run_once_is_refused_while_a_bot_leads(tmp_path: Path, postgres_url: str) -> None:
    """``briefbot run --once`` (cron) sends too: it may not while a machine leads."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    leader = Bot(postgres_url, corpus)
    try:
        leader.wait_for("briefbot running")
        env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFBOT_")}
        once = subprocess.run(
            [str(BRIEFBOT), "--database-url", postgres_url, "run", "--once", "--corpus",
             str(corpus)], capture_output=True, text=True, env=env, timeout=120,
        )  # fmt: skip
    finally:
        leader.stop()
    assert once.returncode == 1
    assert (
        f"error: another Briefbot process (pid {leader.process.pid}) is already running the bot "
        "on this database"
    ) in " ".join(once.stderr.split())


def test_a_leader_that_loses_its_lock_connection_stops_and_says_so(
    tmp_path: Path, postgres_url: str
) -> None:
    """The server ends the leader's lock connection (a restart, a network split): another
    machine may lead already, so this one stops sending at once and exits 1 for its
    supervisor to restart it as a standby."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    leader = Bot(postgres_url, corpus)
    try:
        leader.wait_for("briefbot running")
        engine = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            ended = connection.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' "
                    "AND classid = :namespace AND objid = :key AND granted"
                ),
                {"namespace": NAMESPACE, "key": lock_key(LOCK_NAME)},
            ).all()
        engine.dispose()
        assert ended == [(True,)]
        leader.wait_for("lost the leadership: the database connection holding it ended")
        leader.process.wait(timeout=WAIT)
        leader.reader.join(timeout=WAIT)
    finally:
        leader.stop()
    assert leader.process.returncode == 1
    assert leader.said("error: lost the leadership (the database connection holding it ended)")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def test_a_standby_answers_slack_commands_in_http_mode(
    tmp_path: Path, postgres_url: str, slack_api: FakeSlackApi
) -> None:
    """Behind a load balancer every machine serves Slack's HTTP requests: a slash command
    that reaches the standby is answered while the other machine leads."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    secret = "8f742231b10e8888abcd99yyyzzz85a5"
    ports = [_free_port(), _free_port()]
    slack = {
        "BRIEFBOT_SLACK_BOT_TOKEN": "xoxb-test-token",
        "BRIEFBOT_SLACK_MODE": "http",
        "BRIEFBOT_SLACK_SIGNING_SECRET": secret,
        "BRIEFBOT_SLACK_API_URL": slack_api.base_url,
    }
    leader = Bot(postgres_url, corpus, BRIEFBOT_HTTP_PORT=str(ports[0]), **slack)
    standby: Bot | None = None
    try:
        await asyncio.to_thread(leader.wait_for, "briefbot running")
        standby = Bot(postgres_url, corpus, BRIEFBOT_HTTP_PORT=str(ports[1]), **slack)
        await asyncio.to_thread(standby.wait_for, "standing by: another machine leads")
        sender = SlackSender(f"http://127.0.0.1:{ports[1]}/slack/events", secret)
        status, _ = await sender.slash_command("help", channel_id="C0NEWS001")
        [answer] = await slack_api.wait_for("chat.postMessage", timeout=WAIT)
    finally:
        leader.stop()
        if standby is not None:
            standby.stop()
    assert status == 200
    assert answer.params["channel"] == "C0NEWS001"
    assert "subscribe" in json.dumps(answer.params)  # the help text, from the standby
