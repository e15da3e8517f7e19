"""The interviewer's voice: question text → speech audio (pyttsx3), and playback (sounddevice).

Speech is rendered to audio first and played second, rather than spoken by the engine,
so that the question can be kept with the session and replayed, played on the output
device the candidate chose, and so that the program knows exactly when it has finished
(recording starts only then, and the question never ends up in the answer).

pyttsx3 2.99 on Linux, as measured here: ``runAndWait()`` may return before the speech is
done, only the last queued utterance is synthesised, ``init()`` returns a per-process
singleton that is not thread-safe, and a bad voice or rate is ignored silently. So:
one utterance per call, under a lock, waiting for its ``finished-utterance`` event with a
timeout, and the voice and rate checked here before they are set.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import tempfile
import threading
from dataclasses import dataclass

import numpy as np

from mock_interviewer.errors import DeviceError

__all__ = ["Speech", "Voice", "AudioOutput", "import_sounddevice", "NO_DEVICE_HINT"]

logger = logging.getLogger("mock_interviewer")

NO_DEVICE_HINT = ("use --text-only to read the questions on screen, or --answers DIR to run "
                  "the interview on recorded answers")
RATE_RANGE_WPM = (80, 450)  # what espeak-ng accepts
_LOCK = threading.Lock()  # the pyttsx3 engine is a per-process singleton, not thread-safe


@dataclass
class Speech:
    samples: np.ndarray  # mono float32 in [-1, 1]
    sample_rate: int

    @property
    def duration_s(self) -> float:
        return len(self.samples) / self.sample_rate


def import_sounddevice():
    """Import sounddevice, turning a missing PortAudio library into a ``DeviceError``."""
    try:
        import sounddevice
    except OSError as e:  # sounddevice raises OSError when libportaudio is missing
        raise DeviceError(
            f"The audio library PortAudio is not installed ({e}): install it (Debian/Ubuntu: "
            f"sudo apt-get install libportaudio2), or {NO_DEVICE_HINT}"
        ) from e
    return sounddevice


def _engine():
    try:
        import pyttsx3

        return pyttsx3.init()
    except Exception as e:  # noqa: BLE001 - any failure means there is no usable engine
        raise DeviceError(
            f"No speech engine to speak the questions ({type(e).__name__}: {e}): install "
            f"espeak-ng (Debian/Ubuntu: sudo apt-get install espeak-ng), or {NO_DEVICE_HINT}"
        ) from e


class Voice:
    """Renders text to speech audio with pyttsx3 (espeak-ng on Linux)."""

    def __init__(self, voice: str | None = None, rate_wpm: int | None = None, *,
                 timeout_s: float = 30.0):
        self._engine = _engine()
        self.voice_id = self._find_voice(voice) if voice else None
        if rate_wpm is not None and not RATE_RANGE_WPM[0] <= rate_wpm <= RATE_RANGE_WPM[1]:
            raise DeviceError(f"Speech rate {rate_wpm} words per minute is out of range: "
                              f"use {RATE_RANGE_WPM[0]}-{RATE_RANGE_WPM[1]}")
        self.rate_wpm = rate_wpm
        self.timeout_s = timeout_s

    def voices(self) -> list[tuple[str, str]]:
        """(id, name) of every voice the engine has."""
        return [(v.id, v.name) for v in self._engine.getProperty("voices")]

    def _find_voice(self, wanted: str) -> str:
        voices = self.voices()
        for vid, name in voices:
            if wanted.lower() in (str(vid).lower(), str(name).lower()):
                return vid
        matches = [vid for vid, name in voices
                   if wanted.lower() in str(vid).lower() or wanted.lower() in str(name).lower()]
        if len(matches) == 1:
            return matches[0]
        english = ", ".join(str(vid) for vid, name in voices if "en" in str(vid).split("/")[-1][:2])
        raise DeviceError(
            f"Voice '{wanted}' is {'ambiguous' if matches else 'not installed'}; "
            f"English voices: {english or 'none'}"
        )

    def render(self, text: str) -> Speech:
        """Synthesise one utterance and return its audio."""
        from mock_interviewer.audio import read_wav

        done = threading.Event()
        with _LOCK, tempfile.TemporaryDirectory(prefix="mock-interviewer-tts-") as tmp:
            path = os.path.join(tmp, "speech.wav")
            engine = self._engine
            if self.voice_id is not None:
                engine.setProperty("voice", self.voice_id)
            if self.rate_wpm is not None:
                engine.setProperty("rate", self.rate_wpm)
            token = engine.connect("finished-utterance", lambda name, completed: done.set())
            try:
                # The espeak driver prints "Audio saved to ..." on stdout.
                with contextlib.redirect_stdout(io.StringIO()):
                    engine.save_to_file(text, path)
                    engine.runAndWait()
                    finished = done.wait(self.timeout_s)
            finally:
                engine.disconnect(token)
            if not finished or not os.path.exists(path):
                raise DeviceError(f"The speech engine did not finish speaking within "
                                  f"{self.timeout_s:g} s; {NO_DEVICE_HINT}")
            samples, rate = read_wav(path)
        if len(samples) == 0:
            raise DeviceError(f"The speech engine produced no audio for {text[:40]!r}")
        return Speech(samples, rate)


class AudioOutput:
    """Plays audio on an output device through sounddevice (PortAudio)."""

    def __init__(self, device: str | int | None = None):
        self.sd = import_sounddevice()
        self.device = _device_arg(device)
        try:
            info = self.sd.query_devices(self.device, "output")
        except (ValueError, self.sd.PortAudioError) as e:
            raise DeviceError(
                f"No audio output device{_named(device)} found (PortAudio: {e}); "
                f"{NO_DEVICE_HINT}") from e
        self.name = info["name"]
        self.default_rate = int(info["default_samplerate"])

    def play(self, speech: Speech) -> None:
        """Play and wait until the last sample has been played."""
        from mock_interviewer.audio import resample

        samples, rate = speech.samples, speech.sample_rate
        try:
            self.sd.check_output_settings(device=self.device, samplerate=rate, channels=1,
                                          dtype="float32")
        except Exception:  # noqa: BLE001 - the device cannot play this rate: convert
            samples, rate = resample(samples, rate, self.default_rate), self.default_rate
        try:
            self.sd.play(samples, rate, device=self.device, blocking=True)
        except self.sd.PortAudioError as e:
            raise DeviceError(f"Cannot play audio on '{self.name}' ({e}); {NO_DEVICE_HINT}") from e
        finally:
            self.sd.stop()


def _device_arg(device):
    """sounddevice takes a device index or a substring of its name."""
    if device is None or device == "":
        return None
    if isinstance(device, str) and device.isdigit():
        return int(device)
    return device


def _named(device) -> str:
    return f" '{device}'" if device not in (None, "") else ""
