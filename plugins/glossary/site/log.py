"""The plugin's logger, `mkdocs.plugins.glossary`: its warnings and errors count for `--strict`."""

from __future__ import annotations

from mkdocs.plugins import get_plugin_logger

from glossary.core.diagnostics import as_text
from glossary.core.model import Diagnostic, Severity

log = get_plugin_logger("glossary")
_AT_LEVEL = {Severity.ERROR: log.error, Severity.WARNING: log.warning, Severity.INFO: log.info}


def log_diagnostic(diagnostic: Diagnostic) -> None:
    """At its own level, as `glossary check` prints it: `path:line:col: CODE message (hint)`."""
    _AT_LEVEL[diagnostic.severity](as_text(diagnostic))
