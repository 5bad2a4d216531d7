"""The rules: from parsed term files to diagnostics, one function per group of rules."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Container, Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

from .blocks import embeds, embeds_outside, has_code, parse_info, python_blocks
from .collation import fold
from .links import linked
from .model import INDEX, Diagnostic, Link, SeeAlso, Severity, Term, TermFile
from .rules import RULES
from .settings import Settings
from .strings import strings

# rapidfuzz ratio (0-100) above which an anchor is offered as "did you mean".
_SIMILAR = 70


@dataclass
class _Report:
    settings: Settings
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # Each code's severity, looked up once: a large glossary has thousands of findings.
    severities: dict[str, Severity | None] = field(default_factory=dict)

    def __call__(self, path: str, line: int, column: int, code: str, message: str,
                 hint: str = "") -> None:
        if code not in self.severities:
            self.severities[code] = self.settings.severity_of(code)
        severity = self.severities[code]
        if severity is not None:
            self.diagnostics.append(Diagnostic(path, line, column, code, severity, message,
                                               hint or RULES[code].hint))


@dataclass(frozen=True, slots=True)
class Placed:
    """A term with the file it is in."""

    file: TermFile
    term: Term


def by_language(files: Iterable[TermFile]) -> dict[str, dict[str, list[Placed]]]:
    """language -> anchor -> every place that declares it (more than one is a duplicate)."""
    table: dict[str, dict[str, list[Placed]]] = defaultdict(lambda: defaultdict(list))
    for file in files:
        for term in file.document.terms:
            if term.anchor:
                table[file.lang][term.anchor].append(Placed(file, term))
    return table


def validate(files: list[TermFile], settings: Settings,
             inbound: Container[tuple[str, str]] | None = None,
             embed_base: Path | None = None) -> list[Diagnostic]:
    """Every diagnostic for these files, sorted by path, line and column.

    `inbound` holds the (lang, anchor) of every term some other term links to:
    `backlinks(files)` where the caller has it already. Files embedded in
    code blocks are looked for below `embed_base`, if given.
    """
    report = _Report(settings)
    for file in files:
        _check_file(file, report)
        _check_examples(file, report, embed_base)
    table = by_language(files)
    inbound = linked(files) if inbound is None else inbound
    by_lang: dict[str, list[TermFile]] = defaultdict(list)
    for file in files:
        by_lang[file.lang].append(file)
    for lang, lang_files in by_lang.items():
        terms = table.get(lang, {})
        _check_anchors(terms, report)
        _check_links(terms, lang_files, report)
        _check_orphans(lang, terms, inbound, report)
    _check_twins(table, settings.languages, report)
    return sorted(report.diagnostics)


def embedded_files(files: list[TermFile], embed_base: Path) -> dict[str, bool]:
    """Each file the Python blocks of `files` embed, and whether it exists (rule X003)."""
    return {embed.path: (embed_base / embed.path).is_file()
            for file in files for block in python_blocks(file) for embed in embeds(block)}


def _check_examples(file: TermFile, report: _Report, embed_base: Path | None) -> None:
    """Every Python block runs or says why not, and what it embeds exists."""
    for block in python_blocks(file):
        options = parse_info(block.info)
        for problem in options.problems:
            report(file.path, block.line, block.column, "X001",
                   f"Python block: {problem}")
        found = embeds(block)
        if options.skip is None and not found and not has_code(block.source):
            report(file.path, block.line, block.column, "X002",
                   "Python block has no code to run and no `skip` reason")
        for embed in found:
            if embed_base is None:
                continue
            allowed = embed_base / report.settings.examples_dir
            if embeds_outside(embed.path, embed_base, allowed):
                report(file.path, embed.line, 1, "X004",
                       f"embedded file `{embed.path}` is outside "
                       f"`{report.settings.examples_dir}/`")
            elif not (embed_base / embed.path).is_file():
                report(file.path, embed.line, 1, "X003",
                       f"embedded file `{embed.path}` does not exist")


def _check_file(file: TermFile, report: _Report) -> None:
    path, document = file.path, file.document
    for finding in document.findings:
        report(path, finding.line, finding.column, finding.code, finding.message)
    if not document.terms:
        if not any(f.code.startswith(("E", "S001")) for f in document.findings):
            report(path, 1, 1, "S001", "no term heading (`## Title {#Anchor .term}`) in the file")
        return
    first = document.terms[0]
    if len(document.terms) > 1:
        # Once per file: a concatenated edition holds hundreds of terms.
        second = document.terms[1]
        more = len(document.terms) - 2
        report(path, second.line, 1, "S002",
               f"term heading `{second.anchor}` in a file that already holds "
               f"`{first.anchor}` (line {first.line})"
               + (f", and {more} more term heading(s) after it" if more else ""),
               RULES["S002"].hint.replace("<name>.md", file.stem + ".md"))
    else:  # where a file is one term, its heading comes first and names the file
        if 0 < document.first_content_line < first.line:
            report(path, document.first_content_line, 1, "S003",
                   f"content before the term heading on line {first.line}")
        if first.anchor and first.anchor != file.stem:
            report(path, first.line, first.column, "S005",
                   f"file name `{file.stem}.md` differs from the anchor `{first.anchor}`",
                   f"rename the file to `{first.anchor}.md` or fix the anchor")
    for term in document.terms:
        _check_term(path, term, report)


def _check_term(path: str, term: Term, report: _Report) -> None:
    if not term.definition_line:
        report(path, term.line, 1, "S008", f"term `{term.anchor}` has no definition paragraph "
               "before its first `###` section")
    if not any(s.kind == "explanation" for s in term.sections):
        report(path, term.line, 1, "S009", f"term `{term.anchor}` has no `.explanation` section")
    for section in term.sections:
        if section.empty:
            report(path, section.line, 1, "S010", f"section `{section.title}` is empty")
    if not any(s.kind == "seealso" for s in term.sections):
        report(path, term.line, 1, "S011", f"term `{term.anchor}` has no see-also section")
        return
    for section, following in pairwise(term.sections):
        if section.kind == "seealso":
            report(path, section.line, 1, "S012",
                   f"section `{following.title}` (line {following.line}) comes after the "
                   "see-also section")
    _check_seealso(path, term, report)


def _check_seealso(path: str, term: Term, report: _Report) -> None:
    entries = term.seealso
    seen: dict[str, int] = {}
    for entry in entries:
        if entry.anchor in seen:
            report(path, entry.line, entry.column, "L004",
                   f"`{entry.anchor}` is listed twice (first on line {seen[entry.anchor]})")
        seen.setdefault(entry.anchor, entry.line)
        if entry.anchor == term.anchor:
            report(path, entry.line, entry.column, "L005",
                   f"see-also links to `{term.anchor}` itself")
    others = [e for e in entries if e.anchor != INDEX]
    for before, after in pairwise(others):
        if fold(after.label) < fold(before.label):
            report(path, after.line, after.column, "L003",
                   f"see-also is not sorted: `{after.label}` belongs before `{before.label}`")
            break
    if INDEX not in seen:
        line = entries[-1].line if entries else next(s.line for s in term.sections
                                                     if s.kind == "seealso")
        report(path, line, 1, "L006", "see-also has no `[Index](#Index)` line")
    elif entries[-1].anchor != INDEX:
        index = next(e for e in entries if e.anchor == INDEX)
        report(path, index.line, index.column, "L007", "`[Index](#Index)` is not the last line")


def _check_anchors(terms: dict[str, list[Placed]], report: _Report) -> None:
    for anchor, places in terms.items():
        if len(places) < 2:
            continue
        # Once per duplicate; the place kept is a file of one term named after it, so the
        # report lands on a concatenated edition or a misnamed copy.
        ordered = sorted(places, key=lambda p: (len(p.file.document.terms) > 1,
                                                p.file.stem != anchor, p.file.path, p.term.line))
        keep = ordered[0]
        for place in ordered[1:]:
            hint = ""
            if len(place.file.document.terms) > 1:
                hint = (f"`{place.file.path}` holds {len(place.file.document.terms)} terms; if "
                        "it is a concatenated edition of the glossary, exclude it with "
                        f"`exclude = [\"{place.file.stem}.md\"]` in [tool.glossary]")
            report(place.file.path, place.term.line, place.term.column, "S006",
                   f"anchor `{anchor}` is also declared at {keep.file.path}:{keep.term.line}",
                   hint)
    by_case: dict[str, list[str]] = defaultdict(list)
    for anchor in terms:
        by_case[anchor.casefold()].append(anchor)
    for variants in by_case.values():
        for anchor in variants if len(variants) > 1 else ():
            for place in terms[anchor]:
                others = ", ".join(f"`{a}` ({terms[a][0].file.path}:{terms[a][0].term.line})"
                                   for a in variants if a != anchor)
                report(place.file.path, place.term.line, place.term.column, "S007",
                       f"anchor `{anchor}` differs only in case from {others}")


def _suggest(anchor: str, known: dict[str, str], misnamed: dict[str, Placed],
             choices: list[str]) -> str:
    """How to mend a link to `anchor`: the file that should declare it, or close anchors."""
    place = misnamed.get(anchor)
    if place is not None:
        return (f"`{place.file.path}` declares `#{place.term.anchor}` instead; "
                "fix one of the two anchors")
    close = similar(anchor, known, choices)
    if close:
        return "did you mean " + " or ".join(f"`{c}`" for c in close) + "?"
    return f"fix the anchor or write the term `{anchor}.md`"


def similar(anchor: str, known: dict[str, str], choices: list[str] | None = None) -> list[str]:
    """Up to three anchors like `anchor`; `known` maps case-folded anchors to anchors, and
    `choices` is `list(known)` where the caller asks for many."""
    exact = known.get(anchor.casefold())
    if exact:
        return [exact]
    # Imported here: most checks find no dangling link and need no fuzzy matching.
    from rapidfuzz import fuzz, process

    close = process.extract(anchor.casefold(), choices or list(known), scorer=fuzz.ratio, limit=3,
                            score_cutoff=_SIMILAR)
    return [known[c[0]] for c in close]


def _check_links(terms: dict[str, list[Placed]], files: list[TermFile],
                 report: _Report) -> None:
    """Every link of every file of one language: in term text, see-also lists, and
    outside terms (an introduction, index sections, a file without a term heading)."""
    known = {anchor.casefold(): anchor for anchor in terms}
    choices = list(known)
    # Files of one term whose name is not its anchor: a link to the name most likely
    # meant them.
    misnamed = {p.file.stem: p for places in terms.values() for p in places
                if p.file.stem != p.term.anchor and len(p.file.document.terms) == 1}
    hints: dict[str, str] = {}
    for file in files:
        document = file.document
        local = set(document.anchors)
        groups: list[tuple[str, Link | SeeAlso]] = [("L001", link) for link in document.links]
        for term in document.terms:
            groups += [("L001", link) for link in term.links]
            groups += [("L002", entry) for entry in term.seealso]
        for code, link in groups:
            if link.anchor == INDEX or link.anchor in terms or link.anchor in local:
                continue
            if link.anchor not in hints:
                hints[link.anchor] = _suggest(link.anchor, known, misnamed, choices)
            what = "link" if code == "L001" else "see-also entry"
            report(file.path, link.line, link.column, code,
                   f"{what} `[{link.label}](#{link.anchor})` points to no term "
                   f"of this language", hints[link.anchor])


def _check_orphans(lang: str, terms: dict[str, list[Placed]],
                   inbound: Container[tuple[str, str]], report: _Report) -> None:
    if len(terms) < 2:
        return
    for anchor, places in terms.items():
        if (lang, anchor) not in inbound:
            place = places[0]
            report(place.file.path, place.term.line, place.term.column, "G001",
                   f"no other term links to `{anchor}`")


def _check_twins(table: dict[str, dict[str, list[Placed]]], languages: tuple[str, ...],
                 report: _Report) -> None:
    present = [lang for lang in languages if table.get(lang)]
    if len(present) < 2:
        return
    for lang in present:
        for other in present:
            if other == lang:
                continue
            for anchor, places in table[lang].items():
                place = places[0]
                twin = table[other].get(anchor)
                if twin is None:
                    name = strings("en").name_of(other)  # diagnostics are in English
                    report(place.file.path, place.term.line, place.term.column, "B001",
                           f"`{anchor}` has no {name} twin ({other}/{anchor}.md)")
                elif lang < other:
                    _compare_seealso(place, twin[0], report)


def _compare_seealso(place: Placed, twin: Placed, report: _Report) -> None:
    mine = {e.anchor for e in place.term.seealso} - {INDEX}
    theirs = {e.anchor for e in twin.term.seealso} - {INDEX}
    if mine == theirs:
        return
    parts = []
    if mine - theirs:
        parts.append("only here: " + ", ".join(sorted(mine - theirs)))
    if theirs - mine:
        parts.append(f"only in {twin.file.path}: " + ", ".join(sorted(theirs - mine)))
    report(place.file.path, place.term.line, place.term.column, "B002",
           "see-also differs from its twin; " + "; ".join(parts))
