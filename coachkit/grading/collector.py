"""nbgrader zip-collect plugin that understands how trainees' work actually arrives.

Facilitators get submissions as a folder with one sub-folder per trainee, or as the zip a
learning-management system produces, where every file is renamed
``<trainee>_<numbers>_<original name>`` (sometimes with ``late_`` after the trainee, and a
``-1`` before the extension for a re-upload). ``SubmissionCollector`` maps both to
nbgrader's ``submitted/<trainee>/<assignment>/<file>``, keeps the scenario transcripts
(``.jsonl``) with the notebook, reads a ``timestamp.txt`` found next to the files (what
``nbgrader submit`` writes), and remembers what it skipped or noticed so the facilitator
is told by name.

Trainee ids never contain ``_`` (see ``coachkit.workdir.safe_id``), so in a flat name the
trainee id is everything before the first underscore; a flat name counts only when the
rest is one of the files the assignment expects (``known_files``).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from nbgrader.plugins.zipcollect import FileNameCollectorPlugin
from nbgrader.utils import parse_utc
from traitlets import List as ListTrait

from coachkit.errors import InputError
from coachkit.workdir import safe_id

_FLAT = re.compile(r"^(?P<trainee>[A-Za-z0-9][A-Za-z0-9.@+-]*)_(?P<late>late_|LATE_)?(?:\d+_)*(?P<rest>.+)$")
_REUPLOAD = re.compile(r"-\d+$")


class SubmissionCollector(FileNameCollectorPlugin):
    """Find the trainee and the file in each path of nbgrader's ``extracted/`` folder."""

    known_files = ListTrait([], help="File names the assignment expects; a flat LMS name must end in one.").tag(config=True)
    notes = ListTrait([], help="What the collector skipped or noticed, one line each.")
    late_marked = ListTrait([], help="Trainees whose files the LMS marked as late.")

    def _extracted_root(self) -> Path | None:
        parent: Any = self.parent
        if parent is not None and hasattr(parent, "_format_collect_path"):
            return Path(parent._format_collect_path(parent.extracted_directory))
        return None

    def _timestamp(self, folder: Path) -> str | None:
        stamp = folder / "timestamp.txt"
        if not stamp.is_file():
            return None
        text = stamp.read_text(encoding="utf-8", errors="replace").strip()
        try:
            parse_utc(text)
        except (ValueError, OverflowError):
            self.notes.append(f"{stamp}: not a valid time ({text[:40]!r}); ignored")
            return None
        return text

    def collect(self, submitted_file: str) -> dict[str, Any] | None:
        """Return ``student_id``, ``file_id`` (and ``timestamp``) for one file, or ``None`` to skip it."""
        path = Path(submitted_file)
        if path.suffix not in self.valid_ext:
            if path.name != "timestamp.txt" and not path.name.startswith("."):
                self.notes.append(f"skipped {path.name}: not a notebook or transcript")
            return None
        root = self._extracted_root()
        parts = path.relative_to(root).parts if root and path.is_relative_to(root) else path.parts
        stem = _REUPLOAD.sub("", path.stem)
        flat = _FLAT.match(stem)
        if flat and self.known_files and flat.group("rest") + path.suffix not in self.known_files:
            flat = None
        trainee: str | None
        if flat:
            trainee, file_id = flat.group("trainee"), flat.group("rest")
            if flat.group("late") and trainee not in self.late_marked:
                self.late_marked.append(trainee)
        else:
            # folder layout: the nearest folder that is not the assignment's or "transcripts"
            assignment = getattr(getattr(self.parent, "coursedir", None), "assignment_id", "")
            folders = [p for p in parts[:-1] if p not in {assignment, "transcripts", "submitted"}]
            trainee, file_id = (folders[-1] if folders else None), stem
        if trainee is None:
            self.notes.append(f"skipped {path.name}: cannot tell whose it is (put it in a folder named after the trainee)")
            return None
        try:
            safe_id(trainee, what="trainee id")
        except InputError:
            self.notes.append(f"skipped {os.sep.join(parts)}: {trainee!r} is not a valid trainee id")
            return None
        info: dict[str, Any] = {"student_id": trainee, "file_id": file_id + path.suffix}
        stamp = self._timestamp(path.parent)
        if stamp:
            info["timestamp"] = stamp
        return info
