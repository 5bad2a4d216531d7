"""The plugin's options in mkdocs.yml are the core's settings, every one, none besides."""

from __future__ import annotations

from glossary.core.settings import OPTIONS
from glossary.site.config import GlossaryConfig
from glossary.site.plugin import GlossaryPlugin


def test_mkdocs_knows_every_option_and_no_other() -> None:
    assert [name for name, _ in GlossaryConfig._schema] == list(OPTIONS)
    assert GlossaryPlugin.config_scheme == GlossaryConfig._schema


def test_an_option_left_out_of_mkdocs_yml_is_unset_not_defaulted() -> None:
    config = GlossaryConfig()
    config.load_dict({"jobs": 2})
    errors, warnings = config.validate()
    assert (errors, warnings) == ([], [])
    # Only what the file sets is passed on: the defaults live in the core alone.
    assert {name: config[name] for name in OPTIONS if config[name] is not None} == {"jobs": 2}
