"""A private PulseAudio server with a null-sink speaker and a virtual microphone.

::

    program's output ──► mi_speaker (null sink) ──► mi_speaker.monitor  (what was played)
    paplay "candidate" ──► mi_candidate (null sink) ──► mi_mic (remapped monitor source)
                                                        └─► the program's microphone

The server listens on its own socket (``PULSE_SERVER``), so it never meets a desktop's
sound server; ALSA's ``pulse`` plugin (libasound2-plugins) connects PortAudio to it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import wave
from pathlib import Path

import numpy as np

SPEAKER = "mi_speaker"
CANDIDATE = "mi_candidate"
MICROPHONE = "mi_mic"


class VirtualAudioError(RuntimeError):
    pass


class VirtualAudio:
    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.socket = self.folder / "native"
        self.env = dict(os.environ, PULSE_SERVER=f"unix:{self.socket}",
                        PULSE_RUNTIME_PATH=str(self.folder / "runtime"),
                        PULSE_STATE_PATH=str(self.folder / "state"),
                        HOME=os.environ.get("HOME", str(self.folder)))
        self._recorders: list[subprocess.Popen] = []

    def _run(self, *argv, check=True, timeout=20):
        return subprocess.run(argv, env=self.env, capture_output=True, text=True,
                              check=check, timeout=timeout)

    def start(self) -> None:
        for tool in ("pulseaudio", "pactl", "paplay", "parecord"):
            if shutil.which(tool) is None:
                raise VirtualAudioError(f"'{tool}' is not installed (pulseaudio, pulseaudio-utils)")
        args = ["pulseaudio", "--daemonize=no", "--exit-idle-time=-1", "-n",
                "--use-pid-file=no", "--disable-shm=yes",
                f"--load=module-native-protocol-unix socket={self.socket} auth-anonymous=1",
                f"--load=module-null-sink sink_name={SPEAKER}",
                f"--load=module-null-sink sink_name={CANDIDATE}",
                f"--load=module-remap-source master={CANDIDATE}.monitor source_name={MICROPHONE}"]
        if os.geteuid() == 0:
            args.append("--system=no")
        self.log = open(self.folder / "pulseaudio.log", "w")
        self.server = subprocess.Popen(args, env=self.env, stdout=self.log, stderr=self.log)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self.server.poll() is not None:
                raise VirtualAudioError(
                    f"pulseaudio exited with {self.server.returncode}: "
                    f"{(self.folder / 'pulseaudio.log').read_text()[-500:]}")
            if self._run("pactl", "info", check=False).returncode == 0:
                break
            time.sleep(0.2)
        else:
            self.stop()
            raise VirtualAudioError("pulseaudio did not answer within 15 s")
        self._run("pactl", "set-default-sink", SPEAKER)
        self._run("pactl", "set-default-source", MICROPHONE)

    def stop(self) -> None:
        for r in self._recorders:
            r.terminate()
        if getattr(self, "server", None) and self.server.poll() is None:
            self.server.terminate()
            try:
                self.server.wait(10)
            except subprocess.TimeoutExpired:
                self.server.kill()

    def play_into_microphone(self, wav: Path) -> None:
        """The candidate speaks: play a file into the virtual microphone (blocks)."""
        self._run("paplay", f"--device={CANDIDATE}", str(wav), timeout=300)

    def record_speaker(self, wav: Path) -> subprocess.Popen:
        """Start recording what is played on the virtual speaker; terminate() to stop."""
        proc = subprocess.Popen(
            ["parecord", f"--device={SPEAKER}.monitor", "--file-format=wav",
             "--channels=1", "--rate=16000", str(wav)], env=self.env)
        self._recorders.append(proc)
        return proc


def loud_seconds(wav: Path, threshold: float = 0.02) -> float:
    """How many seconds of a recording are louder than ``threshold`` (RMS, 20 ms frames)."""
    with wave.open(str(wav)) as w:
        rate = w.getframerate()
        pcm = np.frombuffer(w.readframes(w.getnframes()), "<i2").astype(np.float32) / 32768
    frame = rate // 50
    n = len(pcm) // frame
    if n == 0:
        return 0.0
    rms = np.sqrt((pcm[: n * frame].reshape(n, frame) ** 2).mean(axis=1))
    return float((rms > threshold).sum()) / 50
