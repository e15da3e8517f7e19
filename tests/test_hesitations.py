"""The rule that takes um/uh from a primed decode into the transcript (no model needed)."""

from mock_interviewer.audio import SpeechSegment
from mock_interviewer.transcribe import Word, inserted_hesitations


def timed(text: str, start: float = 0.0, step: float = 0.4) -> list[Word]:
    return [Word(t, round(start + i * step, 3), round(start + i * step + 0.3, 3))
            for i, t in enumerate(text.split())]


VOICE = [SpeechSegment(0.0, 10.0)]


def texts(additions):
    return [(w.text, w.start) for _, w in additions]


def test_an_insertion_between_agreeing_words_is_taken():
    first = timed("so tonight the Guinness")
    primed = timed("so uh tonight the Guinness")
    assert texts(inserted_hesitations(first, primed, VOICE)) == [("uh,", 0.4)]


def test_spellings_become_one_kind_and_hmm_is_not_taken():
    first = timed("I think we should go")
    primed = timed("Umm, I think, hmm, we should, uhh, go")
    assert texts(inserted_hesitations(first, primed, VOICE)) == [("um,", 0.0), ("uh,", 2.4)]


def test_a_word_written_as_uh_is_not_a_hesitation():
    # "have a plan" vs "have uh plan": the primed decode replaced a word, it added nothing.
    assert inserted_hesitations(timed("we have a plan"), timed("we have uh plan"), VOICE) == []


def test_a_hesitation_where_the_decodes_disagree_is_left_out():
    first = timed("that's the tape recorder there")
    primed = timed("that's the uh hippie cord there")
    assert inserted_hesitations(first, primed, VOICE) == []


def test_one_on_silence_is_left_out():
    first = timed("I listened carefully")
    primed = [Word("I", 0.0, 0.3), Word("um", 1.0, 1.4), Word("listened", 2.0, 2.4),
              Word("carefully", 2.5, 3.0)]
    speech = [SpeechSegment(0.0, 0.35), SpeechSegment(1.95, 3.0)]
    assert inserted_hesitations(first, primed, speech) == []
    speech.append(SpeechSegment(1.0, 1.3))
    assert texts(inserted_hesitations(first, primed, speech)) == [("um,", 1.0)]


def test_one_the_first_decode_already_has_is_not_added_twice():
    first = timed("so um tonight the")
    primed = timed("so uh tonight the", start=0.1)
    assert inserted_hesitations(first, primed, VOICE) == []


def test_before_the_first_and_after_the_last_word():
    first = timed("I stayed calm", start=1.0)
    primed = timed("um I stayed calm uh", start=0.6)
    assert texts(inserted_hesitations(first, primed, VOICE)) == [("um,", 0.6), ("uh,", 2.2)]


def test_no_words_in_either_decode():
    assert inserted_hesitations([], [], VOICE) == []
    assert texts(inserted_hesitations([], timed("um"), VOICE)) == [("um,", 0.0)]


def test_a_hesitation_without_duration_is_looked_for_around_its_time():
    # tiny.en's alignment gives some words no duration.
    first = [Word("and", 5.92, 5.96), Word("I", 5.96, 6.32)]
    primed = [Word("and,", 5.9, 6.0), Word("uh,", 6.14, 6.14), Word("I", 6.14, 6.3)]
    assert texts(inserted_hesitations(first, primed, [SpeechSegment(5.6, 8.4)])) == [("uh,", 6.14)]
    assert inserted_hesitations(first, primed, [SpeechSegment(5.6, 6.0)]) == []


def test_each_goes_before_the_word_that_follows_it():
    first = timed("so um tonight the Guinness")
    primed = timed("so um tonight uh the Guinness")
    primed[3] = Word("uh", 1.0, 1.1)  # the primed decode's time overlaps "the"
    assert [p for p, _ in inserted_hesitations(first, primed, VOICE)] == [3]


def test_the_transcript_keeps_the_spoken_order_and_gives_stretched_time_back():
    from mock_interviewer.transcribe import Transcriber

    class Model:
        def transcribe(self, samples, **kw):
            return [type("S", (), {"no_speech_prob": 0.0, "avg_logprob": -0.1, "text": "", "words": [
                type("W", (), {"word": t, "start": a, "end": b, "probability": 0.9})()
                for t, a, b in [("that", 6.5, 6.9), ("um,", 7.08, 7.32), ("the", 7.35, 7.5),
                                ("need", 7.5, 7.9)]]})()], None

    first = [Word("that", 6.5, 6.9), Word("the", 7.0, 7.5), Word("need", 7.5, 7.9)]
    out = Transcriber()._recover_hesitations(Model(), None, VOICE, first)
    assert [(w.text, w.start, w.end) for w in out] == [
        ("that", 6.5, 6.9), ("um,", 7.08, 7.32), ("the", 7.32, 7.5), ("need", 7.5, 7.9)]
    assert first[1].start == 7.0  # the caller's words are not changed
