"""No secret in any log line: ``briefbot run`` at DEBUG against the fake Telegram and Slack.

Before: httpx logged ``HTTP Request: POST http://…/bot123456:TEST-token/sendMessage`` at INFO
for every Telegram call, and slack_sdk its ``Authorization: Bearer xoxb-…`` header at DEBUG.
"""

from __future__ import annotations

import asyncio
import io
import logging
import os
import signal
import socket
import sys
from pathlib import Path

from fakes.slack_api import FakeSlackApi
from fakes.telegram_api import TOKEN, FakeTelegram

from bot.logs import SecretFilter, configure_logging
from bot.settings import Settings

SLACK_TOKEN = "xoxb-1111-2222-SlackSecretToken"
SIGNING_SECRET = "signing-5ecret-abcdef"
RUNNING = "briefbot running"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def read_until(stream: asyncio.StreamReader, seen: list[str], marker: str) -> None:
    while True:
        line = (await stream.readline()).decode(errors="replace")
        if not line:
            raise AssertionError("the bot exited early:\n" + "".join(seen))
        seen.append(line)
        if marker in line:
            return


async def test_a_debug_run_logs_no_token(
    tmp_path: Path, database_url: str, telegram: FakeTelegram, slack_api: FakeSlackApi
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    env = {key: value for key, value in os.environ.items() if not key.startswith("BRIEFBOT_")}
    env.update(
        BRIEFBOT_DATABASE_URL=database_url,
        BRIEFBOT_LOG_LEVEL="DEBUG",
        BRIEFBOT_TELEGRAM_TOKEN=TOKEN,
        BRIEFBOT_TELEGRAM_API_URL=telegram.base_url,
        BRIEFBOT_SLACK_BOT_TOKEN=SLACK_TOKEN,
        BRIEFBOT_SLACK_API_URL=slack_api.base_url,
        BRIEFBOT_SLACK_MODE="http",
        BRIEFBOT_SLACK_SIGNING_SECRET=SIGNING_SECRET,
        BRIEFBOT_HTTP_PORT=str(free_port()),
    )
    process = await asyncio.create_subprocess_exec(
        *(sys.executable, "-c", "from bot.cli import main; main()", "run"),
        *("--corpus", str(corpus)),
        env=env,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    seen: list[str] = []
    try:
        assert process.stdout is not None
        await asyncio.wait_for(read_until(process.stdout, seen, RUNNING), 120)
        telegram.queue_message("/sources", chat_id=42)
        await telegram.wait_for("sendMessage", timeout=60)
        process.send_signal(signal.SIGTERM)
        rest, _ = await asyncio.wait_for(process.communicate(), 60)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    log = "".join(seen) + rest.decode(errors="replace")
    assert process.returncode == 0, log
    assert "/sendMessage" in log and "DEBUG" in log  # the calls were logged, in detail
    assert "bot<BRIEFBOT_TELEGRAM_TOKEN>/sendMessage" in log
    for secret in (TOKEN, TOKEN.split(":")[1], SLACK_TOKEN, SIGNING_SECRET):
        assert secret not in log


def test_every_root_handler_redacts_messages_arguments_and_tracebacks() -> None:
    settings = Settings(
        telegram_token=TOKEN,  # type: ignore[arg-type]
        telegram_webhook_secret="hook-secret-123",  # type: ignore[arg-type]
        log_level="DEBUG",
    )
    captured = io.StringIO()
    handler = configure_logging(settings, stream=captured)
    try:
        log = logging.getLogger("httpx")
        log.info("HTTP Request: POST %s", f"https://api.telegram.org/bot{TOKEN}/getMe")
        log.debug("header %s", "hook-secret-123")
        try:
            raise RuntimeError(f"cannot reach /bot{TOKEN.replace(':', '%3A')}/getUpdates")
        except RuntimeError:
            log.exception("polling failed")
    finally:
        logging.getLogger().removeHandler(handler)
    text = captured.getvalue()
    assert "POST https://api.telegram.org/bot<BRIEFBOT_TELEGRAM_TOKEN>/getMe" in text
    assert "header <BRIEFBOT_TELEGRAM_WEBHOOK_SECRET>" in text
    assert "cannot reach /bot<BRIEFBOT_TELEGRAM_TOKEN>/getUpdates" in text
    assert "TEST-token" not in text and "hook-secret-123" not in text


def test_a_filter_without_secrets_leaves_records_alone() -> None:
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "%d parts", (3,), None)
    assert SecretFilter([]).filter(record) and record.getMessage() == "3 parts"
