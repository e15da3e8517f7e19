#!/usr/bin/env python3
"""Make the recorded answers in ``audio_fixtures/`` from scripts, reproducibly.

Each answer is spoken by espeak-ng (``apt-get install espeak-ng``) from a known script,
resampled to 16 kHz mono, assembled with exact silences, optionally mixed with seeded
pink noise, and written as 16-bit WAV. ``manifest.json`` records what each file contains:
the script, its fillers, the pace band, the pauses, the talking points it covers and STAR
parts, so tests and benchmarks can check the analysis against the truth by construction.

Usage: python scripts/make_fixtures.py [--out audio_fixtures]
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mock_interviewer.audio import SAMPLE_RATE, load_audio, write_wav  # noqa: E402

PEAK = 10 ** (-3 / 20)  # normalise speech to -3 dBFS peak
HESITATION_WORDS = {"um", "uh", "umm", "uhm", "er", "erm", "ah", "hmm"}

GOOD_SERVICE = (
    "Good customer service means I listen carefully to what the customer needs, and I show "
    "empathy so they feel understood. It means responding quickly and keeping them updated. "
    "And it means going above and beyond, doing a little more than they expected. When "
    "customers feel heard and helped, they leave satisfied and they come back. I like "
    "helping people, and that is what good service is about."
)
GOOD_SERVICE_FILLERS = (
    "Um, good customer service means I listen carefully to what the customer needs, and, uh, "
    "I show empathy so they feel understood. It means, like, responding quickly and keeping "
    "them updated. Um, and it means going above and beyond, you know, doing a little more "
    "than they expected. When customers feel heard and, uh, helped, they leave satisfied and "
    "they come back. I like helping people, and, um, that is what good service is about."
)
ABOUT_ME = (
    "I have worked in retail for five years, first as a cashier and then as a shift lead. "
    "I am good at explaining things clearly, and I enjoy solving problems for customers. "
    "I am passionate about helping people, and I want to bring that experience to your team."
)
ABOUT_ME_POINTS = ["relevant-experience", "communication-skills", "problem-solving",
                   "passion-for-helping"]

# Each fixture: file name, question id, voice, espeak rate, parts (text or a pause in
# seconds), and what the analysis should find.
FIXTURES = [
    {
        "file": "good_service_strong.wav",
        "question": "good-customer-service",
        "description": "strong answer covering every talking point, no fillers",
        "voice": "en-us", "rate": 135, "parts": [GOOD_SERVICE],
        "expected": {"pace": "good", "fillers": {},
                     "covered": ["active-listening", "empathy", "responsiveness",
                                 "exceed-expectations", "customer-satisfaction"]},
    },
    {
        "file": "good_service_fillers.wav",
        "question": "good-customer-service",
        "description": "the strong answer again, dense with fillers",
        "voice": "en-us", "rate": 150, "parts": [GOOD_SERVICE_FILLERS],
        "clean_script": GOOD_SERVICE,
        "expected": {"pace": "good", "fillers": {"um": 3, "uh": 2, "like": 1, "you know": 1},
                     "covered": ["active-listening", "empathy", "responsiveness",
                                 "exceed-expectations", "customer-satisfaction"]},
    },
    {
        "file": "good_service_weak.wav",
        "question": "good-customer-service",
        "description": "weak answer to the same question: vague, no talking points",
        "voice": "en-us+f3", "rate": 125,
        "parts": ["Good customer service is when the company gives people what they paid for. "
                  "It is important for the business. Every company needs good customer "
                  "service to do well."],
        "expected": {"pace": "good", "fillers": {}, "covered": []},
    },
    {
        "file": "about_me_slow.wav",
        "question": "tell-me-about-yourself",
        "description": "slow delivery",
        "voice": "en-us", "rate": 80, "parts": [ABOUT_ME],
        "expected": {"pace": "slow", "fillers": {}, "covered": ABOUT_ME_POINTS},
    },
    {
        "file": "about_me_normal.wav",
        "question": "tell-me-about-yourself",
        "description": "normal delivery",
        "voice": "en-us", "rate": 122, "parts": [ABOUT_ME],
        "expected": {"pace": "good", "fillers": {}, "covered": ABOUT_ME_POINTS},
    },
    {
        "file": "about_me_fast.wav",
        "question": "tell-me-about-yourself",
        "description": "fast delivery",
        "voice": "en-us", "rate": 230, "parts": [ABOUT_ME],
        "expected": {"pace": "fast", "fillers": {}, "covered": ABOUT_ME_POINTS},
    },
    {
        "file": "difficult_customer_pauses.wav",
        "question": "difficult-customer",
        "description": "a full STAR answer with a late start and two long pauses",
        "voice": "en-gb", "rate": 150,
        "parts": [
            1.5,
            "Last year a customer called because his order was late, and he was very angry.",
            3.0,
            "I needed to calm him down and get his order to him. I stayed calm and let him "
            "explain the whole problem without interrupting.",
            4.0,
            "Then I checked the tracking and found a faster delivery within our policy to "
            "solve it. In the end he thanked me.",
        ],
        "expected": {"pace": None, "fillers": {},
                     "covered": ["specific-example", "stay-calm", "active-listening",
                                 "find-solution", "company-policy"],
                     "star": {"situation": True, "task": True, "action": True, "result": True}},
    },
    {
        "file": "irate_customer_noisy.wav",
        "question": "irate-customer",
        "description": "a strong scenario answer over background noise (pink, 10 dB SNR)",
        "voice": "en-us+m3", "rate": 122, "noise_snr_db": 10.0,
        "parts": [
            "First I would stay calm and listen to the customer without interrupting. I would "
            "apologize for the trouble and tell them I understand how frustrating it is. Then I "
            "would ask a few questions to understand the problem, and offer a solution that "
            "fits our company policy. If I could not solve it myself, I would bring in my "
            "supervisor."
        ],
        "expected": {"pace": "good", "fillers": {},
                     "covered": ["stay-calm", "active-listening", "empathy", "apologize",
                                 "ask-questions", "company-policy", "escalate"]},
    },
    {
        "file": "high_quality_star.wav",
        "question": "high-quality-service",
        "description": "a behavioral answer with all four STAR parts",
        "voice": "en-us+f2", "rate": 120,
        "parts": [
            "Last year, at the phone store where I worked, a customer came in upset because her new "
            "phone would not turn on before a trip. I had to get her a working phone the same "
            "day. I listened to her, apologized, and checked the stock system. I found a "
            "replacement at another branch, had it sent over, and called her when it arrived. "
            "In the end she was really happy, thanked me, and became a loyal customer."
        ],
        "expected": {"pace": "good", "fillers": {},
                     "covered": ["specific-example", "active-listening", "positive-outcome"],
                     "star": {"situation": True, "task": True, "action": True, "result": True}},
    },
    {
        "file": "above_beyond_no_result.wav",
        "question": "above-and-beyond",
        "description": "a behavioral answer with a situation and actions but no task or result",
        "voice": "en-us", "rate": 110,
        "parts": [
            "One day a customer at our cafe wanted a birthday gift for her son. I walked to the "
            "bakery next door with her and packed a box of pastries with a handwritten card."
        ],
        "expected": {"pace": "good", "fillers": {}, "covered": ["specific-example"],
                     "star": {"situation": True, "task": False, "action": True, "result": False}},
    },
    {
        "file": "silence.wav",
        "question": "tell-me-about-yourself",
        "description": "six seconds of silence (a faint noise floor, -70 dBFS)",
        "parts": [6.0], "noise_floor_db": -70.0,
        "expected": {"speech": False},
    },
    {
        "file": "noise_only.wav",
        "question": "tell-me-about-yourself",
        "description": "six seconds of pink noise and no speech",
        "parts": [6.0], "noise_floor_db": -30.0,
        "expected": {"speech": False},
    },
]


def speak(text: str, voice: str, rate: int) -> np.ndarray:
    with tempfile.TemporaryDirectory() as tmp:
        wav = Path(tmp) / "tts.wav"
        subprocess.run(["espeak-ng", "-v", voice, "-s", str(rate), "-w", str(wav), text],
                       check=True)
        samples = load_audio(wav)
    return samples


def pink_noise(n: int, rng: np.random.Generator) -> np.ndarray:
    """Unit-RMS pink (1/f power) noise, shaped in the frequency domain."""
    spectrum = np.fft.rfft(rng.standard_normal(n))
    freqs = np.fft.rfftfreq(n)
    freqs[0] = freqs[1]
    noise = np.fft.irfft(spectrum / np.sqrt(freqs), n)
    return (noise / np.sqrt(np.mean(noise**2))).astype(np.float32)


def active_span(samples: np.ndarray, threshold: float = 0.02) -> tuple[float, float]:
    loud = np.flatnonzero(np.abs(samples) > threshold)
    if loud.size == 0:
        return 0.0, 0.0
    return loud[0] / SAMPLE_RATE, loud[-1] / SAMPLE_RATE


def words_of(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-z']+", text.lower())]


def build(fixture: dict, seed: int) -> tuple[np.ndarray, dict]:
    rng = np.random.default_rng(seed)
    pieces, pauses, t = [], [], 0.0
    speech_parts = []
    for part in fixture["parts"]:
        if isinstance(part, (int, float)):
            pieces.append(np.zeros(int(part * SAMPLE_RATE), dtype=np.float32))
            t += part
            continue
        speech = speak(part, fixture["voice"], fixture["rate"])
        speech = speech / max(1e-9, np.abs(speech).max()) * PEAK
        first, last = active_span(speech)
        speech_parts.append((t + first, t + last))
        pieces.append(speech.astype(np.float32))
        t += len(speech) / SAMPLE_RATE
    samples = np.concatenate(pieces) if pieces else np.zeros(0, np.float32)
    # True silences between spoken parts, measured on the clean signal.
    for (_, end), (start, _) in zip(speech_parts, speech_parts[1:]):
        pauses.append(round(start - end, 2))
    if "noise_snr_db" in fixture:
        voiced = samples[np.abs(samples) > 0.02]
        speech_rms = float(np.sqrt(np.mean(voiced**2)))
        noise_rms = speech_rms / 10 ** (fixture["noise_snr_db"] / 20)
        samples = samples + pink_noise(len(samples), rng) * noise_rms
    if "noise_floor_db" in fixture:
        samples = samples + pink_noise(len(samples), rng) * 10 ** (fixture["noise_floor_db"] / 20)
    samples = np.clip(samples, -1.0, 1.0).astype(np.float32)

    text = " ".join(p for p in fixture["parts"] if isinstance(p, str))
    words = [w for w in words_of(text) if w not in HESITATION_WORDS]
    expected = dict(fixture["expected"])
    entry = {k: fixture[k] for k in ("file", "question", "description")}
    entry["duration_s"] = round(len(samples) / SAMPLE_RATE, 2)
    entry["script"] = text
    if speech_parts:
        span = speech_parts[-1][1] - speech_parts[0][0]
        entry.update({
            "voice": fixture["voice"], "espeak_rate": fixture["rate"],
            "clean_script": fixture.get("clean_script", text),
            "word_count": len(words),
            "first_word_s": round(speech_parts[0][0], 2),
            "speech_span_s": round(span, 2),
            "wpm": round(60 * len(words) / span, 1),
            "long_pauses_s": [p for p in pauses if p >= 2.0],
        })
    for key in ("noise_snr_db", "noise_floor_db"):
        if key in fixture:
            entry[key] = fixture[key]
    expected.setdefault("speech", True)
    entry["expected"] = expected
    return samples, entry


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "audio_fixtures"))
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    version = subprocess.run(["espeak-ng", "--version"], capture_output=True, text=True,
                             check=True).stdout.strip()
    entries = []
    for seed, fixture in enumerate(FIXTURES):
        samples, entry = build(fixture, seed)
        write_wav(out / fixture["file"], samples)
        entries.append(entry)
        print(f"{fixture['file']}: {entry['duration_s']} s", file=sys.stderr)
    manifest = {
        "version": 1,
        "generator": "scripts/make_fixtures.py",
        "tts": version,
        "sample_rate": SAMPLE_RATE,
        "fixtures": entries,
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
