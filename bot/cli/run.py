"""Commands of this group are registered on ``bot.cli.app.app`` (filled in by its issue)."""
