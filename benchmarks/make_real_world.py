"""Write a glossary shaped like the large real-world ones written in this format.

    python benchmarks/make_real_world.py OUT [--terms 346] [--seed 0]

OUT/de/ gets one file per term (most at level 2, a few at level 1 and 3), a preface
that declares no term, and beside them `Glossar.md`, a concatenated edition as Pandoc
writes one: YAML front matter, an introduction, per-letter index sections
(`## A {#a .index}`) whose link lists are wrapped at 72 columns with `|` escaped, then
most terms again at level 1, their paragraphs rewrapped. Links stand in prose, lists,
tables, index sections and see-also lists; many point to terms nobody wrote yet, some
are typos. Links in code spans, code blocks and comments are decoys that no checker
may count. Its code blocks are plain text, not Python: like the glossaries it imitates,
it has no examples to run.

Every link written is counted: OUT/MANIFEST.json says how many point nowhere, by
file, so a checker's count can be compared with what was planted. The defaults give
348 files, about 4.8 MB, a 2.1 MB edition and about 11,000 links.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import textwrap
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SYLLABLES = ["ad", "a", "be", "cor", "da", "del", "ex", "fer", "gra", "ha", "in", "ka", "lo",
             "ma", "ne", "no", "pe", "ra", "re", "sa", "sig", "ta", "ten", "to", "ur", "va",
             "ver", "zen", "ü", "ö", "mo", "ti"]
WORDS = ["Modell", "Daten", "Gewichte", "Gradient", "Verlust", "Schicht", "Netz", "Lernrate",
         "Schritt", "Beispiel", "Fehler", "Wert", "Training", "Aktivierung", "Ausgabe",
         "Eingabe", "Größe", "Überanpassung", "schnell", "stabil", "klein", "groß", "lernt",
         "berechnet", "aktualisiert", "verringert", "zeigt", "nutzt", "über", "für", "mit",
         "ohne", "während", "zwischen", "nach", "der", "die", "das", "ein", "eine", "und",
         "oder", "wenn", "weil", "damit", "Pipeline", "Token", "Kontext"]
SECTIONS = ("Funktionsweise", "Formel", "Anwendung", "Typische Fehler", "Geschichte",
            "Varianten", "Praxis")
WRAP = 72


@dataclass
class Links:
    """Every link written: to which anchor, and whether it points nowhere."""

    anchors: set[str]
    planted: Counter[str] = field(default_factory=Counter)
    written: int = 0
    file: str = ""
    local: set[str] = field(default_factory=set)  # heading ids of the file being written

    def __call__(self, label: str, anchor: str) -> str:
        self.written += 1
        if anchor not in self.anchors and anchor not in self.local and anchor != "Index":
            self.planted[self.file] += 1
        return f"[{label}](#{anchor})"


def _title(rng: random.Random) -> str:
    words = []
    for _ in range(rng.choice((1, 1, 2, 2, 3))):
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
        words.append(word[:1].upper() + word[1:])
    return " ".join(words)


def _anchor(title: str) -> str:
    ascii_ = title.replace("ü", "ue").replace("ö", "oe").replace("Ü", "Ue").replace("Ö", "Oe")
    return re.sub(r"[^A-Za-z0-9.]+", "-", ascii_).strip("-")


@dataclass(frozen=True)
class Term:
    title: str
    anchor: str
    level: int  # the heading level of its own file


class Writer:
    def __init__(self, rng: random.Random, terms: list[Term], missing: list[Term]) -> None:
        self.rng = rng
        self.terms = terms
        self.missing = missing  # titles nobody has written a page for yet
        self.links = Links({t.anchor for t in terms})

    def target(self) -> tuple[str, str]:
        """A link's label and anchor: mostly a term, often a planned one, sometimes a typo."""
        roll = self.rng.random()
        if roll < 0.25:
            term = self.rng.choice(self.missing)
            return term.title, term.anchor
        term = self.rng.choice(self.terms)
        if roll < 0.30:
            typo = term.anchor.lower() if self.rng.random() < 0.5 else term.anchor[:-1] + "x"
            return term.title, typo
        return term.title, term.anchor

    def sentence(self, words: int) -> str:
        out = []
        for _ in range(words):
            roll = self.rng.random()
            if roll < 0.014:
                out.append(self.links(*self.target()))
            elif roll < 0.019:
                title, anchor = self.target()
                out.append(f"`[{title}](#{anchor})`")  # a code span: no link
            elif roll < 0.045:
                out.append(f"**{self.rng.choice(WORDS)}**")
            else:
                out.append(self.rng.choice(WORDS))
        text = " ".join(out)
        return text[:1].upper() + text[1:] + "."

    def paragraph(self, sentences: int) -> str:
        return " ".join(self.sentence(self.rng.randint(12, 24)) for _ in range(sentences))

    def body(self, term: Term) -> list[str]:
        """The term's text below its heading, with `###` sections, one paragraph a line."""
        rng = self.rng
        parts = [f"***{self.sentence(7)}***", "",
                 f"**{term.title}** {self.paragraph(2)}", ""]
        if rng.random() < 0.3:
            parts += ["<!-- Review: [alt](#Nirgends) prüfen -->", ""]  # a comment: no link
        for title in rng.sample(SECTIONS, rng.randint(5, 6)):
            parts += [f"### {title} {{.explanation}}", "", self.paragraph(3), ""]
            parts += [f"- **{rng.choice(WORDS)}**: {self.paragraph(1)}" for _ in range(3)]
            parts += ["", self.paragraph(2), ""]
            if title == "Formel":
                parts += ["$$", r"\theta_{t+1} = \theta_t - \eta \nabla L(\theta_t)", "$$", ""]
            if title == "Praxis":
                label, anchor = self.target()
                parts += ["```text", "lr = 0.1 * 0.5 ** epoch",
                          f"[{label}](#{anchor}) is no link in code", "```", ""]
            if title == "Varianten":
                parts += ["| Variante | Siehe |", "|---|---|"]
                parts += [f"| {rng.choice(WORDS)} | {self.links(*self.target())} |"
                          for _ in range(3)]
                parts += [""]
        parts += ["### Haiku {.haiku}", "", "Gewichte fallen \\", "leise durch den Gradienten \\",
                  "das Netz lernt still", ""]
        related = sorted({self.target() for _ in range(rng.randint(4, 7))},
                         key=lambda ta: ta[0].casefold())
        parts += ["### Verwandte Begriffe {.seealso}", ""]
        parts += [f"{self.links(title, anchor)} |" for title, anchor in related]
        parts += [f"{self.links('Index', 'Index')} |", "", "----", ""]
        return parts

    def term_file(self, term: Term) -> str:
        self.links.file, self.links.local = f"{term.anchor}.md", set()
        hashes = "#" * term.level
        return "\n".join([f"{hashes} {term.title} {{#{term.anchor} .chapter .small .term}}", "",
                          *self.body(term)])

    def preface(self) -> str:
        self.links.file, self.links.local = "Vorwort.md", set()
        return "\n".join(["# Vorwort", "", self.paragraph(4), "", self.paragraph(3), ""])

    def edition(self, terms: list[Term]) -> str:
        """The concatenated edition: front matter, introduction, index, then every term."""
        letters = sorted({t.title[0].upper() for t in self.terms + self.missing})
        self.links.file = "Glossar.md"
        self.links.local = {letter.lower() for letter in letters} | {"einleitung"}
        out = ["---", 'title: "Glossar des maschinellen Lernens"', "lang: de-DE", "---", "",
               "# Einleitung {#einleitung}", ""]
        out += [_wrap(self.paragraph(5)) + "\n" for _ in range(3)]
        out += [_wrap("Zum Index: " + self.links("A", "a") + " und weiter.") + "\n"]
        listed = sorted(self.terms + self.missing,
                        key=lambda t: t.title.casefold())
        for letter in letters:
            out += [f"## {letter} {{#{letter.lower()} .index}}", ""]
            entries = [f"{self.links(t.title, t.anchor)} \\|" for t in listed
                       if t.title[0].upper() == letter]
            out += [_wrap(" ".join(entries)) if entries else "", ""]
        for term in terms:
            out += [f"# {term.title} {{#{term.anchor} .chapter .small .term}}", ""]
            out += _rewrap(self.body(term))
        return "\n".join(out)


