"""`glossary check`, `terms`, `rules`, `run`, `new`, `fix`: exit 0 clean, 1 problems, 2 usage error.

`glossary new Anchor --title-de ... --title-en ...` writes the twins of a new term from
a template whose placeholders `check` reports (S015) until they are replaced. `glossary
fix [PATH...] [--diff]` sorts see-also lists, puts `[Index](#Index) |` last, normalises
the ` |` separators, line ends and byte order marks, and changes nothing else.
`glossary check --changed [--base REF]` reports only on the term files that differ from
the merge base with `main` (or REF), their twins and the files that link to them.
Settings come from the project's `[tool.glossary]` and mkdocs.yml, as the site reads them.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import replace
from pathlib import Path

from glossary.core.check_cache import CheckCache, check_key
from glossary.core.diagnostics import FORMATS, render, summary
from glossary.core.discover import Source, UsageError, discover, display_path
from glossary.core.load import default_workers, read_sources
from glossary.core.model import Diagnostic, Severity, TermFile
from glossary.core.parse_cache import ParseCache
from glossary.core.rules import RULES
from glossary.core.settings import (
    DEVICES,
    ConfigError,
    Project,
    find_root,
    load_project,
    settings_from_mapping,
)
from glossary.core.strings import StringsError, strings
from glossary.core.validate import embedded_files, validate

from .new import ScaffoldError, new_command


def _parser(languages: tuple[str, ...] = ()) -> argparse.ArgumentParser:
    """The command line; `new` asks for a title in each of `languages`."""
    parser = argparse.ArgumentParser(prog="glossary", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    def project_options(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--config", type=Path, metavar="FILE",
                         help="pyproject.toml to read [tool.glossary] from, with the mkdocs.yml "
                              "beside it (default: the nearest one above the working directory)")
        sub.add_argument("--no-cache", action="store_true", help="parse every file afresh")
        sub.add_argument("--cache-dir", type=Path, metavar="DIR",
                         help="where parsed files are cached (default: the cache_dir setting, "
                              ".glossary_cache at the project's root)")

    def common(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                         help="content folder (with de/ and en/), language folder, "
                              "flat folder of term files, or files (default: the project's "
                              "content folder)")
        sub.add_argument("--lang", help="only this language; also names a flat folder's language")
        project_options(sub)

    check = commands.add_parser("check", help="validate term files and print diagnostics")
    common(check)
    check.add_argument("--format", choices=FORMATS, default="text")
    check.add_argument("--select", help="comma-separated rule codes or prefixes to run")
    check.add_argument("--ignore", help="comma-separated rule codes or prefixes to skip")
    check.add_argument("--min-severity", choices=[str(s) for s in Severity],
                       help="hide diagnostics below this level (default: the min_severity "
                            "setting, warning)")
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
    run.add_argument("--device", choices=DEVICES,
                     help="where to run (default: the device setting, cpu)")
    run.add_argument("--lang", help="only the examples of this language's page")
    run.add_argument("--timeout", type=float, metavar="SECONDS",
                     help="time limit of a block without its own `timeout` (default: the "
                          "example_timeout setting, 60)")
    run.add_argument("--content", type=Path, metavar="DIR",
                     help="the content folder (default: the project's)")
    project_options(run)

    new = commands.add_parser("new", help="write a new term in every language from a template")
    new.add_argument("anchor", metavar="ANCHOR", help="the term's anchor and file name, "
                                                      "e.g. Learning-Rate")
    for lang in languages:
        new.add_argument(f"--title-{lang}", required=True, metavar="TITLE",
                         help=f"the title in {strings('en').name_of(lang)}")
    new.add_argument("--content", type=Path, metavar="DIR",
                     help="the content folder with a folder per language (default: the "
                          "project's)")
    project_options(new)

    fix = commands.add_parser("fix", help="sort see-also lists, normalise separators, line "
                                          "ends and byte order marks; nothing else")
    common(fix)
    fix.add_argument("--diff", action="store_true",
                     help="print what would change as a unified diff and write nothing "
                          "(exit 1 if something would change)")
    return parser


def _load(config: Path | None, cwd: Path) -> Project:
    """The project `--config` names, else the one at or above `cwd` (see `find_root`)."""
    if config is not None and not config.is_file():
        raise UsageError(f"--config {config}: no such file")
    return load_project(cwd, pyproject=config)


def _outside_project(args: argparse.Namespace, cwd: Path) -> bool:
    return args.config is None and find_root(cwd.resolve()) is None


def _no_project(cwd: Path, instead: str) -> UsageError:
    """What to do when no project is found and the command line names no content."""
    return UsageError(f"no glossary project at or above {cwd} (no mkdocs.yml or pyproject.toml "
                      f"with [tool.glossary]); run this inside a project, pass --config FILE, "
                      f"or {instead}")


def _project(args: argparse.Namespace, cwd: Path) -> Project:
    """The project's settings, with what the command line overrides."""
    project = _load(args.config, cwd)
    # Only `check` has these options.
    given: dict[str, object] = {key: getattr(args, key) for key in
                                ("select", "ignore", "min_severity") if getattr(args, key, None)}
    for key in ("select", "ignore"):
        if key in given:
            given[key] = str(given[key]).split(",")
    if args.no_cache:
        given["cache"] = False
    if args.cache_dir is not None:
        given["cache_dir"] = str(args.cache_dir.resolve())
    if given:
        settings = settings_from_mapping(given, "command line", project.settings)
        project = replace(project, settings=settings)
    return project


