"""Slack: slash command ``/brief``, app mentions and DMs in; Block Kit messages out."""

from bot.adapters.slack.adapter import SlackAdapter

__all__ = ["SlackAdapter"]
