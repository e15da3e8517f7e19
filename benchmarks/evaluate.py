#!/usr/bin/env python3
"""How far each measure can be trusted: the analysis scored against labelled recordings.

Two sets:

- ``synthetic``: the bundled fixtures (``audio_fixtures/manifest.json``), labelled by
  construction: script, fillers, pace, long pauses, talking points, STAR.
- ``real``: human recordings in ``../shared/eval_audio`` (override with ``--real DIR``),
  read in place, never copied here. Their labels below come from that folder's
  ``SOURCES.md``: human or verbatim-model transcripts, the filler counts it confirms, and
  pace and pauses from the reference word timestamps. Measures it leaves unknown are not
  scored ("-").

Per set and model it prints: um/uh recall and precision, discourse-filler recall and
precision, fillers invented on answers that have none, word error rate (hesitations left
out of both sides, so it scores the words), mean absolute pace error against the
ground truth, long-pause recall and precision (matched by time within 0.75 s), and
agreement of talking-point coverage and STAR with the labels.

A third set, ``paraphrase``, needs no audio: answers in a candidate's own words, scored
for the talking points they cover and the ones they must not.

Usage: python benchmarks/evaluate.py [--model base --model tiny.en]
       [--set synthetic real paraphrase] [--json] [--details]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from fixtures import normalise  # noqa: E402
from fixtures import wer as fixtures_wer  # noqa: E402

from mock_interviewer.analysis import analyze_answer  # noqa: E402
from mock_interviewer.audio import load_audio  # noqa: E402
from mock_interviewer.bank import load_bank  # noqa: E402
from mock_interviewer.transcribe import TranscribeOptions, Transcriber  # noqa: E402

HESITATIONS = {"um", "uh"}
PAUSE_MATCH_S = 0.75

# Labels for ../shared/eval_audio, from its SOURCES.md. "fillers" holds the confirmed
# um/uh counts (None: unknown); "discourse" the confirmed discourse fillers (None:
# unknown); "reference" a transcript to score words against (None: only a hint exists);
# "words" (start, end) of the reference's first and last word and its word count without
# fillers, for the pace; "pauses" (start, duration) of silences of 2 s or more between
# reference words; "single_speaker" whether pace and pauses mean anything.
REAL = [
    {
        "file": "CrisperWhisper__sample.wav",
        "label": "model-verbatim",
        "reference": "Yeah. So uh tonight the Guinness will taste delicious um or not at all. "
                     "I don't know.",
        "fillers": {"uh": 1, "um": 1},
        "discourse": None,
        "span": (0.02, 13.12), "word_count": 15,
        "pauses": [(6.80, 2.18)],
        "single_speaker": True,
    },
    {
        "file": "batchalign2__test.mp3",
        "label": "model-verbatim",
        "reference": "hello. this is a test of batchline. I'm going to read some random crap as I "
                     "see on the screen. just to test batchline. the primary area for recording "
                     "editing and arranging audio are midi and drummer regions divided into "
                     "different track types. press command slash for more info. test test. I "
                     "don't know what to say. but um here's some retracing. so just for fun. um "
                     "I like I like I like beans. beans are fun. thank you very much.",
        "fillers": {"um": 2},
        "discourse": None,
        "span": (0.14, 24.04), "word_count": 79,
        "pauses": [],
        "single_speaker": True,
    },
    {
        "file": "batchalign3__eng_multi_speaker.mp3",
        "label": "human",
        "reference": "wanna give me a kiss? come on give me a kiss. give your daddy a kiss. mm nice "
                     "fiu. nice fiu? yeah. tape recorder? that's the uh what's that? taperecorder "
                     "over there. hm? do you have some nice little things to say to it?",
        "fillers": {"uh": 1},
        "discourse": None,
        "span": None, "word_count": None,
        "pauses": None,
        "single_speaker": False,
    },
    {
        "file": "lhotse__ES2011a.Headset-0-40s-46s.wav",
        "label": "human",
        "reference": "I'm Abigail Claflin you can call me Abbie",
        "fillers": {},  # the segment's UM falls before the clip starts
        "discourse": {},
        "span": None, "word_count": None,
        "pauses": [],
        "single_speaker": True,
    },
    {
        "file": "whisper__jfk.flac",
        "label": "reference text",
        "reference": "And so my fellow Americans, ask not what your country can do for you, ask "
                     "what you can do for your country.",
        "fillers": {},
        "discourse": {},
        "span": None, "word_count": None,
        "pauses": None,
        "single_speaker": True,
    },
    {
        "file": "whisper-timestamped__apollo11.mp3",
        "label": "model, not verbatim",
        "reference": None,  # Whisper large's text, not verbatim: not a word reference
        "fillers": None, "discourse": None, "span": None, "word_count": None,
        "pauses": None, "single_speaker": False,
    },
    {
        "file": "batchalign3__eng_acr_first13p5.mp3",
        "label": "hint only", "reference": None, "fillers": None, "discourse": None,
        "span": None, "word_count": None, "pauses": None, "single_speaker": False,
    },
    *[
        {"file": f"pyannote-audio__{name}.wav", "label": "hint only", "reference": None,
         "fillers": None, "discourse": None, "span": None, "word_count": None,
         "pauses": None, "single_speaker": False, "hint_fillers": hint}
        # The um/uh that SOURCES.md's whisper-tiny hint shows: not a reference (a primed
        # tiny model made it), so they are only compared, never scored.
        for name, hint in (("dev00", {"um": 1}), ("trn03", {}), ("trn06", {"uh": 1, "um": 1}),
                           ("trn09", {"um": 2}))
    ],
    {
        "file": "silero-vad__test.wav",
        "label": "hint only", "reference": None, "fillers": None, "discourse": None,
        "span": None, "word_count": None, "pauses": None, "single_speaker": True,
    },
]

# Answers in a candidate's own words, for the coverage of talking points without audio:
# (question id, sentence, the point it covers, or "!point" for one it must not cover).
# None of the positives uses a phrase of the bank; they are what SYNONYMS is for.
PARAPHRASES = [
    ("irate-customer", "I stay relaxed even when someone is shouting at me.", "stay-calm"),
    ("irate-customer", "I keep a level head when people raise their voice.", "stay-calm"),
    ("billing-error", "I stay collected and keep my tone even.", "stay-calm"),
    ("irate-customer", "If I cannot help, I bring in my boss.", "escalate"),
    ("irate-customer", "I pass the call to someone more senior.", "escalate"),
    ("irate-customer", "I tell them I regret the trouble it caused.", "apologize"),
    ("irate-customer", "I imagine how I would feel in their position.", "empathy"),
    ("irate-customer", "I ask a couple of questions to get the full picture.", "ask-questions"),
    ("billing-error", "I would correct it right away.", "find-solution"),
    ("good-customer-service", "It means answering fast.", "responsiveness"),
    ("good-customer-service", "Clients should leave pleased with the help they got.", "customer-satisfaction"),
    ("good-customer-service", "It means doing more than they hoped for.", "exceed-expectations"),
    ("handle-stress", "I tackle the most pressing tasks first.", "prioritize"),
    ("multiple-inquiries", "I made sure every answer I gave was precise.", "accuracy"),
    ("multiple-inquiries", "I answered each customer swiftly.", "responsiveness"),
    ("feedback-criticism", "I welcome criticism from my manager.", "open-to-feedback"),
    ("feedback-criticism", "I use what they tell me to develop my skills.", "improve-from-feedback"),
    ("clear-communication", "I use plain words the customer knows.", "simple-language"),
    ("five-years", "I want to coach new hires.", "career-goals"),
    ("above-and-beyond", "The shopper was delighted and wrote to my manager.", "positive-outcome"),
    ("tell-me-about-yourself", "I love assisting people.", "passion-for-helping"),
    ("tell-me-about-yourself", "I am great at resolving issues for customers.", "problem-solving"),
    ("why-customer-service", "I find it fulfilling to help someone.", "passion-for-helping"),
    ("difficult-customer", "I stayed tolerant while she explained it three times.", "patience"),
    # Things that must not count: other senses of the synonyms (the first eight) and of
    # the bank's own single words (the last three, wrongly counted before the synonyms
    # too: word matching cannot tell the senses apart).
    ("irate-customer", "The shop had a cool logo.", "!stay-calm"),
    ("good-customer-service", "Our delivery vans are fast.", "!responsiveness"),
    ("good-customer-service", "The store was pleased to open a new branch.", "!customer-satisfaction"),
    ("handle-stress", "The press was there on opening day.", "!prioritize"),
    ("tell-me-about-yourself", "I have an issue with early mornings.", "!problem-solving"),
    ("multiple-inquiries", "The clock on the wall was precise.", "!accuracy"),
    ("feedback-criticism", "The city plans to develop the harbour.", "!improve-from-feedback"),
    ("irate-customer", "I was in a good position to apply.", "!empathy"),
    ("good-customer-service", "Our delivery vans are quick.", "!responsiveness"),
    ("multiple-inquiries", "The clock on the wall was accurate.", "!accuracy"),
    ("feedback-criticism", "The city plans to improve the harbour.", "!improve-from-feedback"),
]


def wer(reference: str, hypothesis: str) -> float:
    """Word error rate with hesitations left out of both sides: it scores the words."""
    drop = HESITATIONS | {"mm", "hm", "hmm"}

    def words(text: str) -> str:
        return " ".join(w for w in normalise(text).split() if w not in drop)

    return fixtures_wer(words(reference), words(hypothesis))


def synthetic_labels(manifest_path: Path) -> list[dict]:
    manifest = json.loads(manifest_path.read_text())
    out = []
    for e in manifest["fixtures"]:
        expected = e["expected"]
        fillers = expected.get("fillers", {})
        out.append({
            "file": e["file"],
            "path": manifest_path.parent / e["file"],
            "question": e["question"],
            "reference": e["script"] if expected.get("speech") else "",
            "fillers": {k: v for k, v in fillers.items() if k in HESITATIONS},
            "discourse": {k: v for k, v in fillers.items() if k not in HESITATIONS},
            "wpm": e.get("wpm") if expected.get("speech") else None,
            "pauses": [(None, d) for d in e.get("long_pauses_s", [])],
            "pause_starts": e.get("long_pause_starts_s"),
            "covered": expected.get("covered"),
            "star": expected.get("star"),
        })
    return out


def real_labels(folder: Path) -> list[dict]:
    out = []
    for e in REAL:
        path = folder / e["file"]
        if not path.exists():
            print(f"(missing {path}: skipped)", file=sys.stderr)
            continue
        wpm = None
        if e["span"] and e["word_count"]:
            wpm = e["word_count"] / (e["span"][1] - e["span"][0]) * 60.0
        out.append(dict(e, path=path, question="tell-me-about-yourself", wpm=wpm,
                        covered=None, star=None))
    return out


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 3) if b else None


def score(rows: list[dict]) -> dict:
    """Totals over one set's per-file rows."""
    tp = fp = fn = 0
    dtp = dfp = dfn = 0
    invented = invented_files = clean_files = 0
    for r in rows:
        if r["true_fillers"] is not None:
            for kind in HESITATIONS:
                t, f = r["true_fillers"].get(kind, 0), r["found_fillers"].get(kind, 0)
                tp, fp, fn = tp + min(t, f), fp + max(0, f - t), fn + max(0, t - f)
            if not any(r["true_fillers"].values()):
                clean_files += 1
                n = sum(r["found_fillers"].get(k, 0) for k in HESITATIONS)
                invented += n
                invented_files += n > 0
        if r["true_discourse"] is not None:
            kinds = set(r["true_discourse"]) | set(r["found_discourse"])
            for kind in kinds:
                t, f = r["true_discourse"].get(kind, 0), r["found_discourse"].get(kind, 0)
                dtp, dfp, dfn = dtp + min(t, f), dfp + max(0, f - t), dfn + max(0, t - f)
    wers = [r["wer"] for r in rows if r["wer"] is not None]
    pace = [abs(r["wpm"] - r["true_wpm"]) for r in rows
            if r["true_wpm"] is not None and r["wpm"] is not None]
    ptp = sum(r["pause_tp"] for r in rows if r["true_pauses"] is not None)
    pfound = sum(len(r["found_pauses"]) for r in rows if r["true_pauses"] is not None)
    ptrue = sum(len(r["true_pauses"]) for r in rows if r["true_pauses"] is not None)
    cov = [r["coverage_agrees"] for r in rows if r["coverage_agrees"] is not None]
    star = [r["star_agrees"] for r in rows if r["star_agrees"] is not None]
    hinted = [r for r in rows if r.get("hint_fillers") is not None]
    hint_total = sum(sum(r["hint_fillers"].get(k, 0) for k in HESITATIONS) for r in hinted)
    hint_agree = sum(min(r["hint_fillers"].get(k, 0), r["found_fillers"].get(k, 0))
                     for r in hinted for k in HESITATIONS)
    hint_found = sum(r["found_fillers"].get(k, 0) for r in hinted for k in HESITATIONS)
    return {
        "files": len(rows),
        "hint_um_uh": (f"{hint_agree} of the {hint_total} um/uh in the hints found, "
                       f"{hint_found} found in all ({len(hinted)} hint-only files)")
        if hinted else None,
        "um_uh_recall": _ratio(tp, tp + fn), "um_uh_precision": _ratio(tp, tp + fp),
        "um_uh": f"{tp}/{tp + fn}",
        "discourse_recall": _ratio(dtp, dtp + dfn), "discourse_precision": _ratio(dtp, dtp + dfp),
        "invented_on_clean": f"{invented} in {invented_files}/{clean_files} files",
        "wer": round(sum(wers) / len(wers), 3) if wers else None,
        "pace_abs_error_wpm": round(sum(pace) / len(pace), 1) if pace else None,
        "pause_recall": _ratio(ptp, ptrue), "pause_precision": _ratio(ptp, pfound),
        "coverage_agreement": _ratio(sum(cov), len(cov)),
        "star_agreement": _ratio(sum(star), len(star)),
    }


