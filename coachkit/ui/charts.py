"""Small charts for the debrief, drawn off-screen and handed to widgets as PNG bytes."""

from __future__ import annotations

import io
from collections.abc import Sequence

from coachkit.scenarios.debrief import AttemptSummary

#: Okabe-Ito colours with distinct markers and line styles: readable without colour.
_STYLES = (("#0072B2", "o", "-"), ("#D55E00", "s", "--"), ("#009E73", "^", ":"),
           ("#CC79A7", "D", "-."), ("#000000", "v", "-"))


def inquiry_chart(attempts: Sequence[AttemptSummary], *, width: float = 6.0) -> bytes:
    """The inquiry index of every reply, one line per attempt, as a PNG image."""
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, 3.2), dpi=100)
    axes = figure.add_subplot()
    axes.axhspan(0, 1.05, color="#0072B2", alpha=0.06)
    axes.axhspan(-1.05, 0, color="#D55E00", alpha=0.06)
    axes.axhline(0, color="#555555", linewidth=0.8)
    longest = 1
    for index, attempt in enumerate(attempts):
        values = attempt.inquiry_indices
        if not values:
            continue
        colour, marker, style = _STYLES[index % len(_STYLES)]
        replies = range(1, len(values) + 1)
        axes.plot(replies, values, color=colour, marker=marker, linestyle=style,
                  label=f"attempt {attempt.attempt} (mean {attempt.mean_inquiry:+.2f})")
        longest = max(longest, len(values))
    axes.set_ylim(-1.05, 1.05)
    axes.set_xlim(0.5, longest + 0.5)
    axes.set_xticks(range(1, longest + 1))
    axes.set_yticks([-1, 0, 1], labels=["\u22121\ntelling", "0", "+1\ninviting"])
    axes.set_xlabel("your reply")
    axes.set_title("Inquiry index, reply by reply", fontsize=11)
    if any(a.inquiry_indices for a in attempts):
        axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.32), ncol=2, fontsize=8,
                    frameon=False)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()