def _wrap(text: str) -> str:
    return textwrap.fill(text, WRAP, break_long_words=False, break_on_hyphens=False)


def _rewrap(lines: list[str]) -> list[str]:
    """What Pandoc makes of a term: headings one level up, paragraphs reflowed, `|` escaped."""
    out: list[str] = []
    seealso: list[str] = []
    code = False
    for line in lines:
        if line.startswith("```"):
            code = not code
        if code or line.startswith("```"):
            out.append(line)
            continue
        if line.endswith(" |") and line.startswith("["):
            seealso.append(line[:-2] + " \\|")
            continue
        if seealso and not line.strip():
            continue
        if seealso:  # the list ends: Pandoc reflows it as one paragraph
            out += [_wrap(" ".join(seealso)), ""]
            seealso = []
        if line.startswith("###"):
            out.append(line[1:])
        elif line.startswith("- "):
            out.append(textwrap.fill(line, WRAP, subsequent_indent="  ", break_long_words=False,
                                     break_on_hyphens=False))
        elif line.startswith(("|", "$$", "<!--", "#", "\\", "----")) or "\\" in line[-2:]:
            out.append(line)
        elif line.strip():
            out.append(_wrap(line))
        else:
            out.append(line)
    if seealso:
        out += [_wrap(" ".join(seealso)), ""]
    return out


