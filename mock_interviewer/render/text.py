"""Plain-text reports for the terminal: what a candidate reads after an answer."""

from __future__ import annotations

import textwrap

from mock_interviewer.analysis import AnswerReport
from mock_interviewer.analysis.fillers import HESITATIONS
from mock_interviewer.analysis.tokens import tokenize
from mock_interviewer.transcribe import Word

__all__ = ["render_report", "render_questions"]

_WIDTH = 88


def _mark_fillers(report: AnswerReport) -> str:
    """The transcript with fillers in [brackets]."""
    if not report.words:
        return "(no speech recognised)"
    tokens = tokenize([Word(w["text"], w["start"], w["end"]) for w in report.words])
    out = []
    for token in tokens:
        is_filler = any(
            item.start <= token.start <= item.end
            and (token.text in item.text.split() or HESITATIONS.get(token.text) == item.text)
            for item in report.fillers.items
        )
        out.append(f"[{token.raw}]" if is_filler else token.raw)
    return " ".join(out)


def render_report(report: AnswerReport) -> str:
    q = report.question
    lines = [f"{report.audio.get('path') or 'answer'}  ({report.audio['duration_s']:.1f} s)"]
    lines += textwrap.wrap(f"Question [{q['id']}, {q['category']}]: {q['text']}", _WIDTH,
                           subsequent_indent="  ")
    lines.append("")
    lines += textwrap.wrap("Transcript: " + _mark_fillers(report), _WIDTH,
                           subsequent_indent="  ")
    pace = report.pace
    if pace.wpm is None:
        lines.append("Pace: too little speech to measure")
    else:
        over = " ".join(f"{w.wpm:.0f}" for w in pace.over_time)
        lines.append(
            f"Pace: {pace.wpm:.0f} wpm ({pace.verdict}; good is {pace.band_wpm[0]:.0f}-"
            f"{pace.band_wpm[1]:.0f}), articulation {pace.articulation_wpm:.0f} wpm, "
            f"{pace.word_count} words in {pace.speaking_time_s:.1f} s"
        )
        if len(pace.over_time) > 1:
            lines.append(f"  per 10 s: {over} wpm")
    f = report.fillers
    if f.total:
        counts = ", ".join(f"{k} x{v}" for k, v in f.counts.items())
        lines.append(f"Fillers: {f.total} ({f.per_minute:.1f}/min, {f.per_100_words:.1f} per 100 "
                     f"words): {counts}")
    else:
        lines.append("Fillers: none")
    p = report.pauses
    first = f"{p.first_word_s:.1f} s before the first word" if p.first_word_s is not None else ""
    if p.long:
        listed = ", ".join(f"{x.duration_s:.1f} s at {x.start:.1f} s" for x in p.long)
        lines.append(f"Pauses of {p.min_pause_s:g} s or more: {listed}; {first}")
    else:
        lines.append(f"Pauses of {p.min_pause_s:g} s or more: none; {first}")
    c = report.coverage
    covered = [pt for pt in c.points if pt.covered]
    missing = [pt for pt in c.points if not pt.covered]
    lines.append(f"Talking points: {len(covered)}/{len(c.points)} (score {c.score:.2f})")
    for pt in covered:
        lines.append(f"  + {pt.label}  (\"{pt.said}\" at {pt.start:.1f} s)")
    for pt in missing:
        lines.append(f"  - {pt.label}")
    if report.star is not None:
        marks = "  ".join(f"{k}: {'yes' if getattr(report.star, k) else 'no'}"
                          for k in ("situation", "task", "action", "result"))
        lines.append(f"STAR: {marks}")
    for tip in report.tips:
        lines += textwrap.wrap("Tip: " + tip, _WIDTH, subsequent_indent="  ")
    return "\n".join(lines)


def render_questions(questions) -> str:
    width = max((len(q.id) for q in questions), default=0)
    return "\n".join(f"{q.id:<{width}}  {q.category:<10}  {q.text}" for q in questions)
