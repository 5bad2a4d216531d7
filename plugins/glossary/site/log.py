"""The plugin's logger, `mkdocs.plugins.glossary`: its warnings and errors count for `--strict`."""

from __future__ import annotations

from mkdocs.plugins import get_plugin_logger

from glossary.core.model import Diagnostic, Severity

log = get_plugin_logger("glossary")
_AT_LEVEL = {Severity.ERROR: log.error, Severity.WARNING: log.warning, Severity.INFO: log.info}


def log_diagnostic(diagnostic: Diagnostic) -> None:
    d = diagnostic
    _AT_LEVEL[d.severity](f"{d.path}:{d.line}:{d.column}: {d.code} {d.message} ({d.hint})")
