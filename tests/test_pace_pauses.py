import pytest

from mock_interviewer.analysis.pace import measure_pace
from mock_interviewer.analysis.pauses import find_pauses
from mock_interviewer.analysis.tokens import tokenize

TEXT = " ".join(["word"] * 60)


@pytest.mark.parametrize("wps, verdict", [(1.5, "slow"), (2.3, "good"), (3.2, "fast")])
def test_pace_verdict(words, wps, verdict):
    report = measure_pace(tokenize(words(TEXT, wps=wps)))
    assert report.verdict == verdict
    # 60 words over 59 steps plus the last word: close to wps * 60.
    assert report.wpm == pytest.approx(wps * 60, rel=0.03)


def test_pace_ignores_silence_before_the_answer(words):
    report = measure_pace(tokenize(words(TEXT, start=5.0, wps=2.5)))
    assert report.wpm == pytest.approx(150, rel=0.03)


def test_articulation_rate_leaves_out_pauses(words):
    report = measure_pace(tokenize(words(TEXT, wps=2.5, gaps={20: 6.0, 40: 6.0})))
    assert report.wpm < 120  # 12 s of pauses in 36 s
    assert report.articulation_wpm == pytest.approx(150, rel=0.03)  # the pace between pauses


def test_pace_over_time_shows_rushing(words):
    slow = words(" ".join(["slow"] * 20), wps=2.0)
    fast = words(" ".join(["fast"] * 40), start=slow[-1].end + 0.1, wps=4.0)
    report = measure_pace(tokenize(slow + fast))
    rates = [w.wpm for w in report.over_time]
    assert rates[0] == pytest.approx(120, rel=0.1)
    assert rates[-1] == pytest.approx(240, rel=0.1)


def test_hesitations_are_not_counted_as_words(words):
    with_um = measure_pace(tokenize(words("um " * 10 + TEXT, wps=2.5)))
    assert with_um.word_count == 60


@pytest.mark.parametrize("text", ["", "yes", "one two three four"])
def test_too_little_speech_gives_no_verdict(words, text):
    report = measure_pace(tokenize(words(text)))
    assert report.verdict is None and report.wpm is None


def test_long_pauses_and_time_to_first_word(words):
    report = find_pauses(tokenize(words(TEXT, start=1.5, wps=2.5, gaps={10: 3.0, 30: 1.0})))
    assert report.first_word_s == 1.5
    assert len(report.long) == 1
    assert report.long[0].duration_s == pytest.approx(3.04, abs=0.01)
    assert report.long[0].start == pytest.approx(1.5 + 9 * 0.4 + 0.36, abs=0.01)


def test_pause_threshold_is_configurable(words):
    tokens = tokenize(words(TEXT, wps=2.5, gaps={10: 3.0, 30: 1.0}))
    assert len(find_pauses(tokens, min_pause_s=1.0).long) == 2
    with pytest.raises(ValueError, match="min_pause_s=0 must be a positive"):
        find_pauses(tokens, min_pause_s=0)


def test_no_words_no_pauses():
    report = find_pauses([])
    assert report.long == [] and report.first_word_s is None


def test_pauses_come_from_voice_activity_when_whisper_stretches_words(words):
    from mock_interviewer.audio import SpeechSegment

    # Whisper stretched word 4 back over most of a 3.4 s silence (faster-whisper #125).
    w = words("one two three four five six seven eight", start=1.5, wps=2.5)
    for i in range(4, 8):
        w[i].start += 3.4
        w[i].end += 3.4
    w[4].start -= 2.0  # the stretched word
    speech = [SpeechSegment(1.5, 3.1), SpeechSegment(6.5, 8.5)]
    by_words = find_pauses(tokenize(w))
    assert by_words.long == []  # the word gap shrank to 1.4 s
    report = find_pauses(tokenize(w), speech=speech)
    assert [(p.start, p.duration_s) for p in report.long] == [(3.1, 3.4)]
    assert report.first_word_s == 1.5


def test_a_voice_activity_gap_with_a_recognised_word_is_not_a_pause(words):
    from mock_interviewer.audio import SpeechSegment

    w = words("we fixed it quickly", start=0.0, wps=0.4)  # words 2.5 s apart
    speech = [SpeechSegment(0.0, 2.2), SpeechSegment(7.5, 9.8)]  # VAD missed word 3
    report = find_pauses(tokenize(w), speech=speech)
    assert report.long == []


def test_articulation_rate_uses_voice_activity_over_stretched_words(words):
    from mock_interviewer.audio import SpeechSegment

    # Whisper stretched the word before each pause over it: no gap between the words...
    stretched = words(TEXT, wps=2.5)
    for i in (19, 39):
        stretched[i].end = stretched[i + 1].start - 0.01
    # ...but the voice activity has 3 s of silence in two places (and short gaps that count
    # as speech).
    speech = [SpeechSegment(0.0, 4.0), SpeechSegment(4.1, 7.6), SpeechSegment(10.6, 15.6),
              SpeechSegment(18.6, 24.0)]
    by_words = measure_pace(tokenize(stretched))
    by_voice = measure_pace(tokenize(stretched), speech=speech)
    assert by_words.articulation_time_s == pytest.approx(by_words.speaking_time_s)
    assert by_voice.articulation_time_s == pytest.approx(by_words.speaking_time_s - 6.0, abs=0.05)
    assert by_voice.articulation_wpm > by_words.articulation_wpm


def test_the_rushed_stretch_is_named(words):
    from mock_interviewer.analysis.pace import fastest_window

    even = measure_pace(tokenize(words(TEXT, wps=2.3)))
    assert fastest_window(even) is None
    slow = words(" ".join(["slow"] * 40), wps=2.0)
    fast = words(" ".join(["fast"] * 30), start=slow[-1].end + 0.1, wps=3.5)
    rushed = fastest_window(measure_pace(tokenize(slow + fast)))
    assert rushed is not None and rushed.wpm > 160 and rushed.start >= 19.0


def test_a_rushed_stretch_gets_a_tip_after_the_more_important_ones(bank, words):
    from mock_interviewer.analysis import analyze_answer
    from mock_interviewer.transcribe import Transcript

    slow = words(" ".join(["word"] * 40), wps=2.0)
    fast = words(" ".join(["word"] * 30), start=slow[-1].end + 0.1, wps=3.5)
    q = bank.get("tell-me-about-yourself")
    report = analyze_answer(Transcript("", slow + fast, 30.0), q, bank=bank)
    assert report.pace.verdict == "good"
    assert any(t.startswith("You sped up to") for t in report.tips)
