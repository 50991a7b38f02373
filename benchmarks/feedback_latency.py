"""How long a trainee waits for feedback after pressing Send (target: under 100 ms).

Plays scenarios headless, the way the widget does: each reply is analysed, the scenario
answers, the turn is appended and fsynced to the transcript, and the per-sentence feedback
HTML is rendered. Start-up (imports, the analyzer's model, the cohort) is timed separately.

    .venv/bin/python benchmarks/feedback_latency.py [--replies 200]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time

REPLIES = [
    "What happened in the exam?",
    "You should do more practice questions.",
    "It sounds like you worked really hard and it still did not show in the score.",
    "When you look at your Cardiovascular score, what do you notice?",
    "Would it be OK if I shared what other students have tried?",
    "You need to stop rereading your notes and test yourself every morning before lectures.",
    "So feeling familiar with the slides is not the same as being able to use them.",
    "What would you like to try before the next block exam?",
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replies", type=int, default=200, help="replies to time")
    args = parser.parse_args()
    os.environ["COACHKIT_WORK"] = tempfile.mkdtemp(prefix="coachkit-bench-")
    os.environ["COACHKIT_TRAINEE"] = "bench"

    started = time.perf_counter()
    from coachkit.scenarios import list_scenarios, open_session, try_again
    from coachkit.ui.html import feedback_html

    scenarios = list_scenarios()
    session = open_session(scenarios[0], resume=False)
    session.analyzer("Warm up.", "")
    startup = time.perf_counter() - started

    times = []
    index = 0
    while len(times) < args.replies:
        if session.ended:
            scenario = scenarios[len(times) % len(scenarios)]
            session = (try_again(session) if scenario.id == session.scenario.id
                       else open_session(scenario, resume=False))
        text = REPLIES[index % len(REPLIES)]
        index += 1
        tick = time.perf_counter()
        exchange = session.reply(text)
        feedback_html(exchange.analysis)
        times.append(time.perf_counter() - tick)

    widget_times = _widget_send_times(args.replies // 4)
    print(f"start-up (imports, model, cohort, first scenario): {startup * 1000:.0f} ms")
    worst = 0.0
    for label, sample in (
        ("engine: analysis + scenario answer + fsynced transcript + feedback HTML", times),
        ("widget: Send click to updated chat and feedback (no debrief turns)", widget_times),
    ):
        ms = sorted(t * 1000 for t in sample)
        p95 = ms[min(len(ms) - 1, int(round(0.95 * len(ms))) - 1)]
        worst = max(worst, p95)
        print(f"{label}, {len(ms)} replies:")
        print(f"  median {statistics.median(ms):.1f} ms   p95 {p95:.1f} ms   max {ms[-1]:.1f} ms")
    print("target: p95 under 100 ms -> " + ("met" if worst < 100 else "NOT met"))
    return 0 if worst < 100 else 1


def _widget_send_times(count: int) -> list[float]:
    """Time ``Simulation.send`` the way a click runs it (the data panel is left out)."""
    from coachkit.ui.simulation import Simulation

    times: list[float] = []
    widget = Simulation("failed-block-exam", show_data=False)
    index = 0
    while len(times) < count:
        if widget.session.ended:
            widget.try_again()
        widget.reply_box.value = REPLIES[index % len(REPLIES)]
        index += 1
        last_reply = (widget.session.state.counters["exchanges"] + 1
                      >= widget.session.scenario.end.max_exchanges)
        tick = time.perf_counter()
        widget.send()
        elapsed = time.perf_counter() - tick
        if not widget.session.ended and not last_reply:
            times.append(elapsed)
    return times


if __name__ == "__main__":
    raise SystemExit(main())
