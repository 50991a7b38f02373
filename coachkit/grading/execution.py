"""How autograding runs the notebooks: in-process, in one shared kernel, or nbgrader's way.

nbgrader's ``Execute`` preprocessor starts a fresh kernel for every notebook and talks to
it over ZeroMQ; on a small machine the start and the message round trips of every cell cost
more than grading the notebook. nbgrader lets a course swap that preprocessor
(``Autograde.autograde_preprocessors``), and CoachKit offers two faster ones:

- ``InProcessExecute`` (the default, ``EXECUTIONS["in-process"]``) runs the cells in an
  IPython shell inside the grading process itself - no kernel, no messages. Outputs,
  ``execute_result`` values, rich displays and error tracebacks are recorded exactly as a
  kernel would send them, so nbgrader's partial credit and error rules apply unchanged.
  A cell that runs longer than the timeout is interrupted (``Execute.timeout``; this needs
  the main thread, where the command line and Jupyter run it).
- ``SharedKernelExecute`` (``"shared-kernel"``) keeps one real kernel for the whole run. A
  kernel that died (a notebook that called ``os._exit``) is replaced for the next notebook.

Both clear the user namespace (``%reset -f``), reset the execution counter and move to the
notebook's folder before each notebook, so notebooks never see each other's variables.
Trade-off, stated plainly: modules imported by one notebook stay imported for the next, so
a notebook that monkey-patches a library could affect the ones graded after it in the same
run, and in-process a notebook that kills its process (``os._exit``) stops the run (the
next run names the trainee). ``"fresh-kernels"`` is nbgrader's own one-kernel-per-notebook
isolation, for untrusted code.
"""

from __future__ import annotations

import atexit
import contextlib
import io
import json
import os
import platform
import signal
import subprocess
import sys
import threading
from typing import Any

import nbformat
from jupyter_core.utils import run_sync
from nbclient import NotebookClient
from nbgrader.preprocessors import Execute, NbGraderPreprocessor
from traitlets import Integer

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


class _CellTimeout(BaseException):
    """Raised inside a cell that ran past the timeout (like a kernel interrupt)."""


class _Outputs(list):
    """A cell's outputs in nbformat form, in the order they were produced."""

    def stream(self, name: str, text: str) -> None:
        if text:
            if self and self[-1].get("output_type") == "stream" and self[-1]["name"] == name:
                self[-1]["text"] += text
            else:
                self.append(nbformat.v4.new_output("stream", name=name, text=text))


class _Stream(io.TextIOBase):
    def __init__(self, outputs: _Outputs, name: str) -> None:
        self.outputs, self.name = outputs, name

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self.outputs.stream(self.name, text)
        return len(text)


def _shell() -> Any:
    """One private IPython shell for in-process grading (never the user's own shell)."""
    global _SHELL
    if _SHELL is None:
        from IPython.core.displayhook import DisplayHook
        from IPython.core.displaypub import DisplayPublisher
        from IPython.core.interactiveshell import InteractiveShell
        from traitlets.config import Config

        class Hook(DisplayHook):
            def write_output_prompt(self) -> None:
                pass

            def write_format_data(self, format_dict: dict, md_dict: dict | None = None) -> None:
                self.shell.outputs.append(nbformat.v4.new_output(
                    "execute_result", data=format_dict, metadata=md_dict or {},
                    execution_count=self.shell.execution_count))

            def finish_displayhook(self) -> None:
                pass

        class Publisher(DisplayPublisher):
            def publish(self, data: dict, metadata: dict | None = None, *args: Any, **kwargs: Any) -> None:
                self.shell.outputs.append(nbformat.v4.new_output("display_data", data=data, metadata=metadata or {}))

            def clear_output(self, wait: bool = False) -> None:
                self.shell.outputs.clear()

        class Shell(InteractiveShell):
            outputs: _Outputs = _Outputs()

            def _showtraceback(self, etype: Any, evalue: Any, stb: list[str]) -> None:
                self.outputs.append(nbformat.v4.new_output(
                    "error", ename=getattr(etype, "__name__", str(etype)), evalue=str(evalue), traceback=stb))

            def init_virtualenv(self) -> None:  # the grading process is already set up
                pass

        config = Config()
        config.HistoryManager.enabled = False
        _SHELL = Shell(config=config, displayhook_class=Hook, display_pub_class=Publisher, colors="nocolor")
    return _SHELL


_SHELL: Any = None


def _forget(shell: Any) -> None:
    """Clear the user's variables and input history (``%reset -f`` without its full garbage
    collection, which costs more than grading a notebook)."""
    shell.history_manager.reset(new_session=False)
    shell.user_ns.clear()
    shell.user_ns_hidden.clear()
    shell.init_user_ns()
    for name in ("_", "__", "___"):
        setattr(shell.displayhook, name, "")
    shell.execution_count = 1


class InProcessExecute(NbGraderPreprocessor):
    """Run a notebook's code cells in a private IPython shell inside this process."""

    timeout = Integer(120, allow_none=True, help="Seconds a cell may run before it is interrupted.").tag(config=True)

    def _run_cell(self, shell: Any, source: str) -> tuple[_Outputs, int]:
        shell.outputs = outputs = _Outputs()
        count = shell.execution_count
        saved = sys.stdout, sys.stderr, sys.stdin
        use_alarm = bool(self.timeout) and threading.current_thread() is threading.main_thread()

        def interrupt(signum: int, frame: Any) -> None:
            raise _CellTimeout(f"the cell ran for more than {self.timeout} seconds")

        previous = signal.signal(signal.SIGALRM, interrupt) if use_alarm else None
        sys.stdout, sys.stderr, sys.stdin = _Stream(outputs, "stdout"), _Stream(outputs, "stderr"), io.StringIO()
        try:
            if use_alarm:
                signal.setitimer(signal.ITIMER_REAL, float(self.timeout))
            shell.run_cell(source, store_history=True)
        finally:
            if use_alarm:
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, previous)
            sys.stdout, sys.stderr, sys.stdin = saved
        return outputs, count

    def preprocess(self, nb: Any, resources: Any) -> tuple[Any, Any]:
        """Execute every code cell of ``nb`` in the notebook's folder, recording its outputs."""
        from IPython.core.interactiveshell import InteractiveShell

        shell = _shell()
        path = os.path.abspath((resources or {}).get("metadata", {}).get("path") or ".")
        cwd = os.getcwd()
        _forget(shell)
        sys.path.insert(0, path)
        os.chdir(path)
        # IPython's display() publishes through the current shell: make it ours while grading
        # (and give the facilitator's own shell back afterwards, if this runs inside Jupyter).
        current = InteractiveShell._instance
        InteractiveShell._instance = shell
        try:
            for cell in nb.cells:
                if cell.cell_type != "code":
                    continue
                outputs, count = self._run_cell(shell, cell.source)
                cell.outputs = outputs
                cell.execution_count = count
        finally:
            InteractiveShell._instance = current
            os.chdir(cwd)
            with contextlib.suppress(ValueError):
                sys.path.remove(path)
            _forget(shell)
        nb.metadata["language_info"] = {"name": "python", "version": platform.python_version(),
                                        "mimetype": "text/x-python", "file_extension": ".py"}
        return nb, resources


#: Ways to run the notebooks while autograding -> the preprocessor replacing nbgrader's Execute.
EXECUTIONS: dict[str, type | None] = {
    "in-process": InProcessExecute,
    "shared-kernel": SharedKernelExecute,
    "fresh-kernels": None,  # nbgrader's own Execute
}
