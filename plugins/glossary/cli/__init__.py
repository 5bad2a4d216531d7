"""The `glossary` command: a thin layer over the core and, for `glossary run`, the runner."""

from glossary.cli.main import main

__all__ = ["main"]
