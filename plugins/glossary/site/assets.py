"""What the plugin adds to the theme: its templates, script and style sheet, and MathJax.

MathJax comes from the `django-static-mathjax` wheel (it needs no Django) and is served
from the site itself, so formulas render offline and nothing loads from a CDN.
"""

from __future__ import annotations

import importlib.resources
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from glossary.core.settings import Settings

HERE = Path(__file__).parent
TEMPLATES = HERE / "templates"
ASSETS = "assets/glossary"  # the plugin's own script and style sheet
MATHJAX = "assets/mathjax"
# MathJax's TeX-to-HTML build, its fonts and the TeX extensions it loads on demand.
_MATHJAX_FILES = ("tex-chtml.js", "output/chtml/fonts/woff-v2/*.woff",
                  "input/tex/extensions/**/*.js")


def configure_theme(config: MkDocsConfig, settings: Settings) -> list[str]:
    """Add the plugin's templates, style sheet and scripts; what is missing, as warnings."""
    # Templates of the plugin (language selector, hreflang, JSON-LD, 404) come after
    # the project's own overrides and before the theme's.
    config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(TEMPLATES))
    # Material shows its language selector when `extra.alternate` is set; the plugin's
    # selector fills it per page. (Not a list: Material's own hreflang loop skips it.)
    config.extra["alternate"] = config.extra.get("alternate") or True
    if config.site_url:
        # The plugin writes a sitemap per language (with hreflang) after the build;
        # MkDocs' own, of every page, would only be overwritten.
        config.theme.static_templates.discard("sitemap.xml")
    config.extra_css.append(f"{ASSETS}/glossary.css")
    if settings.math:
        config.extra_javascript.append(f"{ASSETS}/mathjax-config.js")
        config.extra_javascript.append(f"{MATHJAX}/tex-chtml.js")
    config.extra_javascript.append(f"{ASSETS}/glossary.js")
    if settings.examples and "pymdownx.superfences" not in config.markdown_extensions:
        return ["mkdocs.yml: the output of examples is shown in code blocks titled by "
                "pymdownx.superfences; add it to markdown_extensions, or set "
                "plugins.glossary.examples to false"]
    return []


def asset_files(config: MkDocsConfig, settings: Settings) -> list[File]:
    """The plugin's script and style sheet, and MathJax from its Python package."""
    found = [File.generated(config, f"{ASSETS}/{path.name}", abs_src_path=str(path))
             for path in sorted((HERE / "assets").iterdir())]
    if settings.math:
        es5 = Path(str(importlib.resources.files("mathjax"))) / "static" / "mathjax" / "es5"
        for pattern in _MATHJAX_FILES:
            for path in sorted(es5.glob(pattern)):
                dest = f"{MATHJAX}/{path.relative_to(es5).as_posix()}"
                found.append(File.generated(config, dest, abs_src_path=str(path)))
    return found
