"""Diagnostics as text, JSON or GitHub workflow annotations."""

from __future__ import annotations

import json

from .model import Diagnostic, Severity

FORMATS = ("text", "json", "github")
_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def as_text(diagnostic: Diagnostic) -> str:
    d = diagnostic
    hint = f" ({d.hint})" if d.hint else ""
    return f"{d.path}:{d.line}:{d.column}: {d.code} {d.message}{hint}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def as_github(diagnostic: Diagnostic) -> str:
    d = diagnostic
    props = ",".join(
        f"{key}={_escape_property(str(value))}"
        for key, value in (("file", d.path), ("line", d.line), ("col", d.column),
                           ("title", f"{d.code} {d.severity}"))
    )
    hint = f" ({d.hint})" if d.hint else ""
    return f"::{_GITHUB_LEVEL[d.severity]} {props}::{_escape_data(d.message + hint)}"


def render(diagnostics: list[Diagnostic], fmt: str) -> str:
    if fmt == "json":
        return json.dumps([d.as_dict() for d in diagnostics], ensure_ascii=False, indent=2) + "\n"
    line = as_github if fmt == "github" else as_text
    return "".join(line(d) + "\n" for d in diagnostics)


def summary(diagnostics: list[Diagnostic], hidden: int, min_severity: Severity) -> str:
    if not diagnostics:
        text = "All checks passed."
    else:
        counts = {level: sum(d.severity == level for d in diagnostics) for level in Severity}
        parts = [f"{n} {level}{'s' if n != 1 else ''}"
                 for level, n in sorted(counts.items(), reverse=True) if n]
        text = f"Found {len(diagnostics)} problem{'s' if len(diagnostics) != 1 else ''} " \
               f"({', '.join(parts)})."
    if hidden:
        text += f" {hidden} less severe than {min_severity} not shown " \
                "(see them with --min-severity info)."
    return text
