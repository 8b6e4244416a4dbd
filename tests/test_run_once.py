"""``briefbot run --once``: one refresh, due digests delivered, a digest printed on the console."""

from __future__ import annotations

import io
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

from delivery_doubles import FolderService, ScriptedAdapter

from bot.adapters.console.adapter import ConsoleAdapter
from bot.chat import ChatRef
from bot.delivery import VirtualTimer
from bot.runtime import Runtime
from bot.settings import Settings
from bot.storage import BOT_MIGRATIONS
from summarizer.store import Store


def write(folder: Path, name: str, headline: str, outlet: str) -> None:
    (folder / name).write_text(f"{headline}\n{outlet}\n", encoding="utf-8")


def settings(tmp_path: Path, database_url: str, **extra: object) -> Settings:
    corpus = tmp_path / "corpus"
    corpus.mkdir(exist_ok=True)
    return Settings(corpus_dir=corpus, database_url=database_url, **extra)  # type: ignore[arg-type]


def service(config: Settings) -> FolderService:
    store = Store(config.database_url, extra_migrations=[BOT_MIGRATIONS])
    return FolderService(stories=(), store=store, corpus_dir=config.corpus_dir)


NOW = datetime(2026, 3, 3, 7, 30, tzinfo=UTC)
"""08:30 in Berlin: a subscriber's 08:00 slot is due."""
CHAT = ChatRef("telegram", "42")


async def serve_berlin_subscriber(
    config: Settings, timer: VirtualTimer, adapter: ScriptedAdapter
) -> Runtime:
    """A run --once for a chat subscribed at 08:00 Berlin two days ago (its slot is due)."""
    runtime = Runtime(config, service=service(config), adapters=[adapter], clock=timer.clock)
    runtime.book.subscribe(CHAT, send_at=time(8, 0))
    runtime.book.set_timezone(CHAT, "Europe/Berlin")
    _backdate(runtime, NOW - timedelta(days=2))
    await runtime.run_once()
    return runtime


async def test_once_on_the_console_prints_a_digest(tmp_path: Path, database_url: str) -> None:
    config = settings(tmp_path, database_url)
    write(config.corpus_dir, "a.txt", "Envoy arrives for truce talks", "Wire One")
    write(config.corpus_dir, "b.txt", "Envoy arrives for truce talks", "Daily Two")
    (config.corpus_dir / "bad.txt").write_bytes(b"\xff\xfe\x00broken")
    out = io.StringIO()
    runtime = Runtime(config, service=service(config), adapters=[ConsoleAdapter(out)])
    await runtime.run_once()
    printed = out.getvalue()
    assert "Top stories since" in printed
    assert "1. Envoy arrives for truce talks" in printed
    assert "Wire One" in printed and "Daily Two" in printed
    assert runtime.service.rejected == ["bad.txt"]  # a bad file does not stop the run


async def test_once_delivers_due_digests(tmp_path: Path, database_url: str) -> None:
    config = settings(tmp_path, database_url)
    write(config.corpus_dir, "a.txt", "Central bank holds rates", "Daily Two")
    timer = VirtualTimer(NOW)
    adapter = ScriptedAdapter(timer)
    await serve_berlin_subscriber(config, timer, adapter)
    assert any("Central bank holds rates" in t for t in adapter.texts(CHAT))

    again = Runtime(config, service=service(config), adapters=[adapter], clock=timer.clock)
    sent = len(adapter.sent)
    counts = await again.run_once()
    assert counts["planned"] == 0 and len(adapter.sent) == sent  # once per slot, across runs


def _backdate(runtime: Runtime, moment: datetime) -> None:
    """Pretend the subscription was made days ago (so today's slot counts as missed)."""
    from bot.storage.tables import SubscriptionRow

    with runtime.service.store.session() as session:
        for row in session.query(SubscriptionRow):
            row.created_at = moment


async def test_once_prunes_old_delivered_parts_and_keeps_their_keys(
    tmp_path: Path, database_url: str
) -> None:
    from sqlalchemy import func, select

    from bot.storage.tables import DeliveryRow, OutboxRow

    config = settings(tmp_path, database_url, outbox_retention_days=30)
    write(config.corpus_dir, "a.txt", "Central bank holds rates", "Daily Two")
    timer = VirtualTimer(NOW)
    adapter = ScriptedAdapter(timer)
    await serve_berlin_subscriber(config, timer, adapter)
    store = Store(config.database_url, extra_migrations=[BOT_MIGRATIONS])
    with store.session() as session:
        delivered = session.scalar(select(DeliveryRow.id))
        assert session.scalar(select(func.count(OutboxRow.id))) > 0

    later = lambda: NOW + timedelta(days=40)  # noqa: E731  (cron runs it again weeks later)
    again = Runtime(config, service=service(config), adapters=[adapter], clock=later)
    await again.run_once()
    with store.session() as session:
        old_parts = select(func.count(OutboxRow.id)).where(OutboxRow.delivery_id == delivered)
        assert session.scalar(old_parts) == 0  # the rendered text of 40 days ago is gone
        assert session.get(DeliveryRow, delivered) is not None  # its key still guards the slot
    store.close()