def _cache(project: Project) -> ParseCache:
    return ParseCache(project.cache_folder)


def _content(args: argparse.Namespace, project: Project) -> Path:
    """The content folder `--content` names, else the project's; it must exist."""
    cwd = Path.cwd()
    if args.content is not None:
        if not args.content.is_dir():
            raise UsageError(f"--content {args.content}: no such folder")
        return Path(args.content)
    if not project.content.is_dir():
        instead = "name the content folder with --content DIR"
        if _outside_project(args, cwd):
            raise _no_project(cwd, instead)
        raise UsageError(f"{display_path(project.content, cwd)}: no such folder (the content "
                         f"folder of the project at {display_path(project.root, cwd)}); "
                         f"create it or {instead}")
    return project.content


def _paths(args: argparse.Namespace, project: Project) -> list[Path]:
    """The paths named, else the project's content folder (else, in a project, `.`)."""
    if args.paths:
        return list(args.paths)
    if project.content.is_dir():
        return [project.content]
    cwd = Path.cwd()
    if _outside_project(args, cwd):
        raise _no_project(cwd, f"name the folders or files: glossary {args.command} PATH")
    return [Path()]


def _sources(args: argparse.Namespace) -> tuple[list[Source], Project]:
    """The term files the arguments name, and the project."""
    cwd = Path.cwd()
    project = _project(args, cwd)
    paths = _paths(args, project)
    sources = discover(paths, project.settings, args.lang, cwd)
    if not sources:
        found_in = ", ".join(display_path(p, cwd) for p in paths)
        raise UsageError(f"no term files (*.md) found in {found_in}")
    return sources, project


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


def _check(args: argparse.Namespace) -> int:
    if args.base is not None and not args.changed:
        raise UsageError(f"--base {args.base}: goes with --changed; add --changed")
    cwd = Path.cwd()
    sources, project = _sources(args)
    settings = project.settings
    scope = ""
    if not args.changed:
        diagnostics = _diagnostics(sources, project)
    else:
        from .changed import base_documents, find_change, select  # git is asked only here

        change = find_change(cwd, args.base or "main", _paths(args, project))
        cache = _cache(project)
        files = read_sources(sources, cache, default_workers())
        diagnostics = validate(files, settings, embed_base=project.root)
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


def _diagnostics(sources: list[Source], project: Project) -> list[Diagnostic]:
    """Every diagnostic for `sources`: those of a check of the same bytes with the same
    settings where there was one, else from parsing (through the cache) and checking."""
    checks = CheckCache(project.cache_folder)
    key = check_key(project.settings, project.root, sources)
    known = checks.get(key, project.root)
    if known is not None:
        return known
    files = read_sources(sources, _cache(project), default_workers())
    diagnostics = validate(files, project.settings, embed_base=project.root)
    checks.put(key, diagnostics, embedded_files(files, project.root))
    return diagnostics


def _terms(args: argparse.Namespace) -> int:
    sources, project = _sources(args)
    files = read_sources(sources, _cache(project), default_workers())
    json.dump(_terms_json(files), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


def _run(args: argparse.Namespace) -> int:
    # Imported here: only this command needs the runner (and, through it, torch).
    from .run import run_command

    project = _project(args, Path.cwd())
    return run_command(args, project, _content(args, project), _cache(project))


def _new(args: argparse.Namespace) -> int:
    project = _project(args, Path.cwd())
    return new_command(args, project, _content(args, project), _cache(project))


def _fix(args: argparse.Namespace) -> int:
    from .fix import fix_paths

    sources, _ = _sources(args)
    return fix_paths(sources, diff=args.diff)


_COMMANDS = {"check": _check, "terms": _terms, "run": _run, "new": _new, "fix": _fix}


def _languages_of_new(argv: list[str]) -> tuple[str, ...]:
    """The project's languages, each of which `glossary new` wants a title in."""
    config = argparse.ArgumentParser(add_help=False)
    config.add_argument("--config", type=Path)
    known, _ = config.parse_known_args(argv[1:])
    return _load(known.config, Path.cwd()).settings.languages


def run(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    try:
        languages = _languages_of_new(argv) if argv[:1] == ["new"] else ()
    except (UsageError, ConfigError) as exc:
        print(f"glossary: error: {exc}", file=sys.stderr)
        return 2
    args = _parser(languages).parse_args(argv)
    if args.command == "rules":
        sys.stdout.write(_rules_text())
        return 0
    try:
        return _COMMANDS[args.command](args)
    except (UsageError, ConfigError, ScaffoldError, StringsError) as exc:
        print(f"glossary: error: {exc}", file=sys.stderr)
        return 2


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
