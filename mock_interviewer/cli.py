"""The ``mock-interviewer`` command: parse arguments, call the library, turn errors into messages.

Expected failures (a bad file, an unknown question, a missing model) become one line on
stderr and a non-zero exit status; a traceback means a bug. With several answer files,
one bad file does not stop the others.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from mock_interviewer import __version__
from mock_interviewer.errors import AudioError, MockInterviewerError

__all__ = ["main"]

logger = logging.getLogger("mock_interviewer")

EXAMPLES = {
    "questions": "mock-interviewer questions --category behavioral",
    "analyze": "mock-interviewer analyze answer.m4a --question good-customer-service",
}


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mock-interviewer",
        description="An offline mock interviewer for customer-service job interviews.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log what happens")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    q = sub.add_parser("questions", help="list the question bank",
                       description="List the question bank.",
                       epilog=f"example: {EXAMPLES['questions']}")
    q.add_argument("--category", choices=["general", "scenario", "behavioral"],
                   help="only questions of this category")
    q.add_argument("--bank", metavar="FILE", help="a question bank JSON file of your own")
    q.add_argument("--json", action="store_true", help="print JSON instead of text")

    a = sub.add_parser("analyze", help="analyse recorded answers",
                       description="Transcribe recorded answers and report pace, filler "
                                   "words, pauses and talking-point coverage.",
                       epilog=f"example: {EXAMPLES['analyze']}")
    a.add_argument("answers", nargs="*", metavar="ANSWER",
                   help="audio files (WAV, FLAC, MP3, M4A, OGG, anything FFmpeg reads)")
    a.add_argument("--question", metavar="Q", help="the question answered: an id or its text")
    a.add_argument("--manifest", metavar="FILE",
                   help="a fixtures manifest mapping answer files to questions "
                        "(audio_fixtures/manifest.json)")
    a.add_argument("--json", action="store_true",
                   help="one JSON object per answer (JSON Lines for several)")
    a.add_argument("--bank", metavar="FILE", help="a question bank JSON file of your own")
    a.add_argument("--model", default=None,
                   help="tiny.en, base (default), another faster-whisper model name, or a "
                        "directory holding a converted model")
    a.add_argument("--device", default="cpu", choices=["cpu", "cuda", "auto"],
                   help="where the model runs (default: cpu)")
    a.add_argument("--compute-type", default="auto",
                   help="CTranslate2 compute type: auto (int8 on the CPU), int8, float16, "
                        "float32, ...")
    a.add_argument("--min-pause-s", type=float, default=2.0, metavar="S",
                   help="shortest silence reported as a long pause (default: 2.0)")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(name)s: %(message)s")
    if args.command is None:
        parser.print_help()
        return 2
    try:
        if args.command == "questions":
            return _questions(args)
        if args.command == "analyze":
            return _analyze(args, parser)
    except MockInterviewerError as e:
        print(f"mock-interviewer: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("mock-interviewer: interrupted", file=sys.stderr)
        return 130
    return 2


def _questions(args) -> int:
    from mock_interviewer.bank import load_bank, question_summary
    from mock_interviewer.render.text import render_questions

    bank = load_bank(args.bank)
    questions = bank.by_category(args.category)
    if args.json:
        print(json.dumps(question_summary(questions), ensure_ascii=False, indent=2))
    else:
        print(render_questions(questions))
    return 0


def _read_manifest(path: str) -> list[tuple[str, str]]:
    """(answer file, question id) pairs from a fixtures manifest; paths are relative to it."""
    manifest = Path(path)
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
        entries = data["fixtures"]
        return [(str(manifest.parent / e["file"]), e["question"]) for e in entries]
    except FileNotFoundError as e:
        raise MockInterviewerError(f"Manifest '{path}' does not exist") from e
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise MockInterviewerError(
            f"Manifest '{path}' is not a fixtures manifest (expected {{\"fixtures\": "
            f"[{{\"file\", \"question\"}}, ...]}}): {e}"
        ) from e


def _analyze(args, parser) -> int:
    from mock_interviewer.analysis import analyze_answer
    from mock_interviewer.audio import load_audio
    from mock_interviewer.bank import load_bank
    from mock_interviewer.render import render_report, report_to_json
    from mock_interviewer.transcribe import DEFAULT_MODEL, TranscribeOptions, Transcriber

    if args.min_pause_s <= 0:
        parser.error(f"--min-pause-s={args.min_pause_s} must be a positive number of seconds")
    bank = load_bank(args.bank)
    jobs: list[tuple[str, str]] = []
    if args.manifest:
        jobs += _read_manifest(args.manifest)
    if args.answers:
        if not args.question:
            parser.error("--question is required with answer files (an id or the question's text)")
        jobs += [(path, args.question) for path in args.answers]
    if not jobs:
        parser.error("give answer files with --question, or --manifest FILE")
    questions = {}
    for _, key in jobs:
        if key not in questions:
            questions[key] = bank.get(key)  # an unknown question stops before any work

    transcriber = Transcriber(TranscribeOptions(
        model=args.model or DEFAULT_MODEL, device=args.device, compute_type=args.compute_type))
    failures = 0
    for n, (path, key) in enumerate(jobs):
        try:
            samples = load_audio(path)
        except AudioError as e:
            print(f"mock-interviewer: {e}", file=sys.stderr)
            failures += 1
            continue
        transcript = transcriber.transcribe(samples)
        report = analyze_answer(transcript, questions[key], bank=bank, audio_path=path,
                                min_pause_s=args.min_pause_s)
        if args.json:
            print(report_to_json(report), flush=True)
        else:
            if n:
                print("\n" + "-" * 88)
            print(render_report(report), flush=True)
    return 1 if failures else 0

