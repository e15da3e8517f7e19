"""Analysis of one answer: pure functions from transcript (and question) to an ``AnswerReport``.

No files, devices or clocks here, so every metric can be tested on constructed
transcripts and re-run on saved ones.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from mock_interviewer.analysis.coverage import CoverageReport, measure_coverage
from mock_interviewer.analysis.fillers import FillerReport, find_fillers
from mock_interviewer.analysis.pace import PaceReport, fastest_window, measure_pace
from mock_interviewer.analysis.pauses import DEFAULT_MIN_PAUSE_S, PauseReport, find_pauses
from mock_interviewer.analysis.star import StarReport, detect_star
from mock_interviewer.analysis.tokens import stem, tokenize, tokenize_text
from mock_interviewer.bank import Question, QuestionBank
from mock_interviewer.transcribe import Transcript

__all__ = ["AnswerReport", "analyze_answer", "REPORT_VERSION"]

REPORT_VERSION = 1
# Fillers per minute above which the report suggests working on them. Speaker Coach-style
# tools flag about one filler every 20 s; 3 a minute is that.
FILLERS_PER_MINUTE_TIP = 3.0


@dataclass
class AnswerReport:
    question: dict
    audio: dict
    transcript: str
    words: list
    pace: PaceReport
    fillers: FillerReport
    pauses: PauseReport
    coverage: CoverageReport
    star: StarReport | None
    model: dict
    tips: list[str] = field(default_factory=list)
    speech_detected: bool = True
    schema_version: int = REPORT_VERSION

    def to_dict(self) -> dict:
        """The public JSON shape (README, "JSON output")."""
        data = asdict(self)
        data["pace"]["band_wpm"] = list(self.pace.band_wpm)
        if self.star is not None:
            data["star"] = {k: bool(v) for k, v in data["star"].items()}
        order = ["schema_version", "question", "audio", "transcript", "words", "pace",
                 "fillers", "pauses", "coverage", "star", "tips", "speech_detected", "model"]
        return {key: data[key] for key in order}

    @classmethod
    def from_dict(cls, data: dict) -> "AnswerReport":
        """Read back what ``to_dict`` wrote (a saved session, a ``--json`` line).

        Raises:
            ValueError: ``data`` is not a report of a version this program reads.
        """
        from mock_interviewer.analysis.coverage import PointResult
        from mock_interviewer.analysis.fillers import FillerItem
        from mock_interviewer.analysis.pace import PaceWindow
        from mock_interviewer.analysis.pauses import Pause

        if not isinstance(data, dict) or data.get("schema_version") != REPORT_VERSION:
            version = data.get("schema_version") if isinstance(data, dict) else None
            raise ValueError(f"not an answer report of version {REPORT_VERSION} "
                             f"(schema_version {version!r})")
        try:
            pace = dict(data["pace"])
            pace["band_wpm"] = tuple(pace["band_wpm"])
            pace["over_time"] = [PaceWindow(**w) for w in pace["over_time"]]
            fillers = dict(data["fillers"])
            fillers["items"] = [FillerItem(**i) for i in fillers["items"]]
            pauses = dict(data["pauses"])
            pauses["long"] = [Pause(**p) for p in pauses["long"]]
            coverage = dict(data["coverage"])
            coverage["points"] = [PointResult(**p) for p in coverage["points"]]
            return cls(
                question=dict(data["question"]),
                audio=dict(data["audio"]),
                transcript=data["transcript"],
                words=list(data["words"]),
                pace=PaceReport(**pace),
                fillers=FillerReport(**fillers),
                pauses=PauseReport(**pauses),
                coverage=CoverageReport(**coverage),
                star=StarReport(**data["star"]) if data.get("star") is not None else None,
                model=dict(data["model"]),
                tips=list(data["tips"]),
                speech_detected=bool(data["speech_detected"]),
            )
        except (KeyError, TypeError) as e:
            raise ValueError(f"a malformed answer report ({type(e).__name__}: {e})") from e


def analyze_answer(
    transcript: Transcript,
    question: Question,
    *,
    bank: QuestionBank | None = None,
    audio_path: str | None = None,
    min_pause_s: float = DEFAULT_MIN_PAUSE_S,
) -> AnswerReport:
    """Analyse one transcribed answer to a question.

    Args:
        transcript: the answer's words with times.
        question: the bank question it answers.
        bank: the bank, for the STAR advice in tips.
        audio_path: shown in the report.
        min_pause_s: shortest silence reported as a long pause (seconds).

    Returns:
        The ``AnswerReport``: pace, fillers, pauses, talking-point coverage, STAR for
        behavioral questions, and up to two tips.
    """
    tokens = tokenize(transcript.words)
    pace = measure_pace(tokens, speech=transcript.speech)
    fillers = find_fillers(tokens, speaking_time_s=pace.speaking_time_s)
    pauses = find_pauses(tokens, min_pause_s=min_pause_s, speech=transcript.speech)
    coverage = measure_coverage(tokens, question.talking_points, question=question.text)
    star = detect_star(tokens) if question.category == "behavioral" else None
    report = AnswerReport(
        question={"id": question.id, "text": question.text, "category": question.category},
        audio={"path": audio_path, "duration_s": round(transcript.duration_s, 3)},
        transcript=transcript.text,
        words=[{"text": w.text, "start": w.start, "end": w.end, "probability": w.probability}
               for w in transcript.words],
        pace=pace,
        fillers=fillers,
        pauses=pauses,
        coverage=coverage,
        star=star,
        model=asdict(transcript.options),
        speech_detected=transcript.speech_detected,
    )
    report.tips = _tips(report, question, bank)
    return report


def _tips(report: AnswerReport, question: Question, bank: QuestionBank | None) -> list[str]:
    """Up to two concrete tips, most useful first, drawn from the bank's advice."""
    if not report.words:
        return ["No speech was recognised in this recording: check the microphone and "
                "speak a full answer."]
    tips = []
    if report.star is not None and report.star.missing:
        part = report.star.missing[-1] if "result" in report.star.missing else report.star.missing[0]
        how = (bank.star.get(part) if bank else None) or ""
        tips.append(f"STAR: your answer has no clear {part}. {how}".strip())
    missing = [p for p in report.coverage.points if not p.covered]
    if missing:
        labels = ", ".join(p.label for p in missing[:3])
        sentence = _best_advice_sentence(question, missing)
        tips.append(f"Cover {labels}." + (f" The advice: \"{sentence}\"" if sentence else ""))
    pace = report.pace
    if pace.verdict == "fast":
        tips.append(f"You spoke at {pace.wpm:.0f} words per minute; aim for "
                    f"{pace.band_wpm[0]:.0f}-{pace.band_wpm[1]:.0f} and pause after each point.")
    elif pace.verdict == "slow":
        tips.append(f"You spoke at {pace.wpm:.0f} words per minute; aim for "
                    f"{pace.band_wpm[0]:.0f}-{pace.band_wpm[1]:.0f}: know your example well "
                    f"enough to tell it without searching for words.")
    if report.fillers.per_minute > FILLERS_PER_MINUTE_TIP:
        common = ", ".join(f'"{k}"' for k in list(report.fillers.counts)[:2])
        tips.append(f"{report.fillers.total} filler words ({report.fillers.per_minute:.1f} a "
                    f"minute, mostly {common}): a silent pause sounds more confident.")
    if report.pauses.long:
        longest = max(p.duration_s for p in report.pauses.long)
        tips.append(f"{len(report.pauses.long)} long pause(s), the longest {longest:.1f} s: "
                    f"outline your answer (for behavioral questions, STAR) before you start.")
    if pace.verdict == "good" and (rushed := fastest_window(pace)) is not None:
        tips.append(f"You sped up to {rushed.wpm:.0f} words per minute between "
                    f"{rushed.start:.0f} s and {rushed.end:.0f} s; keep the pace of the rest "
                    f"of the answer and pause after each point.")
    return tips[:2]


def _best_advice_sentence(question: Question, missing) -> str | None:
    sentences = [s.strip() for a in question.advice for s in re.split(r"(?<=[.!?])\s+", a)]
    wanted = {stem(t.text) for p in missing for t in tokenize_text(p.label)} - {"a", "the", "to"}
    best, best_score = None, 0
    for sentence in sentences:
        score = len(wanted & {stem(t.text) for t in tokenize_text(sentence)})
        if score > best_score:
            best, best_score = sentence, score
    return best
