"""Pages the site generates in every language: the A–Z index and the translation status."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from glossary.core.az_index import index_markdown
from glossary.core.model import INDEX, STATUS_PAGE

from .status import status_markdown
from .terms import Glossary


def add_generated_pages(files: Files, config: MkDocsConfig, glossary: Glossary,
                        languages: tuple[str, ...]) -> list[str]:
    """An A–Z index and a status page for each language that has pages; warnings, if any.

    A page the project wrote itself under the index's name is left as it is, with a warning.
    """
    warnings = []
    present = sorted({f.src_uri.split("/")[0] for f in files.documentation_pages()
                      if "/" in f.src_uri} & set(languages))
    for lang in present:
        src_uri = f"{lang}/{INDEX}.md"
        if files.get_file_from_path(src_uri) is not None:
            warnings.append(f"{src_uri}: `{INDEX}` is reserved for the generated A–Z index; "
                            "rename this file")
            continue
        content = index_markdown(glossary.entries[lang], lang)
        files.append(File.generated(config, src_uri, content=content))
        glossary.targets[lang][INDEX] = (src_uri, "")
    titles = {lang: {term.anchor: term.title for term, _ in glossary.entries[lang]}
              for lang in present}
    for lang in present:
        src_uri = f"{lang}/{STATUS_PAGE}.md"
        if files.get_file_from_path(src_uri) is None:
            files.append(File.generated(config, src_uri, content=status_markdown(lang, titles)))
    return warnings
