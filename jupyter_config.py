"""One configuration for the kit's Jupyter servers: Voila for trainees, JupyterLab for authors.

Trainees:  ``coachkit serve`` loads this file and opens the course home page
           (``/voila/render/modules/index.ipynb``) in Voila on this computer only.
Authors:   ``jupyter lab --config=jupyter_config.py`` opens the same folder in JupyterLab;
           its Voila preview uses the same template, theme and error handling.

Everything trainees see is set here, in one place, rather than in command-line flags.
"""

import os
from pathlib import Path

c = get_config()  # noqa: F821 -- provided by traitlets when it loads this file

#: The folder of this file: the kit's root, served as-is (links are /voila/render/modules/...).
HERE = Path(__file__).resolve().parent
#: The course home page, relative to the root.
HOME_PAGE = "modules/index.ipynb"

# --- Where work is saved -------------------------------------------------------------
# One folder per trainee inside it (see coachkit.workdir). A relative path is taken
# relative to this file. Kernels start in the notebook's own folder and cannot find this
# file, so they are handed the same folder through COACHKIT_WORK -- unless it is already
# set (a hub sets it per user), which always wins.
c.CoachKit.work_dir = "coachkit-work"
os.environ.setdefault("COACHKIT_WORK", str(HERE / c.CoachKit.work_dir))

# --- What is served --------------------------------------------------------------------
c.Voila.root_dir = str(HERE)
c.ServerApp.root_dir = str(HERE)
c.Voila.ip = "localhost"  # this computer only; a hub puts its own proxy in front

# --- How it looks ----------------------------------------------------------------------
# The "coachkit" template (share/jupyter/voila/templates/coachkit) is JupyterLab's look
# with readable type, strong contrast, visible keyboard focus and nothing fetched from
# the internet (the stock template loads an icon font from a CDN).
_templates = str(HERE / "share" / "jupyter")
_jupyter_path = [p for p in os.environ.get("JUPYTER_PATH", "").split(os.pathsep) if p]
if _templates not in _jupyter_path:
    os.environ["JUPYTER_PATH"] = os.pathsep.join([_templates, *_jupyter_path])
c.VoilaConfiguration.template = "coachkit"
c.VoilaConfiguration.theme = "light"
c.VoilaConfiguration.strip_sources = True  # no code is ever shown to trainees
# Only the widget extensions: the other JupyterLab extensions installed alongside (grading,
# notebook, previews) mean nothing to a trainee and only slow the page down.
c.VoilaConfiguration.extension_allowlist = [
    "@voila-dashboards/widgets-manager8", "@jupyter-widgets/jupyterlab-manager"]

# --- When something goes wrong -----------------------------------------------------------
# Trainees are clinicians: no tracebacks, a plain sentence and what to do next instead.
c.VoilaConfiguration.show_tracebacks = False
c.VoilaExecutor.cell_error_instruction = (
    "Part of this page could not be prepared. Reload the page; if it happens again, tell "
    "your course facilitator which page it was. Work you saved earlier is not affected."
)
c.VoilaExecutor.cell_timeout_instruction = (
    "This page took too long to prepare. Reload it in a minute.")

# --- Start-up ----------------------------------------------------------------------------
# The home page is pre-rendered in a waiting kernel so it opens at once; the course map
# itself is read only when a trainee opens it (coachkit.ui.progress waits for the request).
# Module pages start their own kernel when opened: pre-heating all of them would keep ten
# Python processes busy on a laptop, and their quizzes and reflections read the trainee's
# saved work when the page runs -- ahead of time, that is stale, or not yet the trainee's.
# `coachkit serve` pre-heats exactly the pages named here, without searching the folder
# for others; a request waits for the first pre-heated kernel while it starts, rather
# than starting a second, but not for a refill still waiting out `fill_delay`
# (coachkit.server.PreheatedPageHandler).
c.VoilaConfiguration.preheat_kernel = True
c.VoilaKernelManager.kernel_pools_config = {
    "default": {"pool_size": 0},
    HOME_PAGE: {"pool_size": 1},
}
c.VoilaKernelManager.fill_delay = 5  # refill after the page has rendered, not during
