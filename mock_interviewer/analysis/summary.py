"""A summary across the answers of one session: what to work on before the interview."""

from __future__ import annotations

from collections import Counter

from mock_interviewer.analysis import FILLERS_PER_MINUTE_TIP

__all__ = ["summarize_session"]


def summarize_session(reports: list[dict | None]) -> dict:
    """Totals and a short list of things to work on, from answer reports (``to_dict`` form).

    ``None`` stands for an answer that was not analysed (interrupted, failed); it counts
    in ``answers`` and nowhere else.
    """
    done = [r for r in reports if r is not None]
    spoken = [r for r in done if r["words"]]
    words = sum(r["pace"]["word_count"] for r in spoken if r["pace"]["wpm"] is not None)
    speaking = sum(r["pace"]["speaking_time_s"] for r in spoken if r["pace"]["wpm"] is not None)
    fillers = Counter()
    for r in done:
        fillers.update(r["fillers"]["counts"])
    filler_total = sum(fillers.values())
    covered = sum(len(r["coverage"]["covered"]) for r in done)
    points = sum(len(r["coverage"]["points"]) for r in done)
    star_reports = [r["star"] for r in done if r.get("star") is not None]
    star_missing = Counter(k for s in star_reports for k, v in s.items() if not v)
    verdicts = Counter(r["pace"]["verdict"] for r in spoken if r["pace"]["verdict"])
    long_pauses = sum(len(r["pauses"]["long"]) for r in done)
    per_question = []
    for n, r in enumerate(reports, 1):
        if r is None:
            per_question.append({"index": n, "analysed": False})
            continue
        per_question.append({
            "index": n,
            "analysed": True,
            "question": r["question"]["id"],
            "duration_s": r["audio"]["duration_s"],
            "wpm": r["pace"]["wpm"],
            "pace": r["pace"]["verdict"],
            "fillers": r["fillers"]["total"],
            "long_pauses": len(r["pauses"]["long"]),
            "covered": len(r["coverage"]["covered"]),
            "points": len(r["coverage"]["points"]),
            "star_missing": [k for k, v in r["star"].items() if not v] if r.get("star") else None,
        })
    summary = {
        "answers": len(reports),
        "analysed": len(done),
        "with_speech": len(spoken),
        "speaking_time_s": round(speaking, 1),
        "wpm": round(words / speaking * 60.0, 1) if speaking > 0 else None,
        "pace": dict(verdicts),
        "fillers": {
            "total": filler_total,
            "per_minute": round(filler_total / (speaking / 60.0), 2) if speaking > 0 else 0.0,
            "counts": dict(fillers.most_common()),
        },
        "long_pauses": long_pauses,
        "talking_points": {"covered": covered, "total": points,
                           "score": round(covered / points, 3) if points else None},
        "star": {"answers": len(star_reports),
                 "complete": sum(1 for s in star_reports if all(s.values())),
                 "missing": dict(star_missing)},
        "per_question": per_question,
    }
    summary["focus"] = _focus(summary, done)
    return summary


_STAR_HINTS = {
    "situation": "open each story with where and when it happened.",
    "task": "say what you had to achieve or solve.",
    "action": "say what you did yourself, in the first person.",
    "result": "end each story with what happened because of you.",
}


def _focus(s: dict, done: list[dict]) -> list[str]:
    """Up to three things to practise, the most telling first."""
    out = []
    if s["analysed"] and not s["with_speech"]:
        return ["No speech was recognised in any answer: check the microphone and try again."]
    tp = s["talking_points"]
    if tp["total"] and tp["score"] is not None and tp["score"] < 0.75:
        weakest = min((r for r in done if r["coverage"]["points"]),
                      key=lambda r: r["coverage"]["score"], default=None)
        where = f"; weakest: \"{weakest['question']['text']}\"" if weakest else ""
        out.append(f"Talking points: you covered {tp['covered']} of {tp['total']}{where}. "
                   f"Read that question's advice (mock-interviewer questions) and rehearse it again.")
    if s["star"]["missing"]:
        order = ["result", "action", "situation", "task"]  # the costliest gap first
        part, times = max(s["star"]["missing"].items(),
                          key=lambda kv: (kv[1], -order.index(kv[0])))
        out.append(f"STAR: the {part} was missing from {times} of {s['star']['answers']} "
                   f"behavioral answer(s); {_STAR_HINTS[part]}")
    slow, fast = s["pace"].get("slow", 0), s["pace"].get("fast", 0)
    if fast or slow:
        parts = [f"{n} answer(s) too {which}" for n, which in ((fast, "fast"), (slow, "slow")) if n]
        out.append(f"Pace: {' and '.join(parts)} (overall {s['wpm']:.0f} words per minute; "
                   f"aim for 120-160).")
    if s["fillers"]["per_minute"] > FILLERS_PER_MINUTE_TIP:
        top = ", ".join(f'"{k}"' for k in list(s["fillers"]["counts"])[:2])
        out.append(f"Fillers: {s['fillers']['per_minute']:.1f} a minute, mostly {top}; pause "
                   f"silently instead.")
    if s["long_pauses"] >= 2:
        out.append(f"{s['long_pauses']} long pauses: outline each answer before you start.")
    return out[:3]