def match_pauses(true: list[tuple], found: list) -> int:
    """True pauses found: by start time within PAUSE_MATCH_S where the label has a start,
    else by duration within PAUSE_MATCH_S."""
    used, hits = set(), 0
    for start, duration in true:
        for i, p in enumerate(found):
            if i in used:
                continue
            close = (abs(p.start - start) <= PAUSE_MATCH_S if start is not None
                     else abs(p.duration_s - duration) <= PAUSE_MATCH_S)
            if close:
                used.add(i)
                hits += 1
                break
    return hits


def evaluate(model: str, device: str, labels: list[dict], bank) -> tuple[list[dict], float]:
    transcriber = Transcriber(TranscribeOptions(model=model, device=device))
    transcriber.load()
    rows, busy, audio = [], 0.0, 0.0
    for lab in labels:
        samples = load_audio(lab["path"])
        t0 = time.perf_counter()
        transcript = transcriber.transcribe(samples)
        report = analyze_answer(transcript, bank.get(lab["question"]), bank=bank)
        busy += time.perf_counter() - t0
        audio += len(samples) / 16000
        found = report.fillers.counts
        true_pauses = lab.get("pauses")
        rows.append({
            "file": lab["file"],
            "transcript": transcript.text,
            "wer": round(wer(lab["reference"], transcript.text), 3)
            if lab.get("reference") is not None else None,
            "true_fillers": lab.get("fillers"),
            "hint_fillers": lab.get("hint_fillers"),
            "found_fillers": {k: v for k, v in found.items() if k in HESITATIONS},
            "true_discourse": lab.get("discourse"),
            "found_discourse": {k: v for k, v in found.items() if k not in HESITATIONS},
            "true_wpm": lab.get("wpm"), "wpm": report.pace.wpm,
            "true_pauses": true_pauses,
            "found_pauses": [{"start": p.start, "duration_s": p.duration_s}
                             for p in report.pauses.long],
            "pause_tp": match_pauses(true_pauses, report.pauses.long) if true_pauses is not None else 0,
            "coverage_agrees": (set(report.coverage.covered) == set(lab["covered"])
                                if lab.get("covered") is not None else None),
            "star_agrees": ({k: getattr(report.star, k) for k in lab["star"]} == lab["star"]
                            if lab.get("star") and report.star is not None else None),
        })
    return rows, busy / audio if audio else 0.0


