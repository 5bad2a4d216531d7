"""`glossary check` and `glossary terms`: exit 0 clean, 1 problems, 2 usage error."""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import replace
from pathlib import Path

from .cache import ParseCache
from .config import ConfigError, Settings, find_pyproject, load_pyproject, settings_from_mapping
from .discover import UsageError, discover
from .load import default_workers, read_sources
from .model import Severity, TermFile
from .report import FORMATS, render, summary
from .rules import RULES
from .validate import validate


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="glossary", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    def common(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                         help="content folder (with de/ and en/), language folder, "
                              "flat folder of term files, or files (default: content/)")
        sub.add_argument("--lang", help="only this language; also names a flat folder's language")
        sub.add_argument("--config", type=Path, metavar="FILE",
                         help="pyproject.toml to read [tool.glossary] from "
                              "(default: the nearest one above the working directory)")
        sub.add_argument("--no-cache", action="store_true", help="parse every file afresh")
        sub.add_argument("--cache-dir", type=Path, metavar="DIR",
                         help="where parsed files are cached (default: .glossary_cache "
                              "beside pyproject.toml; env GLOSSARY_CACHE_DIR)")

    check = commands.add_parser("check", help="validate term files and print diagnostics")
    common(check)
    check.add_argument("--format", choices=FORMATS, default="text")
    check.add_argument("--select", help="comma-separated rule codes or prefixes to run")
    check.add_argument("--ignore", help="comma-separated rule codes or prefixes to skip")
    check.add_argument("--min-severity", choices=[str(s) for s in Severity],
                       help="hide diagnostics below this level (default: warning)")

    terms = commands.add_parser("terms", help="print the parsed terms")
    common(terms)
    terms.add_argument("--format", choices=["json"], default="json")

    commands.add_parser("rules", help="list every rule: code, default severity, name, fix")
    return parser


def _settings(args: argparse.Namespace, cwd: Path) -> tuple[Settings, Path]:
    """Settings from pyproject.toml and the command line, and the project root."""
    pyproject = args.config or find_pyproject(cwd)
    if args.config is not None and not args.config.is_file():
        raise UsageError(f"--config {args.config}: no such file")
    settings = load_pyproject(pyproject) if pyproject else Settings()
    # `terms` has none of these options; `check` may override each.
    given = {key: getattr(args, key) for key in ("select", "ignore", "min_severity")
             if getattr(args, key, None)}
    for key in ("select", "ignore"):
        if key in given:
            given[key] = given[key].split(",")
    if given:
        cli = settings_from_mapping(given, "command line")
        settings = replace(settings, **{key: getattr(cli, key) for key in given})
    return settings, (pyproject.parent if pyproject else cwd)


def _cache(args: argparse.Namespace, root: Path) -> ParseCache:
    if args.no_cache:
        return ParseCache(None)
    folder = args.cache_dir or os.environ.get("GLOSSARY_CACHE_DIR") or root / ".glossary_cache"
    return ParseCache(Path(folder))


def _load(args: argparse.Namespace) -> tuple[list[TermFile], Settings]:
    cwd = Path.cwd()
    settings, root = _settings(args, cwd)
    paths = args.paths or [Path("content") if Path("content").is_dir() else Path()]
    sources = discover(paths, settings, args.lang, cwd)
    if not sources:
        raise UsageError(f"no term files (*.md) found in {', '.join(map(str, paths))}")
    return read_sources(sources, _cache(args, root), default_workers()), settings


def _terms_json(files: list[TermFile]) -> list[dict[str, object]]:
    return [
        {
            "anchor": t.anchor, "title": t.title, "lang": f.lang, "path": f.path, "line": t.line,
            "definition": t.definition, "taglines": list(t.taglines),
            "sections": [{"kind": s.kind, "title": s.title, "line": s.line} for s in t.sections],
            "seealso": [e.anchor for e in t.seealso], "links": [k.anchor for k in t.links],
            "examples": [x.path for x in t.examples],
        }
        for f in files
        for t in f.document.terms
    ]


def _rules_text() -> str:
    return "".join(f"{r.code}  {r.severity!s:<7}  {r.name:<24}  {r.hint}\n" for r in RULES.values())


def run(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "rules":
        sys.stdout.write(_rules_text())
        return 0
    try:
        files, settings = _load(args)
    except (UsageError, ConfigError) as exc:
        print(f"glossary: error: {exc}", file=sys.stderr)
        return 2
    if args.command == "terms":
        json.dump(_terms_json(files), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    diagnostics = validate(files, settings, embed_base=Path.cwd())
    shown = [d for d in diagnostics if d.severity >= settings.min_severity]
    sys.stdout.write(render(shown, args.format))
    if args.format == "text":
        print(summary(shown, len(diagnostics) - len(shown), settings.min_severity),
              file=sys.stderr)
    return 1 if any(d.severity >= Severity.WARNING for d in shown) else 0


def main() -> None:
    try:
        code = run()
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader (e.g. `head`) went away; that is not an error of ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = 1
    except KeyboardInterrupt:
        code = 130
    sys.exit(code)
