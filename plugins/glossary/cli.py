"""`glossary check`, `terms`, `rules` and `run`: exit 0 clean, 1 problems, 2 usage error."""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import replace
from pathlib import Path

from .blocks import Example, parse_info, python_blocks
from .cache import ParseCache
from .config import ConfigError, Settings, find_pyproject, load_pyproject, settings_from_mapping
from .discover import UsageError, discover
from .execute import Outcome, Runner
from .load import default_workers, read_sources
from .model import Severity, TermFile
from .report import FORMATS, render, summary
from .results import ResultStore
from .rules import RULES
from .runner import RunResult
from .validate import similar, validate


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

    run = commands.add_parser("run", help="run a term's examples and show their output "
                                          "and where their figures went")
    run.add_argument("anchors", nargs="+", metavar="ANCHOR", help="the term, e.g. Momentum")
    run.add_argument("--device", choices=["cpu", "cuda"], default="cpu")
    run.add_argument("--lang", help="only the examples of this language's page")
    run.add_argument("--timeout", type=float, default=60.0, metavar="SECONDS",
                     help="time limit of a block without its own `timeout` (default: 60)")
    run.add_argument("--content", type=Path, default=Path("content"), metavar="DIR",
                     help="the content folder (default: content/)")
    run.set_defaults(paths=[], config=None, no_cache=False, cache_dir=None)  # read by _load
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
    paths = args.paths or [getattr(args, "content", None) or
                           (Path("content") if Path("content").is_dir() else Path())]
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


def _run_examples(args: argparse.Namespace, files: list[TermFile]) -> int:
    """Run every example of the named terms, fresh, and report each as it finishes."""
    root = Path.cwd()
    by_anchor: dict[str, list[TermFile]] = {}
    for term_file in files:
        for term in term_file.document.terms:
            by_anchor.setdefault(term.anchor, []).append(term_file)
    chosen = []
    for anchor in args.anchors:
        if anchor not in by_anchor:
            known = {a.casefold(): a for a in by_anchor}
            close = similar(anchor, known)
            hint = ("did you mean " + " or ".join(f"`{c}`" for c in close) + "?") if close \
                else "`glossary terms` lists every term"
            print(f"glossary: error: no term `{anchor}` in {args.content} ({hint})",
                  file=sys.stderr)
            return 2
        chosen += [f for f in by_anchor[anchor] if not args.lang or f.lang == args.lang]
    if args.device == "cuda" and not _cuda_available():
        print("glossary: error: --device cuda: torch sees no CUDA device here; run on the CPU "
              "with --device cpu", file=sys.stderr)
        return 2
    runner = Runner(root, ResultStore(root / ".glossary_cache" / "results"), root / "examples",
                    args.device, args.timeout)
    examples, problems = runner.examples_of(chosen)
    skipped = sum(1 for f in chosen for b in python_blocks(f) if parse_info(b.info).skip)
    if not examples and not problems:
        print(f"{', '.join(args.anchors)}: no examples to run"
              + (f" ({skipped} marked skip)" if skipped else ""))
        return 0

    def show(example: Example, result: RunResult) -> None:
        print(f"== {example.where} [{args.device}] {result.status} in {result.seconds:.1f} s")
        if result.stdout.strip():
            print(result.stdout.rstrip())

    outcome = runner.bring_up_to_date(examples, force=True, on_result=show)
    for key, stored in outcome.stored.items():
        for figure in stored.figures:
            print(f"figure: {figure.relative_to(root) if figure.is_relative_to(root) else figure}"
                  f"  ({_where(outcome, key)})")
    for message in [*problems, *outcome.failures.values()]:
        print(f"\n{message}", file=sys.stderr)
    ran = len(outcome.stored) + len(outcome.failures)
    print(f"{ran} example(s) run on {args.device}, {len(outcome.failures) + len(problems)} "
          f"failed" + (f", {skipped} marked skip" if skipped else ""), file=sys.stderr)
    return 1 if outcome.failures or problems else 0


def _where(outcome: Outcome, key: str) -> str:
    return ", ".join(f"{path}:{line}" for (path, line), k in outcome.keys.items() if k == key)


def _cuda_available() -> bool:
    import torch

    return bool(torch.cuda.is_available())


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
    if args.command == "run":
        return _run_examples(args, files)
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
