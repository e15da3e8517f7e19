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

from mock_interviewer import __version__
from mock_interviewer.errors import AudioError, MockInterviewerError

__all__ = ["main"]

logger = logging.getLogger("mock_interviewer")

EXAMPLES = {
    "questions": "mock-interviewer questions --category behavioral",
    "analyze": "mock-interviewer analyze answer.m4a --question good-customer-service",
    "practice": "mock-interviewer practice --count 3 --category behavioral",
    "sessions": "mock-interviewer sessions",
    "replay": "mock-interviewer replay latest --play",
}


def _add_model_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--model", default=None,
                   help="tiny.en, base (default), another faster-whisper model name, or a "
                        "directory holding a converted model")
    p.add_argument("--device", default="cpu", choices=["cpu", "cuda", "auto"],
                   help="where the model runs (default: cpu)")
    p.add_argument("--compute-type", default="auto",
                   help="CTranslate2 compute type: auto (int8 on the CPU), int8, float16, "
                        "float32, ...")
    p.add_argument("--min-pause-s", type=float, default=2.0, metavar="S",
                   help="shortest silence reported as a long pause (default: 2.0)")
    p.add_argument("--bank", metavar="FILE", help="a question bank JSON file of your own")


def _add_data_dir(p: argparse.ArgumentParser) -> None:
    p.add_argument("--data-dir", metavar="DIR",
                   help="where sessions are saved (default: $MOCK_INTERVIEWER_DATA, else "
                        "~/.local/share/mock-interviewer)")


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
    _add_model_options(a)

    pr = sub.add_parser(
        "practice", help="a mock interview: spoken questions, recorded answers, feedback",
        description="A mock interview. Each question is spoken, your answer is recorded until "
                    "you stop talking (or press Enter), and you get feedback on it; a summary "
                    "follows the last question. Everything is saved (see 'sessions').",
        epilog=f"example: {EXAMPLES['practice']}\n"
               f"offline, on recorded answers: mock-interviewer practice --answers "
               f"audio_fixtures/manifest.json",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    pr.add_argument("--count", type=int, default=5, metavar="N",
                    help="how many questions (default: 5)")
    pr.add_argument("--category", choices=["general", "scenario", "behavioral"],
                    help="only questions of this category")
    pr.add_argument("--questions", metavar="ID,...",
                    help="these questions, in this order (ids from 'mock-interviewer questions')")
    pr.add_argument("--seed", type=int, help="repeatable question draw")
    pr.add_argument("--voice", metavar="V", help="the interviewer's voice (an espeak-ng voice, "
                                                 "e.g. en-us, en-gb)")
    pr.add_argument("--rate", type=int, metavar="WPM", help="the interviewer's speaking rate "
                                                            "(words per minute, 80-450)")
    pr.add_argument("--input-device", metavar="D", help="microphone: a device number or part "
                                                        "of its name (default: the system's)")
    pr.add_argument("--output-device", metavar="D", help="speaker: a device number or part of "
                                                         "its name (default: the system's)")
    pr.add_argument("--text-only", action="store_true",
                    help="show the questions on screen instead of speaking them")
    pr.add_argument("--answers", metavar="DIR_OR_MANIFEST",
                    help="take the answers from audio files instead of the microphone: a "
                         "manifest, or a folder of files named after question ids")
    pr.add_argument("--end-silence-s", type=float, default=3.0, metavar="S",
                    help="silence that ends an answer (default: 3)")
    pr.add_argument("--max-answer-s", type=float, default=180.0, metavar="S",
                    help="longest answer (default: 180)")
    pr.add_argument("--json", action="store_true",
                    help="print each answer's report as a JSON line instead of text")
    _add_model_options(pr)
    _add_data_dir(pr)

    se = sub.add_parser("sessions", help="list saved sessions",
                        description="List the saved sessions, oldest first.",
                        epilog=f"example: {EXAMPLES['sessions']}")
    se.add_argument("--json", action="store_true", help="print JSON instead of text")
    _add_data_dir(se)

    rp = sub.add_parser("replay", help="show, play or re-analyse a saved session",
                        description="Show a saved session's feedback; play its audio; or "
                                    "transcribe and analyse its answers again.",
                        epilog=f"example: {EXAMPLES['replay']}")
    rp.add_argument("session", metavar="SESSION",
                    help="a session id (or its start), 'latest', or a session folder")
    rp.add_argument("--play", action="store_true", help="play each question and answer")
    rp.add_argument("--reanalyze", action="store_true",
                    help="transcribe and analyse the answers again (with --model, --bank)")
    rp.add_argument("--output-device", metavar="D", help="speaker for --play")
    rp.add_argument("--json", action="store_true", help="print the session JSON")
    _add_model_options(rp)
    _add_data_dir(rp)
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
        if args.command == "practice":
            return _practice(args, parser)
        if args.command == "sessions":
            return _sessions(args)
        if args.command == "replay":
            return _replay(args, parser)
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


def _analyze(args, parser) -> int:
    from mock_interviewer.analysis import analyze_answer
    from mock_interviewer.audio import load_audio
    from mock_interviewer.bank import load_bank
    from mock_interviewer.render import render_report, report_to_json

    transcriber = _transcriber(args, parser)
    bank = load_bank(args.bank)
    jobs: list[tuple[str, str]] = []
    if args.manifest:
        from mock_interviewer.session import read_answer_files

        jobs += [(str(file), q.id) for q, file in read_answer_files(args.manifest, bank)]
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


def _transcriber(args, parser):
    """The transcriber the model options ask for (the model loads on first use)."""
    from mock_interviewer.transcribe import DEFAULT_MODEL, TranscribeOptions, Transcriber

    if args.min_pause_s <= 0:
        parser.error(f"--min-pause-s={args.min_pause_s} must be a positive number of seconds")
    return Transcriber(TranscribeOptions(
        model=args.model or DEFAULT_MODEL, device=args.device, compute_type=args.compute_type))


def _practice(args, parser) -> int:
    from mock_interviewer.bank import load_bank
    from mock_interviewer.errors import DeviceError
    from mock_interviewer.microphone import EnterKey, Microphone, RecordingSettings
    from mock_interviewer.session import (
        Console, FileAnswers, MicrophoneAnswers, read_answer_files, run_interview,
        select_questions)
    from mock_interviewer.speaker import AudioOutput, Voice
    from mock_interviewer.store import SessionStore

    if args.count < 1:
        parser.error(f"--count={args.count} must be 1 or more")
    if args.end_silence_s <= 0 or args.max_answer_s <= args.end_silence_s:
        parser.error("--end-silence-s must be positive and shorter than --max-answer-s")
    bank = load_bank(args.bank)
    transcriber = _transcriber(args, parser)
    console = Console(json_lines=args.json)
    ids = [q.strip() for q in args.questions.split(",") if q.strip()] if args.questions else None
    voice = output = None
    if args.answers:
        pairs = read_answer_files(args.answers, bank)
        if ids:
            wanted = {bank.get(key).id for key in ids}
            pairs = [(q, f) for q, f in pairs if q.id in wanted]
            if not pairs:
                raise MockInterviewerError(f"No answer in '{args.answers}' is for {args.questions}")
        questions = [q for q, _ in pairs]
        if not args.text_only:
            try:
                voice = Voice(args.voice, args.rate)  # questions are rendered and saved
            except DeviceError as e:
                console.note(f"mock-interviewer: the questions are not saved as speech: {e}")
        mode = "files"
    else:
        questions = select_questions(bank, count=args.count, category=args.category, ids=ids,
                                     seed=args.seed)
        # Every device is checked before the session starts: no half-made session.
        if not args.text_only:
            voice = Voice(args.voice, args.rate)
            output = AudioOutput(args.output_device)
        microphone = Microphone(args.input_device)
        mode = "text-only" if args.text_only else "live"
    settings = RecordingSettings(end_silence_s=args.end_silence_s, max_s=args.max_answer_s,
                                 warn_before_max_s=min(15.0, args.max_answer_s / 4))
    console.note(f"Loading the speech model '{transcriber.options.model}'...")
    transcriber.load()
    store = SessionStore(args.data_dir)
    session = store.create(mode=mode, settings={
        "model": transcriber.options.model, "device": transcriber.options.device,
        "compute_type": transcriber.options.compute_type, "bank": args.bank,
        "voice": args.voice, "rate": args.rate, "seed": args.seed,
        "end_silence_s": settings.end_silence_s, "max_answer_s": settings.max_s,
        "min_pause_s": args.min_pause_s, "answers": args.answers,
        "input_device": args.input_device, "output_device": args.output_device,
    })
    console.note(f"Session {session.id}, saved in {session.path}")
    if args.answers:
        answers = FileAnswers({n: f for n, (_, f) in enumerate(pairs, 1)}, transcriber)
    else:
        answers = MicrophoneAnswers(microphone, transcriber, settings, EnterKey())
    summary = run_interview(questions, bank=bank, session=session, answers=answers,
                            console=console, voice=voice, output=output,
                            min_pause_s=args.min_pause_s)
    if args.json:
        print(json.dumps({"session": session.id, "summary": summary}, ensure_ascii=False),
              flush=True)
    failed = sum(1 for a in session.answers if a["status"] == "failed")
    return 1 if failed else 0


def _sessions(args) -> int:
    from mock_interviewer.render.text import render_sessions
    from mock_interviewer.store import SessionStore

    store = SessionStore(args.data_dir)
    sessions = store.list()
    if args.json:
        print(json.dumps([
            {"error": str(s)} if isinstance(s, Exception) else {
                "id": s.id, "path": str(s.path), "started_at": s.data["started_at"],
                "status": s.data["status"], "mode": s.data["mode"], "answers": len(s.answers),
                "summary": s.data.get("summary")}
            for s in sessions], ensure_ascii=False, indent=2))
    else:
        print(render_sessions(sessions))
        if sessions:
            print(f"\n(in {store.sessions_dir})")
    return 0


def _replay(args, parser) -> int:
    from mock_interviewer.analysis import AnswerReport
    from mock_interviewer.audio import read_wav
    from mock_interviewer.bank import load_bank
    from mock_interviewer.render.text import render_report, render_summary
    from mock_interviewer.session import Console, check_session, reanalyze_session
    from mock_interviewer.speaker import AudioOutput, Speech
    from mock_interviewer.store import SessionStore

    session = SessionStore(args.data_dir).find(args.session)
    check_session(session)
    console = Console()
    output = AudioOutput(args.output_device) if args.play else None
    if args.reanalyze:
        transcriber = _transcriber(args, parser)
        console.note(f"Re-analysing {len(session.answers)} answer(s) with model "
                     f"'{transcriber.options.model}'...")
        reanalyze_session(session, bank=load_bank(args.bank), transcriber=transcriber,
                          min_pause_s=args.min_pause_s, console=console)
    if args.json:
        print(json.dumps(session.data, ensure_ascii=False, indent=2))
        return 0
    print(f"Session {session.id} ({session.data['mode']}, {session.data['status']}), "
          f"started {session.data['started_at']}")
    for entry in session.answers:
        print("")
        print(f"Question {entry['index']}: {entry['question']['text']}")
        if output is not None:
            for key in ("question_audio", "answer_audio"):
                path = session.file(entry.get(key))
                if path is not None and path.exists():
                    samples, rate = read_wav(path)
                    console.note(f"(playing {path.name})")
                    output.play(Speech(samples, rate))
        if entry.get("report"):
            print(render_report(AnswerReport.from_dict(entry["report"])))
        else:
            why = entry.get("error") or f"status '{entry.get('status')}'"
            print(f"(no feedback stored: {why}; mock-interviewer replay {session.id} --reanalyze)")
    summary = session.data.get("summary")
    if summary:
        print("")
        print(render_summary(summary, session))
    return 0
