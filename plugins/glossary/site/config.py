"""The plugin's options in mkdocs.yml: the core's settings, as MkDocs' config schema.

Every option of `glossary.core.settings.Settings` is a key here; MkDocs only collects
the values, and the core reads them, with the project's `[tool.glossary]`, exactly as
the `glossary` command and the pytest plugin do. An unset key is None.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from glossary.core.settings import OPTIONS, ConfigError, Project, load_project

class GlossaryConfig(base.Config):
    """An optional key for every option; MkDocs' Config builds its schema on this one."""

    _schema = tuple((name, c.Optional(c.Type(object))) for name in OPTIONS)


def project_of(config: MkDocsConfig, options: base.Config) -> Project:
    """The project this build belongs to: mkdocs.yml's folder, its settings, docs_dir."""
    root = Path(config.config_file_path or ".").resolve().parent
    given = {name: options[name] for name in OPTIONS}
    try:
        return load_project(root, mkdocs=(given, Path(config.docs_dir)))
    except ConfigError as exc:
        raise PluginError(str(exc)) from None
