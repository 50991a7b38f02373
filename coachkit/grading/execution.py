"""Autograding many notebooks with one Python kernel instead of one kernel each.

nbgrader's ``Execute`` preprocessor starts a fresh kernel for every notebook; on a small
machine that start, plus importing the analyzer in it, costs more than grading the
notebook. ``SharedKernelExecute`` keeps one kernel for the whole autograde run: before each
notebook it clears the user namespace (``%reset -f``), resets the execution counter and
moves to the notebook's folder, so notebooks never see each other's variables. A kernel
that died (a notebook that called ``os._exit``) or hung is replaced for the next notebook.

Trade-off, stated plainly: modules imported by one notebook stay imported for the next, so
a notebook that monkey-patches a library could affect the ones graded after it in the
same run. Use ``fresh_kernels=True`` (``--fresh-kernels``) for nbgrader's one-kernel-per-
notebook isolation.
"""

from __future__ import annotations

import atexit
import json
import subprocess
from typing import Any

from jupyter_core.utils import run_sync
from nbclient import NotebookClient
from nbgrader.preprocessors import Execute

_RESET = """\
get_ipython().run_line_magic("reset", "-f")
get_ipython().execution_count = 1
import os as _ck_os
_ck_os.chdir({path})
del _ck_os
"""

_KERNELS: dict[str, Any] = {}


def _kernel_for(client: "SharedKernelExecute") -> Any:
    """The shared kernel manager for the notebook's kernel name (started on first use)."""
    name = client.kernel_name or client.nb.metadata.get("kernelspec", {}).get("name", "")
    km = _KERNELS.get(name)
    if km is not None and km.has_kernel and run_sync(km.is_alive)():
        return km
    if km is not None:
        _shutdown(km)
    km = client.create_kernel_manager()
    _KERNELS[name] = km
    return km


def _shutdown(km: Any) -> None:
    try:
        if km.has_kernel:
            run_sync(km.shutdown_kernel)(now=True)
    except Exception:  # a kernel that is already gone cannot be shut down twice
        pass


def shutdown_shared_kernels() -> None:
    """Stop the kernels kept for autograding (called at the end of a run and at exit)."""
    while _KERNELS:
        _shutdown(_KERNELS.popitem()[1])


atexit.register(shutdown_shared_kernels)


class SharedKernelExecute(Execute):
    """nbgrader's ``Execute``, running every notebook of a run in one reset kernel."""

    def preprocess(self, nb: Any, resources: Any = None, km: Any = None) -> tuple[Any, Any]:
        """Execute ``nb`` in the shared kernel (mirrors ``ExecutePreprocessor.preprocess``)."""
        NotebookClient.__init__(self, nb, None)
        self.reset_execution_trackers()
        self._check_assign_resources(resources)
        self.km = _kernel_for(self)
        self.owns_km = False
        path = (resources or {}).get("metadata", {}).get("path") or "."
        try:
            # the kernel's own start-up chatter would land on the facilitator's terminal
            with self.setup_kernel(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL):
                info = self.wait_for_reply(self.kc.kernel_info())
                self.nb.metadata["language_info"] = info["content"]["language_info"]
                reply = self.wait_for_reply(self.kc.execute(_RESET.format(path=json.dumps(str(path))),
                                                            silent=True, store_history=False))
                if reply is None or reply["content"]["status"] != "ok":
                    raise RuntimeError(f"could not reset the shared kernel for {path}")
                for index, cell in enumerate(self.nb.cells):
                    self.preprocess_cell(cell, resources, index)
        finally:
            if self.kc is not None:
                self.kc.stop_channels()
                self.kc = None
        self.set_widgets_metadata()
        return self.nb, self.resources
