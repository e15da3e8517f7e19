import pytest

from mock_interviewer.analysis.coverage import measure_coverage
from mock_interviewer.analysis.star import detect_star
from mock_interviewer.analysis.tokens import tokenize


def covered(bank, make_words, text, point_ids):
    points = [bank.talking_points[p] for p in point_ids]
    return measure_coverage(tokenize(make_words(text)), points)


@pytest.mark.parametrize(
    "text, point",
    [
        ("I try to keep my cool when people shout.", "stay-calm"),
        ("I remained calm.", "stay-calm"),
        ("I would loop in my manager.", "escalate"),
        ("I put myself in their shoes.", "empathy"),
        ("I empathised with her.", "empathy"),
        ("I was empathetic.", "empathy"),
        ("I listened carefully to the caller.", "active-listening"),
        ("I apologised straight away.", "apologize"),
        ("I always prioritise the urgent tickets.", "prioritize"),
        ("I hear them out first.", "active-listening"),
        ("I went the extra mile.", "exceed-expectations"),
    ],
)
def test_paraphrases_and_inflections_cover_a_point(bank, words, text, point):
    assert covered(bank, words, text, [point]).covered == [point]


@pytest.mark.parametrize(
    "text, point",
    [
        ("I shouted back at them.", "stay-calm"),
        ("I told them to go away.", "empathy"),
        ("It was their problem.", "escalate"),
    ],
)
def test_unrelated_answers_do_not_cover_a_point(bank, words, text, point):
    assert covered(bank, words, text, [point]).missing == [point]


def test_score_and_evidence(bank, words):
    question = bank.get("irate-customer")
    text = "I would stay calm, listen to them, and say sorry. Then I would call my supervisor."
    report = measure_coverage(tokenize(words(text)), question.talking_points)
    assert report.covered == ["stay-calm", "active-listening", "apologize", "escalate"]
    assert report.missing == ["empathy", "ask-questions", "company-policy"]
    assert report.score == pytest.approx(4 / 7, abs=0.001)
    calm = report.points[0]
    assert calm.said == "calm" and calm.start == pytest.approx(1.2)


def test_question_without_points_scores_zero(words):
    report = measure_coverage(tokenize(words("anything")), [])
    assert report.score == 0.0 and report.covered == [] and report.missing == []


def test_star_full(words):
    text = ("Last year a customer called about a late order. I had to get it to her by Friday. "
            "I contacted the warehouse and arranged express shipping. In the end she thanked me.")
    star = detect_star(tokenize(words(text)))
    assert (star.situation, star.task, star.action, star.result) == (True, True, True, True)
    assert star.missing == []


def test_star_without_task_and_result(words):
    text = "One day a customer wanted a gift. I immediately wrapped a box of pastries."
    star = detect_star(tokenize(words(text)))
    assert (star.situation, star.task, star.action, star.result) == (True, False, True, False)


def test_star_on_an_opinion_answer(words):
    star = detect_star(tokenize(words("Good service is important for every business.")))
    assert star.missing == ["situation", "task", "action", "result"]


def test_repeating_the_question_does_not_cover_its_points(bank, words):
    q = bank.get("company-values")
    echo = tokenize(words("customer service values are important, our values matter"))
    report = measure_coverage(echo, q.talking_points, question=q.text)
    assert "company-values" not in report.covered
    real = tokenize(words("I read that your values put the customer first"))
    report = measure_coverage(real, q.talking_points, question=q.text)
    assert "company-values" in report.covered


@pytest.mark.parametrize("text, point", [
    ("I keep my cool when people shout", "stay-calm"),
    ("I would loop in my manager", "escalate"),
    ("I put myself in their shoes", "empathy"),
])
def test_the_issue_paraphrases(bank, words, text, point):
    q = next(q for q in bank.questions if point in [p.id for p in q.talking_points])
    assert point in measure_coverage(tokenize(words(text)), q.talking_points, question=q.text).covered


@pytest.mark.parametrize("text, point", [
    ("I stay relaxed when someone shouts", "stay-calm"),
    ("If I cannot help I bring in my boss", "escalate"),
    ("I ask a couple of questions first", "ask-questions"),
    ("I tell them I regret the trouble", "apologize"),
])
def test_synonyms_of_bank_words_cover_the_point(bank, words, text, point):
    q = bank.get("irate-customer")
    assert point in measure_coverage(tokenize(words(text)), q.talking_points, question=q.text).covered


def test_synonyms_are_not_looser_than_the_words_they_stand_for(bank, words):
    # "cool" and "position" were left out of the table: their other senses are common.
    q = bank.get("irate-customer")
    for text in ("The shop had a cool logo", "I was in a good position to apply"):
        assert measure_coverage(tokenize(words(text)), q.talking_points, question=q.text).covered == []
