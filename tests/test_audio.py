"""Decoding: every format a phone or recorder produces, and each kind of bad file."""

import numpy as np
import pytest

from mock_interviewer.audio import SAMPLE_RATE, load_audio, speech_segments, write_wav
from mock_interviewer.errors import AudioError

from conftest import FIXTURES

SOURCE = FIXTURES / "good_service_weak.wav"


def _encode(path, samples, *, container, codec, rate, channels, sample_format):
    """Write samples with PyAV (FFmpeg) in the given container and codec."""
    import av

    layout = "stereo" if channels == 2 else "mono"
    with av.open(str(path), "w", format=container) as out:
        stream = out.add_stream(codec, rate=rate, layout=layout)
        resampler = av.AudioResampler(format=sample_format, layout=layout, rate=rate)
        pcm = (samples * 32767).astype(np.int16).reshape(1, -1)
        frame = av.AudioFrame.from_ndarray(pcm, format="s16", layout="mono")
        frame.sample_rate = SAMPLE_RATE
        for resampled in resampler.resample(frame):
            for packet in stream.encode(resampled):
                out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)


FORMATS = [
    ("wav_44k_stereo_s16.wav", "wav", "pcm_s16le", 44100, 2, "s16"),
    ("wav_48k_stereo_s32.wav", "wav", "pcm_s32le", 48000, 2, "s32"),
    ("wav_8k_mono_float.wav", "wav", "pcm_f32le", 8000, 1, "flt"),
    ("wav_22k_mono_u8.wav", "wav", "pcm_u8", 22050, 1, "u8"),
    ("answer.flac", "flac", "flac", 44100, 1, "s16"),
    ("answer.mp3", "mp3", "libmp3lame", 44100, 2, "fltp"),
    ("answer.m4a", "ipod", "aac", 48000, 1, "fltp"),
    ("answer.ogg", "ogg", "libopus", 48000, 1, "s16"),
]


@pytest.mark.parametrize("name, container, codec, rate, channels, sample_format", FORMATS)
def test_every_common_format_decodes_to_16k_mono(tmp_path, name, container, codec, rate,
                                                  channels, sample_format):
    original = load_audio(SOURCE)
    path = tmp_path / name
    _encode(path, original, container=container, codec=codec, rate=rate, channels=channels,
            sample_format=sample_format)
    decoded = load_audio(path)
    assert decoded.dtype == np.float32 and decoded.ndim == 1
    assert abs(len(decoded) - len(original)) / SAMPLE_RATE < 0.1  # codec padding only
    # Same loudness envelope: the speech is there, in place.
    hop = SAMPLE_RATE // 10
    n = min(len(decoded), len(original)) // hop * hop
    env = lambda x: np.sqrt((x[:n].reshape(-1, hop) ** 2).mean(axis=1))  # noqa: E731
    assert np.corrcoef(env(original), env(decoded))[0, 1] > 0.9


def test_wav_round_trip(tmp_path):
    samples = (0.5 * np.sin(np.linspace(0, 2000, SAMPLE_RATE))).astype(np.float32)
    write_wav(tmp_path / "tone.wav", samples)
    assert np.allclose(load_audio(tmp_path / "tone.wav"), samples, atol=1e-4)


def _file(name, data):
    """A maker for the table below: writes ``data`` to ``name`` in a folder, returns the path."""

    def make(folder):
        path = folder / name
        path.write_bytes(data if isinstance(data, bytes) else data.encode())
        return path

    return make


def _truncate(src, dst, keep=0.5):
    data = src.read_bytes()
    return _file(dst.name, data[: int(len(data) * keep)])(dst.parent)


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda d: d / "missing.wav", "no such file"),
        (lambda d: d, "is a directory"),
        (_file("empty.wav", b""), "the file is empty"),
        (_file("notes.wav", "these are my notes " * 50), "not an audio file"),
        (lambda d: _truncate(SOURCE, d / "cut.wav"), "truncated WAV"),
        (_file("header.wav", SOURCE.read_bytes()[:44]), "truncated WAV"),
    ],
)
def test_bad_files_name_the_file_and_the_problem(tmp_path, make, message):
    path = make(tmp_path)
    with pytest.raises(AudioError, match=message) as raised:
        load_audio(path)
    assert str(path) in str(raised.value)


def test_unreadable_file(tmp_path, monkeypatch):
    import mock_interviewer.audio as audio

    def denied(path):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(audio, "_check_wav_header", denied)
    with pytest.raises(AudioError, match="answer.wav: cannot be read \\(Permission denied\\)"):
        load_audio(_file("answer.wav", SOURCE.read_bytes())(tmp_path))


def test_truncated_mp3(tmp_path):
    full = tmp_path / "full.mp3"
    _encode(full, load_audio(SOURCE), container="mp3", codec="libmp3lame", rate=44100,
            channels=1, sample_format="fltp")
    with pytest.raises(AudioError, match="truncated"):
        load_audio(_truncate(full, tmp_path / "cut.mp3"))


def test_voice_activity(fixture_entries):
    assert speech_segments(load_audio(FIXTURES / "silence.wav")) == []
    assert speech_segments(load_audio(FIXTURES / "noise_only.wav")) == []
    segments = speech_segments(load_audio(FIXTURES / "difficult_customer_pauses.wav"))
    assert segments[0].start == pytest.approx(1.5, abs=0.3)
    gaps = [b.start - a.end for a, b in zip(segments, segments[1:])]
    assert sum(g > 2.5 for g in gaps) == 2
    assert speech_segments(np.zeros(0, np.float32)) == []
