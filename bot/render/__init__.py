"""Renderers: the neutral :class:`bot.document.Reply` as each platform's text.

``plain`` for the console and tests, ``telegram`` for Telegram HTML, ``slack``
for Slack blocks; ``split`` holds the length-limit splitting they share.
"""
