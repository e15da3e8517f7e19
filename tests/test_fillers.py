import pytest

from mock_interviewer.analysis.fillers import find_fillers
from mock_interviewer.analysis.tokens import tokenize


def fillers(make_words, text, **kw):
    return find_fillers(tokenize(make_words(text)), speaking_time_s=kw.get("speaking_time_s", 60.0))


@pytest.mark.parametrize(
    "text, expected",
    [
        ("I like working with people.", {}),
        ("I would like to help.", {}),
        ("It looks like a billing error.", {}),
        ("And, like, the customer was upset.", {"like": 1}),
        ("It was, like, really busy.", {"like": 1}),
        ("Um, I think, uh, that is right.", {"um": 1, "uh": 1}),
        ("Umm, uhm, erm, hmm.", {"um": 2, "er": 1, "hmm": 1}),
        ("You know, I stayed calm.", {"you know": 1}),
        ("I stayed calm, you know, and listened.", {"you know": 1}),
        ("Do you know the product?", {}),
        ("If you know the answer, say it.", {}),
        ("I mean, it was a hard day.", {"i mean": 1}),
        ("What I mean is that I listen.", {}),
        ("So, I called the warehouse.", {"so": 1}),
        ("So I called the warehouse.", {"so": 1}),
        ("I called so that they knew.", {}),
        ("It was so busy.", {}),
        ("I think so.", {}),
        ("I hope so, yes.", {}),
        ("And so, my fellow Americans, ask not.", {}),
        ("We had so many calls, and so on.", {}),
        ("It was late, so, I called them.", {"so": 1}),
        ("Yeah, so tonight it works.", {"so": 1}),
        ("What kind of product was it?", {}),
        ("It was kind of hard.", {"kind of": 1}),
        ("I sort of knew.", {"sort of": 1}),
        ("Basically, we fixed it.", {"basically": 1}),
        ("It basically means listening.", {}),
        ("I actually enjoy it.", {}),
        ("Actually, I enjoy it.", {"actually": 1}),
    ],
)
def test_fillers_only_when_used_as_fillers(words, text, expected):
    assert fillers(words, text).counts == expected


def test_filler_items_have_times_and_rates(words):
    report = fillers(words, "Um, I listen, uh, to every customer, um, carefully.", speaking_time_s=30.0)
    assert report.total == 3
    assert report.counts == {"um": 2, "uh": 1}
    assert [i.text for i in report.items] == ["um", "uh", "um"]
    assert report.items[1].start == pytest.approx(1.2)  # the 4th word at 2.5 words/s
    assert report.per_minute == 6.0
    assert report.per_100_words == pytest.approx(100 * 3 / 6, abs=0.01)


def test_no_words_no_fillers(words):
    report = find_fillers([], speaking_time_s=0.0)
    assert report.total == 0 and report.per_minute == 0.0 and report.counts == {}
