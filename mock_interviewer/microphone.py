"""Recording an answer from the microphone until it ends.

The answer ends when the candidate has been silent for ``end_silence_s`` after speaking
(3 s by default: long enough for a thinking pause), when they press Enter, or at
``max_s``. Silence is judged by the Silero voice activity detector that faster-whisper
ships, run on the audio as it arrives (each 32 ms frame once), not by loudness, so a
noisy room does not keep the recording open and a quiet voice does not end it.

While recording, the same voice activity marks *cut points*: pauses where the audio can
be handed to the transcriber so that it transcribes while the candidate is still talking.
The recorder knows nothing about Whisper; it calls ``listener.on_audio`` and
``listener.on_cut`` and the caller decides what to do with them.
"""

from __future__ import annotations

import logging
import queue
import threading
from dataclasses import dataclass, field
from typing import Callable, Protocol

import numpy as np

from mock_interviewer.audio import SAMPLE_RATE, WavAppender, resample
from mock_interviewer.errors import DeviceError
from mock_interviewer.speaker import _device_arg, _named, import_sounddevice

__all__ = [
    "RecordingSettings",
    "VoiceTracker",
    "Endpointer",
    "Microphone",
    "PlaybackMicrophone",
    "Recording",
    "record_answer",
    "EnterKey",
]

logger = logging.getLogger("mock_interviewer")

NO_MICROPHONE_HINT = ("check that a microphone is connected and not muted (--input-device "
                      "picks another), or use --answers DIR to run the interview on "
                      "recorded answers")
FRAME = 512  # samples per Silero frame at 16 kHz (32 ms)
FRAME_S = FRAME / SAMPLE_RATE
_CONTEXT = 64  # samples of left context Silero v6 takes with each frame


@dataclass(frozen=True)
class RecordingSettings:
    end_silence_s: float = 3.0  # silence after speech that ends the answer
    max_s: float = 180.0  # longest answer
    warn_before_max_s: float = 15.0
    no_speech_warning_s: float = 10.0
    # Cut points for transcription while recording: a pause of cut_silence_s once
    # min_chunk_s of audio is waiting, or any pause of long_cut_silence_s; a chunk is
    # forced at max_chunk_s (Whisper's window is 30 s).
    cut_silence_s: float = 0.4
    long_cut_silence_s: float = 1.0
    min_chunk_s: float = 15.0
    max_chunk_s: float = 28.0


