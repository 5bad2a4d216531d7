"""On-disk cache of parsed documents, keyed by a hash of each file's bytes.

The cache file's name carries a hash of the parser's own source and of the Markdown
library's version, so a new parser never reads an old cache. Anything unreadable in
the cache is treated as a miss: the file starts with a checksum of its body, and is
replaced atomically (temp file + rename), so a torn or edited file is never trusted.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pyromark

from .atomic import write_atomic
from .model import CodeBlock, Document, ExampleRef, Finding, Link, Section, SeeAlso, Term

_MAX_ENTRIES = 20_000


def content_key(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _parser_version() -> str:
    """A hash of everything a parse depends on: our parser and the Markdown library."""
    digest = hashlib.blake2b(digest_size=8)
    here = Path(__file__).parent
    for name in ("parser.py", "model.py", "parse_cache.py"):
        digest.update((here / name).read_bytes())
    digest.update(pyromark.__version__.encode())
    return digest.hexdigest()


def encode(doc: Document) -> list[Any]:
    terms = [
        [t.anchor, t.title, t.line, t.column, list(t.taglines), t.definition, t.definition_line,
         [[s.kind, s.title, s.line, s.empty] for s in t.sections],
         [[e.anchor, e.label, e.line, e.column] for e in t.seealso],
         [[k.anchor, k.label, k.line, k.column] for k in t.links],
         [[x.path, x.line] for x in t.examples], t.level, t.section_level]
        for t in doc.terms
    ]
    findings = [[f.code, f.line, f.column, f.message] for f in doc.findings]
    blocks = [[b.line, b.column, b.info, b.source, b.end_line] for b in doc.code_blocks]
    links = [[k.anchor, k.label, k.line, k.column] for k in doc.links]
    return [terms, findings, doc.first_content_line, blocks, links, list(doc.anchors),
            doc.line_count]


def _positions(items: Any) -> bool:
    """[[anchor, label, line, column], ...] with texts and positions of the right types."""
    return type(items) is list and all(
        type(item) is list and len(item) == 4 and type(item[0]) is str
        and type(item[1]) is str and type(item[2]) is int and type(item[3]) is int
        for item in items)


def _texts(items: Any) -> bool:
    return type(items) is list and all(type(item) is str for item in items)


def _fits(raw: Any) -> bool:
    """Whether `raw` has the shape `encode` gives, every field of its type."""
    if type(raw) is not list or len(raw) != 7:
        return False
    terms, findings, first, blocks, links, anchors, line_count = raw
    return (type(terms) is list and all(_fits_term(term) for term in terms)
            and type(findings) is list and all(
                type(f) is list and len(f) == 4 and type(f[0]) is str and type(f[1]) is int
                and type(f[2]) is int and type(f[3]) is str for f in findings)
            and type(first) is int and type(blocks) is list and all(
                type(b) is list and len(b) == 5 and type(b[0]) is int and type(b[1]) is int
                and type(b[2]) is str and type(b[3]) is str and type(b[4]) is int
                for b in blocks)
            and _positions(links) and _texts(anchors) and type(line_count) is int)


def _fits_term(term: Any) -> bool:
    if type(term) is not list or len(term) != 13:
        return False
    (anchor, title, line, column, taglines, definition, definition_line, sections, seealso,
     links, examples, level, section_level) = term
    return (type(anchor) is str and type(title) is str and type(line) is int
            and type(column) is int and _texts(taglines) and type(definition) is str
            and type(definition_line) is int and type(sections) is list and all(
                type(s) is list and len(s) == 4 and type(s[0]) is str and type(s[1]) is str
                and type(s[2]) is int and type(s[3]) is bool for s in sections)
            and _positions(seealso) and _positions(links) and type(examples) is list and all(
                type(x) is list and len(x) == 2 and type(x[0]) is str and type(x[1]) is int
                for x in examples)
            and type(level) is int and type(section_level) is int)


def decode_document(raw: Any) -> Document:
    """The document `encode` gave `raw`; ValueError if `raw` has another shape (a cache
    written by something else, or edited, is never trusted)."""
    if not _fits(raw):
        raise ValueError("not an encoded document")
    terms, findings, first, blocks, links, anchors, line_count = raw
    return Document(
        tuple(
            Term(anchor, title, line, column, tuple(taglines), definition, definition_line,
                 tuple(Section(*s) for s in sections), tuple(SeeAlso(*e) for e in seealso),
                 tuple(Link(*k) for k in links), tuple(ExampleRef(*x) for x in examples),
                 int(level), int(section_level))
            for (anchor, title, line, column, taglines, definition, definition_line, sections,
                 seealso, links, examples, level, section_level) in terms
        ),
        tuple(Finding(*f) for f in findings),
        int(first),
        tuple(CodeBlock(*b) for b in blocks),
        tuple(Link(*k) for k in links),
        tuple(str(a) for a in anchors),
        int(line_count),
    )


class ParseCache:
    """Parsed documents by content hash; `folder=None` caches nothing."""

    def __init__(self, folder: Path | None) -> None:
        self.path = folder / f"parse-{_parser_version()}.json" if folder else None
        self._raw: dict[str, Any] = {}
        self._used: set[str] = set()
        self._dirty = False
        if self.path is not None:
            self._raw = _load(self.path)

    def get(self, key: str) -> Document | None:
        raw = self._raw.get(key)
        if raw is None:
            return None
        try:
            document = decode_document(raw)
        except (TypeError, ValueError):
            # A damaged entry is a miss: parse again and overwrite it.
            del self._raw[key]
            return None
        self._used.add(key)
        return document

    def put(self, key: str, document: Document) -> None:
        self._raw[key] = encode(document)
        self._used.add(key)
        self._dirty = True

    def save(self) -> None:
        """Write the cache if it changed; a cache that cannot be written is skipped."""
        if self.path is None or not self._dirty:
            return
        if len(self._raw) > _MAX_ENTRIES:
            self._raw = {k: v for k, v in self._raw.items() if k in self._used}
        body = json.dumps(self._raw, ensure_ascii=False, separators=(",", ":")).encode()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(self.path, content_key(body).encode() + b"\n" + body)
            # Caches of other parser versions will never be read again.
            for stale in self.path.parent.glob("parse-*.json"):
                if stale != self.path:
                    stale.unlink(missing_ok=True)
        except OSError:
            return
        self._dirty = False


def _load(path: Path) -> dict[str, Any]:
    try:
        data = path.read_bytes()
    except OSError:
        return {}
    checksum, _, body = data.partition(b"\n")
    if checksum != content_key(body).encode():
        return {}
    try:
        loaded = json.loads(body)
    except ValueError:
        return {}
    return loaded if isinstance(loaded, dict) else {}
