"""Telegram through python-telegram-bot: long polling or webhook, HTML replies."""

from bot.adapters.telegram.adapter import TelegramAdapter

__all__ = ["TelegramAdapter"]