class VoiceTracker:
    """Silero voice activity computed frame by frame as audio arrives.

    Silero v6 (as faster-whisper runs it) scores each 512-sample frame with 64 samples of
    left context and an LSTM state carried from frame to frame; both are kept between
    calls, so feeding audio in pieces gives the same probabilities as one call on the
    whole recording (tested).
    """

    def __init__(self, *, threshold: float = 0.5, neg_threshold: float = 0.35,
                 min_run_s: float = 0.1, min_speech_s: float = 0.25):
        from faster_whisper.vad import get_vad_model

        self._model = get_vad_model()
        self.threshold = threshold
        self.neg_threshold = neg_threshold
        self._min_run = max(1, round(min_run_s / FRAME_S))
        self._min_speech = max(1, round(min_speech_s / FRAME_S))
        self._pending = np.zeros(0, np.float32)
        self._context = np.zeros(_CONTEXT, np.float32)
        self._h = np.zeros((1, 1, 128), np.float32)
        self._c = np.zeros((1, 1, 128), np.float32)
        self.probs: list[float] = []
        self.voiced: list[bool] = []
        self._run = 0  # length of the current voiced run (frames)
        self.speech_frames = 0  # frames in voiced runs of min_run or more
        self.last_voice_end = 0  # frame index just after the last qualifying voiced run
        self.first_voice_start: int | None = None

    @property
    def total_s(self) -> float:
        return len(self.probs) * FRAME_S

    @property
    def speech_started(self) -> bool:
        return self.speech_frames >= self._min_speech

    @property
    def silence_s(self) -> float:
        """Silence since the last stretch of voice (since the start before any voice)."""
        return (len(self.probs) - self.last_voice_end) * FRAME_S

    @property
    def last_voice_end_s(self) -> float:
        return self.last_voice_end * FRAME_S

    def feed(self, samples: np.ndarray) -> None:
        audio = np.concatenate([self._pending, np.asarray(samples, np.float32)])
        n = len(audio) // FRAME
        self._pending = audio[n * FRAME:]
        if n == 0:
            return
        frames = audio[: n * FRAME].reshape(n, FRAME)
        # What SileroVADModel.__call__ does, with its LSTM state and the 64-sample left
        # context carried from one call to the next instead of starting from zeros.
        context = np.concatenate([self._context[None, :], frames[:-1, -_CONTEXT:]])
        batch = np.concatenate([context, frames], axis=1)
        out, self._h, self._c = self._model.session.run(
            None, {"input": batch, "h": self._h, "c": self._c})
        self._context = frames[-1, -_CONTEXT:].copy()
        for p in np.asarray(out).reshape(-1):
            self._push(float(p))

    def _push(self, p: float) -> None:
        previous = self.voiced[-1] if self.voiced else False
        voiced = p >= self.threshold or (previous and p >= self.neg_threshold)
        self.probs.append(p)
        self.voiced.append(voiced)
        if voiced:
            self._run += 1
            if self._run == self._min_run:
                self.speech_frames += self._run
                if self.first_voice_start is None:
                    self.first_voice_start = len(self.probs) - self._run
            elif self._run > self._min_run:
                self.speech_frames += 1
            if self._run >= self._min_run:
                self.last_voice_end = len(self.probs)
        else:
            self._run = 0

    def voiced_between(self, start_s: float, end_s: float) -> bool:
        a, b = int(start_s / FRAME_S), int(end_s / FRAME_S)
        return any(self.voiced[a:b])

    def quietest_s(self, start_s: float, end_s: float) -> float:
        """The middle of the least voice-like frame between two times (a forced cut)."""
        a, b = int(start_s / FRAME_S), max(int(start_s / FRAME_S) + 1, int(end_s / FRAME_S))
        window = self.probs[a:b]
        if not window:
            return end_s
        i = a + int(np.argmin(window))
        return (i + 0.5) * FRAME_S


@dataclass
class Endpointer:
    """Decides, from the voice activity so far, where to cut and when the answer is over.

    Pure bookkeeping (no audio, no clock), so it is tested on constructed activity.
    """

    settings: RecordingSettings = field(default_factory=RecordingSettings)
    last_cut_s: float = 0.0
    warned_no_speech: bool = False
    warned_max: bool = False
    _last_pause_voice_end: float | None = None

    def cut(self, vad: VoiceTracker) -> tuple[str, float] | None:
        """Where to hand audio to the transcriber: ``("cut", s)``, ``("pause", s)`` or None.

        A *cut* commits the audio up to that time: once ``min_chunk_s`` is waiting, at the
        next pause of ``cut_silence_s``; at ``max_chunk_s``, at the quietest moment. A
        *pause* of ``long_cut_silence_s`` with less audio waiting may be the end of the
        answer: the audio so far is transcribed on speculation, and that transcript is
        used if the answer does end there, or thrown away if the candidate goes on (short
        pieces transcribe worse, measured: so they are not committed).
        """
        s = self.settings
        now = vad.total_s
        waiting = now - self.last_cut_s
        if not vad.speech_started or vad.last_voice_end_s <= self.last_cut_s:
            return None  # no speech since the last cut: nothing to transcribe yet
        silence = vad.silence_s
        middle = vad.last_voice_end_s + min(silence, 2 * s.cut_silence_s) / 2
        if silence >= s.cut_silence_s and waiting >= s.min_chunk_s:
            self.last_cut_s = middle
            return "cut", middle
        if waiting >= s.max_chunk_s:
            self.last_cut_s = vad.quietest_s(self.last_cut_s + s.min_chunk_s, now)
            return "cut", self.last_cut_s
        if silence >= s.long_cut_silence_s and self._last_pause_voice_end != vad.last_voice_end_s:
            self._last_pause_voice_end = vad.last_voice_end_s
            return "pause", middle
        return None

    def events(self, vad: VoiceTracker) -> tuple[str | None, list[str]]:
        """(why the answer ended or None, warnings to show now)."""
        s = self.settings
        now = vad.total_s
        warnings = []
        if not vad.speech_started and now >= s.no_speech_warning_s and not self.warned_no_speech:
            self.warned_no_speech = True
            warnings.append(f"No speech heard in {s.no_speech_warning_s:g} s: is the microphone "
                            f"on and close enough? (Enter ends the answer)")
        if now >= s.max_s - s.warn_before_max_s and not self.warned_max:
            self.warned_max = True
            warnings.append(f"{s.warn_before_max_s:g} seconds left: wrap up your answer.")
        if vad.speech_started and vad.silence_s >= s.end_silence_s:
            return "silence", warnings
        if now >= s.max_s:
            return "max_length", warnings
        return None, warnings


