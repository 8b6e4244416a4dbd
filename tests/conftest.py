"""Shared fixtures: paths to the shared ground truth, temporary stores, fake chat servers."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from fakes.slack_api import FakeSlackApi
    from fakes.telegram_api import FakeTelegram

    from bot.adapters.telegram import TelegramAdapter
    from bot.subscriptions import SubscriptionBook
    from summarizer.embeddings import Embedder
    from tests.fakes.service import FakeService

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
EVAL = SHARED / "eval"
EXAMPLES = ROOT / "examples" / "corpus"


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    """The packaged sentence embedder, loaded once for the whole run."""
    from summarizer.embeddings import load_embedder

    return load_embedder(threads=2)


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
def database_url(tmp_path: Path) -> Iterator[str]:
    """A real SQLite file in the test's temporary folder; with
    ``BRIEFBOT_TEST_DATABASE=postgres``, a new PostgreSQL database of its own instead."""
    from tests import postgres

    if not postgres.wanted():
        yield f"sqlite:///{tmp_path / 'briefbot.db'}"
        return
    with postgres.fresh_database() as url:
        yield url


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A real SQLite file, whichever database the run uses (tests of SQLite's own ways)."""
    return f"sqlite:///{tmp_path / 'briefbot.db'}"


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A new PostgreSQL database of its own (tests of several machines on one database);
    skipped, saying why, where no server answers."""
    from tests import postgres

    with postgres.fresh_database() as url:
        yield url


@pytest.fixture
async def telegram() -> AsyncIterator[FakeTelegram]:
    """The fake Telegram Bot API on an ephemeral port (``telegram.base_url``)."""
    from fakes.telegram_api import FakeTelegram

    async with FakeTelegram() as fake:
        yield fake


@pytest.fixture
async def slack_api() -> AsyncIterator[FakeSlackApi]:
    """The fake Slack Web API on an ephemeral port (``slack_api.base_url``)."""
    from fakes.slack_api import FakeSlackApi

    fake = await FakeSlackApi().start()
    yield fake
    await fake.stop()


@pytest.fixture(autouse=True)
def _reset_embedding_defaults() -> Iterator[None]:
    """``Briefbot`` sets process-wide embedding defaults from its settings; no test may
    inherit another's."""
    yield
    from summarizer.embeddings import configure

    configure()


@pytest.fixture
def book(database_url: str) -> Iterator[SubscriptionBook]:
    """A subscription book on a fresh store, its clock at the fakes' ``NOW``."""
    from tests.fakes.service import NOW
    from tests.fakes.testbot import open_book

    yield from open_book(database_url, NOW)


@pytest.fixture
def service() -> FakeService:
    """A fake summarizer service with a few stories, people and articles."""
    from tests.fakes.service import FakeService

    return FakeService()


@pytest.fixture
def sleeps() -> list[float]:
    """The seconds an adapter under test asked to sleep (it never really sleeps)."""
    return []


@pytest.fixture
async def polling_telegram(
    telegram: FakeTelegram, book: SubscriptionBook, service: FakeService, sleeps: list[float]
) -> AsyncIterator[TelegramAdapter]:
    """A started Telegram adapter polling the fake API and answering from ``service``."""
    from bot.adapters.telegram import TelegramAdapter
    from bot.commands import CommandCore
    from tests.fakes.service import NOW
    from tests.fakes.telegram_api import TOKEN

    async def sleep(seconds: float) -> None:
        sleeps.append(seconds)

    bot = TelegramAdapter(TOKEN, api_url=telegram.base_url, poll_timeout=5, sleep=sleep)
    await bot.start(CommandCore(service, book, clock=lambda: NOW).handler_for(bot))
    yield bot
    await bot.stop()


@pytest.fixture(autouse=True)
def _reset_bot_logging() -> Iterator[None]:
    """``briefbot run`` installs its stderr log handler on the root logger for the life of its
    process; in the test process no later test may write its records into another's output."""
    yield
    import logging

    from bot.logs import remove_handlers

    remove_handlers(logging.getLogger())
