"""Every rule the validator knows: stable code, name, default severity and fix hint."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Severity

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    name: str
    severity: Severity
    hint: str


_RULES = [
    # Input: what stops the text from being read as written.
    Rule("E001", "invalid-utf8", E, "save the file as UTF-8"),
    Rule("E002", "nul-byte", E, "delete the NUL character; it is usually a copy-paste accident"),
    Rule("E003", "unreadable-file", E, "check the file exists and is readable"),
    # Structure of one term file.
    Rule("S001", "no-term-heading", E,
         "start the file with `## Title {#Anchor .term}`, or exclude it if it is not a term"),
    Rule("S002", "several-term-headings", E,
         "move each term into its own file named after its anchor; a concatenated edition of "
         "the glossary is excluded with `exclude = [\"<name>.md\"]` in [tool.glossary]"),
    Rule("S003", "heading-not-first", W,
         "move the term heading to the top; only comments may come before it"),
    Rule("S004", "malformed-anchor", E,
         "use ASCII letters, digits, `-`, `.` and `_` in anchors, e.g. `{#Learning-Rate .term}`"),
    Rule("S005", "filename-mismatch", W, "rename the file to `<Anchor>.md` or fix the anchor"),
    Rule("S006", "duplicate-anchor", E, "keep one term per anchor; merge or rename the other"),
    Rule("S007", "anchor-case-collision", E,
         "anchors that differ only in case collide on case-insensitive file systems; rename one"),
    Rule("S008", "no-definition", E,
         "add a 1-3 sentence definition paragraph right after the heading (and taglines)"),
    Rule("S009", "no-explanation", W, "add at least one `### Title {.explanation}` section"),
    Rule("S010", "empty-section", W, "write the section or delete its heading"),
    Rule("S011", "seealso-missing", W,
         "end the term with `### See also {.seealso}` and `[Label](#Anchor) |` lines"),
    Rule("S012", "seealso-not-last", W, "move the see-also section to the end of the term"),
    Rule("S013", "unclosed-fence", E, "close the code block with the same fence it opens with"),
    Rule("S014", "tagline-file-prefix", W,
         "drop the `Name.md:` prefix; write `- ***\"tagline\"*** (source)`"),
    Rule("S015", "placeholder-left", W,
         "replace the `TODO(glossary):` placeholder from `glossary new` with the real text"),
    Rule("S016", "term-heading-level", W,
         "write the term heading at level 2, `## Title {#Anchor .term}`, its sections at 3"),
    Rule("S017", "front-matter-invalid", E,
         "write the front matter as YAML keys and values between two `---` lines, or delete it"),
    Rule("S018", "comment-not-closed", E,
         "close the comment with `-->`, or write `&lt;!--` if the text means the characters"),
    # Links.
    Rule("L001", "dangling-link", E,
         "link to an existing term of the same language, or a heading id of the same file"),
    Rule("L002", "dangling-seealso", E, "link to an existing anchor of the same language"),
    Rule("L003", "seealso-unsorted", W,
         "sort see-also lines by label (case-insensitive, umlauts folded)"),
    Rule("L004", "seealso-duplicate", W, "delete the repeated see-also line"),
    Rule("L005", "seealso-self-link", W, "a term should not list itself; delete the line"),
    Rule("L006", "seealso-index-missing", W, "add `[Index](#Index) |` as the last see-also line"),
    Rule("L007", "seealso-index-not-last", W, "move `[Index](#Index) |` to the end of the list"),
    Rule("L008", "seealso-malformed", W, "write each see-also line as `[Label](#Anchor) |`"),
    # Both languages.
    Rule("B001", "missing-twin", W, "add the term in the other language with the same file name"),
    Rule("B002", "twin-seealso-differs", INFO, "align the see-also lists of both languages"),
    # Examples: the Python blocks of a page.
    Rule("X001", "example-option-invalid", E,
         'write options as `python timeout="120"` or `python skip="why it is not run"`'),
    Rule("X002", "example-without-code", E,
         'write the example, or mark the block `python skip="why it is not run"`'),
    Rule("X003", "example-embed-missing", E,
         "embed an existing file; the path is relative to the repository root"),
    Rule("X004", "example-embed-outside", E,
         "embed a file of the examples folder (the `examples_dir` setting); nothing else runs"),
    # The link graph.
    Rule("G001", "orphan-term", INFO, "link to this term from a related term's text or see-also"),
]

RULES: dict[str, Rule] = {rule.code: rule for rule in _RULES}
