"""Briefbot's chat side: command core, renderers, adapters, scheduler, delivery."""
