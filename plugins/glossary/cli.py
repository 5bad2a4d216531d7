"""`glossary check`, `terms`, `rules`, `run`, `new`, `fix`: exit 0 clean, 1 problems, 2 usage error.

`glossary new Anchor --title-de ... --title-en ...` writes both twins of a new term from
a template whose placeholders `check` reports (S015) until they are replaced. `glossary
fix [PATH...] [--diff]` sorts see-also lists, puts `[Index](#Index) |` last, normalises
the ` |` separators, line ends and byte order marks, and changes nothing else.
`glossary check --changed [--base REF]` reports only on the term files that differ from
the merge base with `main` (or REF), their twins and the files that link to them.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import replace
from pathlib import Path

from .atomic import write_atomic
from .blocks import Example, parse_info, python_blocks
from .cache import ParseCache
from .changed import base_documents, find_change, select
from .config import ConfigError, Settings, find_pyproject, load_pyproject, settings_from_mapping
from .discover import Source, UsageError, discover, display_path
from .execute import Outcome, Runner
from .fix import CannotFix, Fix, fix_file, unified_diff
from .load import default_workers, read_sources
from .model import Severity, TermFile
from .report import FORMATS, render, summary
from .results import ResultStore
from .rules import RULES
from .runner import RunResult
from .scaffold import MARKER, ScaffoldError, new_term
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
    check.add_argument("--changed", action="store_true",
                       help="report only on term files changed since the merge base with "
                            "the base branch (uncommitted and untracked ones too), their "
                            "twins and the files that link to them")
    check.add_argument("--base", metavar="REF",
                       help="the branch --changed compares with (default: main)")

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

    new = commands.add_parser("new", help="write a new term in both languages from a template")
    new.add_argument("anchor", metavar="ANCHOR", help="the term's anchor and file name, "
                                                      "e.g. Learning-Rate")
    new.add_argument("--title-de", required=True, metavar="TITLE", help="the German title")
    new.add_argument("--title-en", required=True, metavar="TITLE", help="the English title")
    new.add_argument("--content", type=Path, default=Path("content"), metavar="DIR",
                     help="the content folder with de/ and en/ (default: content/)")
    new.set_defaults(config=None, no_cache=False, cache_dir=None)  # read by _settings, _cache

    fix = commands.add_parser("fix", help="sort see-also lists, normalise separators, line "
                                          "ends and byte order marks; nothing else")
    common(fix)
    fix.add_argument("--diff", action="store_true",
                     help="print what would change as a unified diff and write nothing "
                          "(exit 1 if something would change)")
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


def _paths(args: argparse.Namespace) -> list[Path]:
    return args.paths or [getattr(args, "content", None) or
                          (Path("content") if Path("content").is_dir() else Path())]


def _sources(args: argparse.Namespace) -> tuple[list[Source], Settings, Path]:
    """The term files the arguments name, the settings and the project root."""
    cwd = Path.cwd()
    settings, root = _settings(args, cwd)
    paths = _paths(args)
    sources = discover(paths, settings, args.lang, cwd)
    if not sources:
        raise UsageError(f"no term files (*.md) found in {', '.join(map(str, paths))}")
    return sources, settings, root


def _load(args: argparse.Namespace) -> tuple[list[TermFile], Settings]:
    sources, settings, root = _sources(args)
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


def _check(args: argparse.Namespace) -> int:
    if args.base is not None and not args.changed:
        raise UsageError(f"--base {args.base}: goes with --changed; add --changed")
    cwd = Path.cwd()
    sources, settings, root = _sources(args)
    change = find_change(cwd, args.base or "main", _paths(args)) if args.changed else None
    cache = _cache(args, root)
    files = read_sources(sources, cache, default_workers())
    diagnostics = validate(files, settings, embed_base=cwd)
    scope = ""
    if change is not None:
        # Every file was read and validated: links resolve against the whole language.
        before = base_documents(change, settings.languages, cache)
        cache.save()
        chosen = select(files, sources, change, before, settings.languages)
        diagnostics = [d for d in diagnostics if d.path in chosen.paths]
        scope = (f"Checked {len(chosen.changed)} changed term file(s) and "
                 f"{len(chosen.related)} twin(s) or file(s) linking to them. ")
    shown = [d for d in diagnostics if d.severity >= settings.min_severity]
    sys.stdout.write(render(shown, args.format))
    if args.format == "text":
        print(scope + summary(shown, len(diagnostics) - len(shown), settings.min_severity),
              file=sys.stderr)
    return 1 if any(d.severity >= Severity.WARNING for d in shown) else 0


def _new(args: argparse.Namespace) -> int:
    """Write both twins of a new term; every refusal is a usage error and writes nothing."""
    cwd = Path.cwd()
    content = args.content
    if not content.is_dir():
        raise UsageError(f"{content}: no such folder; run this in the repository root or "
                         "name the content folder with --content DIR")
    _, root = _settings(args, cwd)
    titles = {"de": args.title_de, "en": args.title_en}
    written = [display_path(p, cwd)
               for p in new_term(content, args.anchor, titles, cwd, _cache(args, root))]
    for path in written:
        print(f"wrote {path}")
    print(f"\nNext: replace every `{MARKER}` placeholder and add related terms to both "
          f"see-also lists, then\n  glossary check {' '.join(written)}\n  make serve")
    return 0


def _fix(args: argparse.Namespace) -> int:
    sources, _, root = _sources(args)
    cache = _cache(args, root)
    fixed = problems = 0
    for source in sources:
        try:
            result = fix_file(source.path, cache)
            if result.changed and not args.diff:
                write_atomic(source.path, result.after)
        except CannotFix as exc:
            print(f"{source.display}:{exc.line}: {exc.message}", file=sys.stderr)
            problems += 1
            continue
        except OSError as exc:
            print(f"{source.display}:1: cannot write the file ({exc.strerror}); check that it "
                  "and its folder are writable", file=sys.stderr)
            problems += 1
            continue
        if result.changed:
            fixed += 1
            _show_fix(source.display, result, args.diff)
    cache.save()
    verb = "would fix" if args.diff else "fixed"
    left = f", {problems} left as they are (see above)" if problems else ""
    print(f"{len(sources)} term file(s): {fixed} {verb}{left}.", file=sys.stderr)
    return 1 if problems or (args.diff and fixed) else 0


def _show_fix(display: str, result: Fix, diff: bool) -> None:
    what = ", ".join(result.changes)
    if diff:
        sys.stdout.write(unified_diff(result, display))
        print(f"would fix {display}: {what}", file=sys.stderr)
    else:
        print(f"fixed {display}: {what}")


def run(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "rules":
        sys.stdout.write(_rules_text())
        return 0
    try:
        if args.command == "check":
            return _check(args)
        if args.command == "new":
            return _new(args)
        if args.command == "fix":
            return _fix(args)
        files, _ = _load(args)
    except (UsageError, ConfigError, ScaffoldError) as exc:
        print(f"glossary: error: {exc}", file=sys.stderr)
        return 2
    if args.command == "run":
        return _run_examples(args, files)
    json.dump(_terms_json(files), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


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
