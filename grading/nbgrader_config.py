"""nbgrader configuration of the CoachKit workshop course.

This folder is a complete nbgrader course directory: ``source/`` holds the assignments
(built from the modules by ``coachkit course build-sources``), and nbgrader creates
``release/``, ``submitted/``, ``autograded/``, ``feedback/`` and ``gradebook.db`` next to
this file. ``coachkit course init DIR`` copies it to a folder of your own; plain ``nbgrader``
commands run from that folder work as well as ``coachkit course ...``.
"""

c = get_config()  # noqa: F821 - provided by traitlets when nbgrader loads this file

# The course id names the course in the exchange (only needed when you release to it).
c.CourseDirectory.course_id = "coachkit-workshop"

# Answers are typed between triple quotes; the released notebook shows an empty string,
# not nbgrader's "raise NotImplementedError()", which would confuse non-programmers.
c.ClearSolutions.code_stub = {"python": ""}
c.ClearSolutions.text_stub = "Write your answer here."

# Rating a reply runs the analyzer; give slow shared machines time before a cell fails.
c.Execute.timeout = 120

# Collecting a folder or a learning-management-system download (nbgrader zip_collect):
# CoachKit's collector recognises per-trainee folders and flat "<trainee>_..._<file>"
# names, and also collects the scenario transcripts (.jsonl) next to the notebooks.
c.ZipCollectApp.collector_plugin = "coachkit.grading.collector.SubmissionCollector"
c.SubmissionCollector.valid_ext = [".ipynb", ".jsonl"]

# Late submissions are reported but not penalised; change to "zero" to give no credit.
c.LateSubmissionPlugin.penalty_method = "none"