class Listener(Protocol):
    def on_audio(self, samples: np.ndarray) -> None: ...

    def on_cut(self, at_s: float) -> None: ...

    def on_pause(self, at_s: float) -> None: ...


@dataclass
class Recording:
    samples: np.ndarray
    ended_by: str  # "silence", "enter", "max_length" or "interrupted"
    speech_detected: bool
    first_voice_s: float | None
    last_voice_end_s: float | None = None
    overflows: int = 0

    @property
    def duration_s(self) -> float:
        return len(self.samples) / SAMPLE_RATE


class Microphone:
    """An input device opened at 16 kHz mono (or its own rate, resampled)."""

    def __init__(self, device: str | int | None = None, *, block_s: float = 0.1):
        self.sd = import_sounddevice()
        self.device = _device_arg(device)
        try:
            info = self.sd.query_devices(self.device, "input")
        except (ValueError, self.sd.PortAudioError) as e:
            raise DeviceError(f"No microphone{_named(device)} found (PortAudio: {e}); "
                              f"{NO_MICROPHONE_HINT}") from e
        self.name = info["name"]
        try:
            self.sd.check_input_settings(device=self.device, samplerate=SAMPLE_RATE,
                                         channels=1, dtype="float32")
            self.rate = SAMPLE_RATE
        except Exception:  # noqa: BLE001 - the device has its own rate: resample
            self.rate = int(info["default_samplerate"])
        self.block = int(self.rate * block_s)

    def stream(self, blocks: "queue.Queue[np.ndarray]", counters: dict):
        def callback(indata, frames, time_info, status):
            if status.input_overflow:
                counters["overflows"] = counters.get("overflows", 0) + 1
            blocks.put(indata[:, 0].copy())

        try:
            return self.sd.InputStream(device=self.device, samplerate=self.rate, channels=1,
                                       dtype="float32", blocksize=self.block, callback=callback)
        except self.sd.PortAudioError as e:
            raise DeviceError(f"Cannot open the microphone '{self.name}' ({e}); "
                              f"{NO_MICROPHONE_HINT}") from e


class PlaybackMicrophone:
    """Stands in for a microphone: plays given samples into the recorder in real time.

    Blocks arrive from a thread at the pace a sound card would deliver them (``speed``
    times faster if asked), so the recorder, the endpointer and the streaming
    transcriber run exactly as they do live. For benchmarks and tests; the real path is
    tested through a virtual PulseAudio microphone.
    """

    rate = SAMPLE_RATE
    name = "playback"

    def __init__(self, samples: np.ndarray, *, block_s: float = 0.1, speed: float = 1.0,
                 tail_silence_s: float = 30.0):
        pad = np.zeros(int(tail_silence_s * SAMPLE_RATE), np.float32)
        self.samples = np.concatenate([np.asarray(samples, np.float32), pad])
        self.block = int(SAMPLE_RATE * block_s)
        self.speed = speed

    def stream(self, blocks: "queue.Queue[np.ndarray]", counters: dict):
        import contextlib
        import time

        @contextlib.contextmanager
        def run():
            stopped = threading.Event()

            def feed():
                start = time.monotonic()
                for n, i in enumerate(range(0, len(self.samples), self.block)):
                    due = start + (n + 1) * self.block / SAMPLE_RATE / self.speed
                    if stopped.wait(max(0.0, due - time.monotonic())):
                        return
                    blocks.put(self.samples[i:i + self.block].copy())

            thread = threading.Thread(target=feed, name="playback-microphone", daemon=True)
            thread.start()
            try:
                yield
            finally:
                stopped.set()
                thread.join()

        return run()