COLUMNS = [
    ("um/uh R", "um_uh_recall"), ("um/uh P", "um_uh_precision"), ("found", "um_uh"),
    ("disc R", "discourse_recall"), ("disc P", "discourse_precision"),
    ("invented on clean", "invented_on_clean"), ("WER", "wer"),
    ("pace err wpm", "pace_abs_error_wpm"), ("pause R", "pause_recall"),
    ("pause P", "pause_precision"), ("coverage", "coverage_agreement"),
    ("STAR", "star_agreement"),
]


def evaluate_paraphrases(bank) -> dict:
    """Coverage of talking points said in other words, and of points wrongly counted."""
    from mock_interviewer.analysis.coverage import measure_coverage
    from mock_interviewer.analysis.tokens import tokenize
    from mock_interviewer.transcribe import Word

    hits = positives = wrong = negatives = 0
    misses, false = [], []
    for question_id, text, point in PARAPHRASES:
        question = bank.get(question_id)
        words = [Word(w, i * 0.4, i * 0.4 + 0.3) for i, w in enumerate(text.split())]
        covered = measure_coverage(tokenize(words), question.talking_points,
                                   question=question.text).covered
        if point.startswith("!"):
            negatives += 1
            if point[1:] in covered:
                wrong += 1
                false.append(text)
        else:
            positives += 1
            if point in covered:
                hits += 1
            else:
                misses.append(text)
    return {"recall": f"{hits}/{positives}", "wrongly_covered": f"{wrong}/{negatives}",
            "misses": misses, "false": false}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", action="append", help="repeatable (default: base, tiny.en)")
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--set", nargs="+", choices=["synthetic", "real", "paraphrase"],
                        default=["synthetic", "real", "paraphrase"])
    parser.add_argument("--real", type=Path, default=ROOT.parent / "shared" / "eval_audio",
                        help="folder of the real recordings (default: ../shared/eval_audio)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--details", action="store_true", help="per-file rows too")
    args = parser.parse_args()

    bank = load_bank()
    sets = {}
    if "synthetic" in args.set:
        sets["synthetic"] = synthetic_labels(ROOT / "audio_fixtures" / "manifest.json")
    if "real" in args.set:
        if args.real.is_dir():
            sets["real"] = real_labels(args.real)
        else:
            print(f"(no real recordings at {args.real}: that set is skipped)", file=sys.stderr)
    results = []
    paraphrase = evaluate_paraphrases(bank) if "paraphrase" in args.set else None
    for model in args.model or ["base", "tiny.en"]:
        for name, labels in sets.items():
            rows, rtf = evaluate(model, args.device, labels, bank)
            results.append({"model": model, "set": name, "rtf": round(rtf, 3),
                            **score(rows), "rows": rows})
    if args.json:
        print(json.dumps({"models": results, "paraphrase": paraphrase}, indent=2, default=str))
        return 0
    header = f"{'model':<8} {'set':<10} " + " ".join(f"{c:>{max(len(c), 7)}}" for c, _ in COLUMNS)
    print(header + f" {'RTF':>5}")
    for r in results:
        cells = []
        for c, key in COLUMNS:
            v = r[key]
            cells.append(f"{'-' if v is None else v:>{max(len(c), 7)}}")
        print(f"{r['model']:<8} {r['set']:<10} " + " ".join(cells) + f" {r['rtf']:>5.2f}")
    for r in results:
        if r.get("hint_um_uh"):
            print(f"{r['model']} / {r['set']}: {r['hint_um_uh']}")
    if paraphrase:
        print(f"paraphrase coverage (no audio): {paraphrase['recall']} covered, "
              f"{paraphrase['wrongly_covered']} wrongly covered")
    if args.details:
        for r in results:
            print(f"\n{r['model']} / {r['set']}")
            for row in r["rows"]:
                print(f"  {row['file']:<40} WER {row['wer']}  um/uh {row['found_fillers']} "
                      f"(true {row['true_fillers']})  disc {row['found_discourse']}  wpm "
                      f"{row['wpm']} (true {row['true_wpm'] and round(row['true_wpm'], 1)})  "
                      f"pauses {row['found_pauses']} (true {row['true_pauses']})")
                print(f"    {row['transcript'][:200]}")
        if paraphrase:
            print("\nparaphrase misses:", *paraphrase["misses"], sep="\n  ")
            print("wrongly covered:", *paraphrase["false"], sep="\n  ")
    return 0


if __name__ == "__main__":
    sys.exit(main())
