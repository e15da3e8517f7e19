"""Plain-text reports for the terminal: what a candidate reads after an answer."""

from __future__ import annotations

import textwrap

from mock_interviewer.analysis import AnswerReport
from mock_interviewer.analysis.fillers import HESITATIONS
from mock_interviewer.analysis.pace import fastest_window
from mock_interviewer.analysis.tokens import tokenize
from mock_interviewer.transcribe import Word

__all__ = ["render_report", "render_questions", "render_summary", "render_sessions"]

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
            rushed = fastest_window(pace)
            lines.append(f"  per 10 s: {over} wpm" + (
                f"; rushed at {rushed.start:.0f}-{rushed.end:.0f} s" if rushed else ""))
    f = report.fillers
    if f.total:
        counts = ", ".join(f"{k} x{v}" for k, v in f.counts.items())
        lines.append(f"Fillers: {f.total} ({f.per_minute:.1f}/min, {f.per_100_words:.1f} per 100 "
                     f"words): {counts}")
    else:
        lines.append("Fillers: none")
    p = report.pauses
    first = f"; {p.first_word_s:.1f} s before the first word" if p.first_word_s is not None else ""
    listed = ", ".join(f"{x.duration_s:.1f} s at {x.start:.1f} s" for x in p.long) or "none"
    lines.append(f"Pauses of {p.min_pause_s:g} s or more: {listed}{first}")
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


def render_summary(summary: dict, session=None) -> str:
    """The end-of-session summary: one line per answer, totals, and what to work on."""
    title = f"Session summary ({session.id})" if session is not None else "Session summary"
    lines = [title, "=" * len(title)]
    rows = summary["per_question"]
    if rows:
        width = max((len(r.get("question", "")) for r in rows), default=8)
        lines.append(f"{'#':>2}  {'question':<{width}}  {'length':>6}  {'wpm':>4}  {'pace':<5}  "
                     f"{'fillers':>7}  {'pauses':>6}  {'points':>6}  STAR missing")
        for r in rows:
            if not r["analysed"]:
                lines.append(f"{r['index']:>2}  (not analysed)")
                continue
            wpm = f"{r['wpm']:.0f}" if r["wpm"] is not None else "-"
            star = ", ".join(r["star_missing"]) if r["star_missing"] else (
                "-" if r["star_missing"] is None else "none")
            lines.append(f"{r['index']:>2}  {r['question']:<{width}}  {r['duration_s']:>5.0f}s  "
                         f"{wpm:>4}  {r['pace'] or '-':<5}  {r['fillers']:>7}  "
                         f"{r['long_pauses']:>6}  {r['covered']:>3}/{r['points']:<2}  {star}")
    lines.append("")
    wpm = f"{summary['wpm']:.0f} wpm" if summary["wpm"] is not None else "no pace (too little speech)"
    lines.append(f"Answers: {summary['analysed']} analysed of {summary['answers']}, "
                 f"{summary['speaking_time_s']:.0f} s of speech, {wpm}")
    f = summary["fillers"]
    counts = ", ".join(f"{k} x{v}" for k, v in f["counts"].items()) or "none"
    lines.append(f"Fillers: {f['total']} ({f['per_minute']:.1f}/min): {counts}")
    tp = summary["talking_points"]
    if tp["total"]:
        lines.append(f"Talking points: {tp['covered']}/{tp['total']} covered")
    if summary["star"]["answers"]:
        lines.append(f"STAR: {summary['star']['complete']} of {summary['star']['answers']} "
                     f"behavioral answers complete")
    lines.append(f"Long pauses: {summary['long_pauses']}")
    if summary["focus"]:
        lines.append("")
        lines.append("Work on:")
        for item in summary["focus"]:
            lines += textwrap.wrap(item, _WIDTH, initial_indent="  * ", subsequent_indent="    ")
    else:
        lines.append("")
        lines.append("Nothing stands out to work on: well done.")
    return "\n".join(lines)


def render_sessions(sessions) -> str:
    """One line per saved session (or its error)."""
    if not sessions:
        return "No saved sessions yet (mock-interviewer practice starts one)."
    lines = []
    for s in sessions:
        if isinstance(s, Exception):
            lines.append(f"(unreadable) {s}")
            continue
        summary = s.data.get("summary") or {}
        n = len(s.answers)
        score = (summary.get("talking_points") or {}).get("score")
        wpm = summary.get("wpm")
        lines.append(
            f"{s.id:<22} {s.data['mode']:<9} {s.data['status']:<11} {n:>2} answer(s)"
            + (f"  {wpm:.0f} wpm" if wpm else "")
            + (f"  points {score:.0%}" if score is not None else "")
        )
    return "\n".join(lines)
