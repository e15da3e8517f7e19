#!/usr/bin/env python3
"""Accuracy and speed of ``analyze`` on the bundled fixtures, per model.

For each fixture: word error rate against the script (fillers included), measured pace
against the pace by construction, filler counts against the script's, coverage against the
manifest, and the real-time factor (processing time / audio time, model load excluded).

Usage: python benchmarks/fixtures.py [--model tiny.en --model base] [--device cpu]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mock_interviewer.analysis import analyze_answer  # noqa: E402
from mock_interviewer.audio import load_audio  # noqa: E402
from mock_interviewer.bank import load_bank  # noqa: E402
from mock_interviewer.transcribe import TranscribeOptions, Transcriber  # noqa: E402

HESITATIONS = {"um", "uh"}


def normalise(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9']+", text.lower()))


def wer(reference: str, hypothesis: str) -> float:
    import jiwer

    reference, hypothesis = normalise(reference), normalise(hypothesis)
    if not reference:
        return 0.0 if not hypothesis else 1.0
    return jiwer.wer(reference, hypothesis)


def run(model: str, device: str, manifest_path: Path) -> dict:
    manifest = json.loads(manifest_path.read_text())
    bank = load_bank()
    transcriber = Transcriber(TranscribeOptions(model=model, device=device))
    started = time.perf_counter()
    transcriber.load()
    load_s = time.perf_counter() - started
    rows, audio_s, busy_s = [], 0.0, 0.0
    for entry in manifest["fixtures"]:
        path = manifest_path.parent / entry["file"]
        t0 = time.perf_counter()
        samples = load_audio(path)
        transcript = transcriber.transcribe(samples)
        report = analyze_answer(transcript, bank.get(entry["question"]), bank=bank)
        elapsed = time.perf_counter() - t0
        audio_s += entry["duration_s"]
        busy_s += elapsed
        expected = entry["expected"]
        true_fillers = expected.get("fillers", {})
        found = report.fillers.counts
        hes_true = sum(v for k, v in true_fillers.items() if k in HESITATIONS)
        hes_found = sum(v for k, v in found.items() if k in HESITATIONS)
        disc_true = sum(v for k, v in true_fillers.items() if k not in HESITATIONS)
        disc_found = sum(v for k, v in found.items() if k not in HESITATIONS)
        want = set(expected.get("covered", []))
        rows.append({
            "file": entry["file"],
            "wer": round(wer(entry["script"], transcript.text), 3),
            "wpm_true": entry.get("wpm"), "wpm": report.pace.wpm,
            "pace_true": expected.get("pace"), "pace": report.pace.verdict,
            "um_uh_true": hes_true, "um_uh": hes_found,
            "discourse_true": disc_true, "discourse": disc_found,
            "covered_true": len(want), "covered": len(set(report.coverage.covered)),
            "coverage_agrees": set(report.coverage.covered) == want,
            "pauses_true": entry.get("long_pauses_s", []),
            "pauses": [p.duration_s for p in report.pauses.long],
            "words": len(transcript.words),
            "rtf": round(elapsed / entry["duration_s"], 3),
        })
    scripted = [r for r in rows if r["wpm_true"]]
    return {
        "model": model, "device": device, "load_s": round(load_s, 2),
        "rtf": round(busy_s / audio_s, 3), "audio_s": round(audio_s, 1),
        "mean_wer": round(sum(r["wer"] for r in scripted) / len(scripted), 3),
        "um_uh_recall": _ratio(sum(min(r["um_uh"], r["um_uh_true"]) for r in rows),
                               sum(r["um_uh_true"] for r in rows)),
        "rows": rows,
    }


def _ratio(a, b):
    return round(a / b, 3) if b else None


def print_table(result: dict) -> None:
    print(f"\nmodel {result['model']} on {result['device']}: load {result['load_s']} s, "
          f"real-time factor {result['rtf']} over {result['audio_s']} s of audio, "
          f"mean WER {result['mean_wer']}, um/uh recall {result['um_uh_recall']}")
    header = (f"{'fixture':<30} {'WER':>5} {'wpm':>11} {'pace':>11} {'um/uh':>6} "
              f"{'disc':>5} {'points':>7} {'pauses (s)':>22} {'RTF':>5}")
    print(header)
    for r in result["rows"]:
        wpm = f"{r['wpm'] or '-'}/{r['wpm_true'] or '-'}"
        pace = f"{r['pace'] or '-'}/{r['pace_true'] or '-'}"
        pauses = f"{r['pauses']}/{r['pauses_true']}"
        print(f"{r['file']:<30} {r['wer']:>5.2f} {wpm:>11} {pace:>11} "
              f"{r['um_uh']:>2}/{r['um_uh_true']:<3} {r['discourse']:>2}/{r['discourse_true']:<2} "
              f"{r['covered']:>3}/{r['covered_true']:<3} {pauses:>22} {r['rtf']:>5.2f}")
    print("(measured/expected in each column)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", action="append", help="repeatable; default: tiny.en and base")
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--manifest", default=str(ROOT / "audio_fixtures" / "manifest.json"))
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    args = parser.parse_args()
    results = [run(m, args.device, Path(args.manifest)) for m in (args.model or ["tiny.en", "base"])]
    for result in results:
        print_table(result)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