def record_answer(
    microphone: Microphone,
    wav: WavAppender,
    *,
    settings: RecordingSettings = RecordingSettings(),
    listener: Listener | None = None,
    stop: threading.Event | None = None,
    on_progress: Callable[[float, float, bool], None] | None = None,
    on_warning: Callable[[str], None] | None = None,
    on_start: Callable[[], None] | None = None,
) -> Recording:
    """Record until the answer ends; every block goes to ``wav`` as it arrives.

    Args:
        microphone: the opened input device.
        wav: where the answer is written while it is recorded (nothing is lost on Ctrl-C).
        settings: when to stop, warn and cut.
        listener: receives the audio and the cut points (the streaming transcriber).
        stop: set by another thread when the candidate presses Enter.
        on_progress: called with (elapsed s, level dBFS, speech heard) about 10 times a second.
        on_warning: called with a sentence to show the candidate.
        on_start: called once the input stream is running, to tell the candidate to speak
            (opening a device can take a second; words said before that would be lost).

    Returns:
        The ``Recording``. KeyboardInterrupt is caught, the audio so far kept, and the
        recording returned with ``ended_by="interrupted"``.
    """
    blocks: queue.Queue = queue.Queue()
    counters: dict = {}
    vad = VoiceTracker()
    endpointer = Endpointer(settings)
    pieces: list[np.ndarray] = []

    def keep(block: np.ndarray) -> np.ndarray:
        if microphone.rate != SAMPLE_RATE:
            block = resample(block, microphone.rate, SAMPLE_RATE)
        pieces.append(block)
        wav.append(block)
        return block

    ended_by = None
    try:
        with microphone.stream(blocks, counters):
            if on_start is not None:
                on_start()
            while ended_by is None:
                if stop is not None and stop.is_set():
                    ended_by = "enter"
                    break
                try:
                    block = keep(blocks.get(timeout=0.2))
                except queue.Empty:
                    continue
                vad.feed(block)
                if listener is not None:
                    listener.on_audio(block)
                    decision = endpointer.cut(vad)
                    if decision is not None:
                        kind, at = decision
                        (listener.on_cut if kind == "cut" else listener.on_pause)(at)
                ended_by, warnings = endpointer.events(vad)
                for w in warnings:
                    if on_warning:
                        on_warning(w)
                if on_progress:
                    rms = float(np.sqrt(np.mean(block ** 2))) if len(block) else 0.0
                    on_progress(vad.total_s, 20 * np.log10(max(rms, 1e-6)), vad.speech_started)
    except KeyboardInterrupt:
        ended_by = "interrupted"
        while not blocks.empty():  # keep what had already arrived
            keep(blocks.get_nowait())
    finally:
        wav.flush()
    samples = np.concatenate(pieces) if pieces else np.zeros(0, np.float32)
    first = vad.first_voice_start * FRAME_S if vad.first_voice_start is not None else None
    last = vad.last_voice_end_s if vad.speech_started else None
    return Recording(samples, ended_by, vad.speech_started, first, last,
                     counters.get("overflows", 0))


class EnterKey:
    """Enter pressed in the terminal ends the current answer.

    One reader thread for the whole session; a key press counts only for the answer that
    is being recorded (``arm``), not for one that has already ended.
    """

    def __init__(self, stream=None):
        import sys

        self._stream = stream if stream is not None else sys.stdin
        self._current: threading.Event | None = None
        self.available = bool(self._stream) and self._stream.isatty()
        if self.available:
            threading.Thread(target=self._read, name="enter-key", daemon=True).start()

    def _read(self) -> None:
        while True:
            try:
                line = self._stream.readline()
            except (OSError, ValueError):
                return
            if not line:
                return
            event = self._current
            if event is not None:
                event.set()

    def arm(self) -> threading.Event:
        self._current = threading.Event()
        return self._current

    def disarm(self) -> None:
        self._current = None
