"""Write a synthetic glossary: N term files per language, of realistic size and shape.

    python benchmarks/make_corpus.py OUT --terms 345 [--langs de,en] [--broken 0.02]

Each term has taglines, a definition, five to seven explanation sections with
paragraphs, lists, a table, math and a code fence, and a sorted see-also list; the
share `--broken` of its links points to anchors that do not exist. The default sizes
give about 11.6 kB a file, like the real-world glossary this format comes from.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

WORDS = {
    "de": [
        "Modell", "Daten", "Gewichte", "Gradient", "Verlust", "Schicht", "Netz", "Optimierer",
        "Lernrate", "Schritt", "Beispiel", "Fehler", "Wert", "Training", "Aktivierung",
        "Ausgabe", "Eingabe", "Größe", "Überanpassung", "schnell", "stabil", "klein", "groß",
        "lernt", "berechnet", "aktualisiert", "verringert", "zeigt", "nutzt", "über", "für",
        "mit", "ohne", "während", "zwischen", "nach", "der", "die", "das", "ein", "eine", "und",
        "oder", "wenn"
    ],
    "en": [
        "model", "data", "weights", "gradient", "loss", "layer", "network", "optimizer", "rate",
        "step", "example", "error", "value", "training", "activation", "output", "input",
        "size", "overfitting", "fast", "stable", "small", "large", "learns", "computes",
        "updates", "reduces", "shows", "uses", "over", "for", "with", "without", "during",
        "between", "after", "the", "a", "an", "and", "or", "when"
    ],
}
TITLES = {"de": ("Funktionsweise", "Formel", "Anwendung", "Typische Fehler", "Geschichte",
                 "In PyTorch", "Varianten"),
          "en": ("How it works", "Formula", "When to use it", "What goes wrong", "History",
                 "In PyTorch", "Variants")}
SEEALSO = {"de": "Verwandte Begriffe", "en": "See also"}


def _sentence(rng: random.Random, words: list[str], anchors: list[str], broken: float,
              length: int) -> str:
    out = []
    for _ in range(length):
        word = rng.choice(words)
        roll = rng.random()
        if roll < 0.015 and anchors:
            target = f"Missing-{rng.randint(0, 10**6)}" if rng.random() < broken \
                else rng.choice(anchors)
            word = f"[{word}](#{target})"
        elif roll < 0.035:
            word = f"**{word}**"
        elif roll < 0.045:
            word = f"`{word}()`"
        out.append(word)
    text = " ".join(out)
    return text[:1].upper() + text[1:] + "."


def term_text(anchor: str, lang: str, anchors: list[str], rng: random.Random,
              broken: float) -> str:
    words = WORDS[lang]

    def para(n: int) -> str:
        return "\n".join(_sentence(rng, words, anchors, broken, rng.randint(15, 29))
                         for _ in range(n))

    title = anchor.replace("-", " ")
    parts = [f"## {title} {{#{anchor} .chapter .small .term}}", "",
             f"***{_sentence(rng, words, [], 0, 8)}***", "",
             f"**{title}** {para(2)}", "", para(2), ""]
    for title_ in rng.sample(TITLES[lang], rng.randint(5, 7)):
        parts += [f"### {title_} {{.explanation}}", "", para(3), ""]
        parts += [f"- **{rng.choice(words)}**: {para(1)}" for _ in range(rng.randint(3, 5))]
        parts += ["", para(2), ""]
        if title_ in ("Formel", "Formula"):
            parts += ["$$", r"\theta_{t+1} = \theta_t - \eta \nabla_\theta L(\theta_t)", "$$", ""]
        if title_ == "In PyTorch":
            parts += ["```python", "import torch", "w = torch.zeros(3, requires_grad=True)",
                      "opt = torch.optim.SGD([w], lr=0.1)", "# [not a link](#Nowhere)", "```",
                      ""]
        if title_ in ("Varianten", "Variants"):
            parts += ["| Name | Wert |", "|---|---|"]
            parts += [f"| {rng.choice(words)} | {rng.random():.3f} |" for _ in range(4)]
            parts += [""]
    related = sorted(rng.sample([a for a in anchors if a != anchor], min(6, len(anchors) - 1)),
                     key=str.casefold)
    parts += [f"### {SEEALSO[lang]} {{.seealso}}", ""]
    parts += [f"[{a.replace('-', ' ')}](#{a}) |" for a in related]
    parts += ["[Index](#Index) |", "", "----", ""]
    return "\n".join(parts)


def write_corpus(out: Path, terms: int, langs: list[str], broken: float, seed: int = 0) -> int:
    """Write the corpus; return the total bytes written."""
    anchors = [f"Term-{n:04d}" for n in range(terms)]
    total = 0
    for lang in langs:
        rng = random.Random(f"{seed}-{lang}")
        folder = out / lang
        folder.mkdir(parents=True, exist_ok=True)
        for anchor in anchors:
            data = term_text(anchor, lang, anchors, rng, broken).encode()
            (folder / f"{anchor}.md").write_bytes(data)
            total += len(data)
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--terms", type=int, default=345)
    parser.add_argument("--langs", default="de,en")
    parser.add_argument("--broken", type=float, default=0.02,
                        help="share of links that point nowhere (default 0.02)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    total = write_corpus(args.out, args.terms, args.langs.split(","), args.broken, args.seed)
    print(f"wrote {args.terms} terms x {args.langs} = {total / 1e6:.1f} MB to {args.out}")


if __name__ == "__main__":
    main()
