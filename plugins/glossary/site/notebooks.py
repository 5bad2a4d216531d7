"""Walkthroughs: each `<lang>/**/*.py` (Jupytext percent) becomes its executed `.ipynb` page.

The executed notebook comes from the results store, or from a run now; mkdocs-jupyter
makes the page and its download from it, never from a stale copy. Without a runner
(`examples: false`, a quick preview) the notebook is shown as written.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from glossary.core.discover import display_path
from glossary.core.settings import Project
from glossary.runner.notebooks import NotebookError, convert
from glossary.runner.scheduler import Runner

from .log import log


def add_walkthroughs(files: Files, config: MkDocsConfig, project: Project,
                     runner: Runner | None) -> set[str]:
    """Replace each walkthrough's `.py` by its notebook; the src_uris of the notebooks."""
    sources = [file for file in files
               if file.src_uri.endswith(".py") and file.abs_src_path is not None
               and file.src_uri.split("/")[0] in project.settings.languages]
    if not sources:
        return set()
    display = {file.src_uri: display_path(Path(str(file.abs_src_path)), project.root)
               for file in sources}
    # mkdocs-jupyter reads a page's file from its source folder, so the executed
    # notebooks are laid out like the content folder, under the results store.
    folder = project.results / "notebooks"
    executed: dict[str, Path] = {}
    if runner is not None:
        outcome = runner.bring_notebooks_up_to_date(
            [(display[file.src_uri], Path(str(file.abs_src_path))) for file in sources])
        for message in outcome.failures.values():
            log.error(message)
        log.info(f"notebooks: {outcome.reused} taken from the store, {outcome.ran} run "
                 f"in {outcome.seconds:.1f} s")
        for file in sources:
            stored = outcome.stored.get(outcome.keys[(display[file.src_uri], 1)])
            if stored is not None and stored.notebook is not None:
                executed[file.src_uri] = stored.notebook
    notebooks = set()
    for file in sources:
        files.remove(file)
        src_uri = file.src_uri[:-3] + ".ipynb"
        target = folder / src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        notebook = executed.get(file.src_uri)
        if notebook is not None:
            if not target.is_file() or target.read_bytes() != notebook.read_bytes():
                shutil.copyfile(notebook, target)
        elif runner is not None:
            continue  # the run failed: reported above
        else:
            try:
                convert(Path(str(file.abs_src_path)), target, display[file.src_uri])
            except NotebookError as exc:
                log.error(str(exc))
                continue
        files.append(File(src_uri, str(folder), config.site_dir, config.use_directory_urls))
        notebooks.add(src_uri)
    return notebooks