def write_real_world(out: Path, terms: int = 346, seed: int = 0) -> dict[str, Any]:
    """Write the glossary under OUT/de and its manifest; return the manifest."""
    rng = random.Random(seed)
    seen: set[str] = set()
    written: list[Term] = []
    missing: list[Term] = []
    while len(written) + len(missing) < terms * 34 // 10:
        title = _title(rng)
        anchor = _anchor(title)
        if anchor.casefold() in seen:
            continue
        seen.add(anchor.casefold())
        if len(written) < terms:
            level = 3 if len(written) % 50 == 7 else 1 if len(written) % 120 == 11 else 2
            written.append(Term(title, anchor, level))
        else:
            missing.append(Term(title, anchor, 2))
    writer = Writer(rng, written, missing)
    folder = out / "de"
    folder.mkdir(parents=True, exist_ok=True)
    sizes = {}
    for term in written:
        sizes[f"{term.anchor}.md"] = _write(folder / f"{term.anchor}.md", writer.term_file(term))
    sizes["Vorwort.md"] = _write(folder / "Vorwort.md", writer.preface())
    sizes["Glossar.md"] = _write(folder / "Glossar.md",
                                 writer.edition(written[: len(written) * 4 // 5]))
    planted = {name: count for name, count in sorted(writer.links.planted.items()) if count}
    manifest: dict[str, Any] = {
        "files": len(sizes), "bytes": sum(sizes.values()), "edition_bytes": sizes["Glossar.md"],
        "links": writer.links.written, "dangling": sum(planted.values()),
        "dangling_outside_terms": _outside_terms(folder), "dangling_by_file": planted,
        "duplicated_anchors": len(written) * 4 // 5,
        "level_1_terms": sum(t.level == 1 for t in written),
        "level_3_terms": sum(t.level == 3 for t in written),
    }
    (out / "MANIFEST.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return manifest


def _outside_terms(folder: Path) -> int:
    """Dangling links before the edition's first term heading and in the preface."""
    anchors = {p.stem for p in folder.glob("*.md")} | {"Index"}
    count = 0
    edition = (folder / "Glossar.md").read_text(encoding="utf-8")
    head = edition[: edition.index(" .chapter .small .term}")]
    local = set(re.findall(r"\{#([a-z]+)", head))
    for text in (head, (folder / "Vorwort.md").read_text(encoding="utf-8")):
        text = re.sub(r"`[^`]*`", "", text)
        count += sum(a not in anchors and a not in local
                     for a in re.findall(r"\]\(#([^)\s]+)\)", text))
    return count


def _write(path: Path, text: str) -> int:
    data = text.encode()
    path.write_bytes(data)
    return len(data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--terms", type=int, default=346, help="term files (default 346)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    manifest = write_real_world(args.out, args.terms, args.seed)
    print(f"wrote {manifest['files']} files, {manifest['bytes'] / 1e6:.1f} MB "
          f"(edition {manifest['edition_bytes'] / 1e6:.1f} MB), {manifest['links']} links, "
          f"{manifest['dangling']} dangling, to {args.out}")


if __name__ == "__main__":
    main()
