import json
from contextlib import nullcontext

import pytest

from mock_interviewer.bank import CATEGORIES, default_bank_path, load_bank
from mock_interviewer.errors import BankError, UnknownQuestionError

# Every question in the two seed articles, as worded there.
SEED_QUESTIONS = [
    "Tell me about yourself.",
    "Why are you interested in working in customer service?",
    "What does good customer service mean to you?",
    "Describe a situation where you provided high-quality customer service.",
    "How do you handle difficult customers?",
    "Describe your experience with handling multiple customer inquiries simultaneously.",
    "How do you handle stress in a fast-paced customer service environment?",
    "Why should we hire you for this customer service position?",
    "Describe a time when you went above and beyond to assist a customer.",
    "How do you handle feedback or criticism from customers?",
    "What do you know about our company and our customer service values?",
    "How would you handle an irate customer who is dissatisfied with our product/service?",
    "What steps would you take to resolve a customer complaint about a billing error?",
    "How would you handle a situation where a customer is demanding a refund for a non-refundable item?",
    "Tell me about a time when you went above and beyond to assist a customer.",
    "Give me an example of a time when you had to handle a difficult customer and how you resolved the situation.",
    "Can you tell me about yourself?",
    "Why do you want to work in customer service?",
    "How do you handle a difficult customer?",
    "Can you describe a time when you went above and beyond for a customer?",
    "How do you stay organized?",
    "How do you handle stress?",
    "What are your strengths and weaknesses?",
    "How do you ensure clear communication with a customer?",
    "Where do you see yourself in five years?",
]


def test_every_seed_question_is_in_the_bank(bank):
    for text in SEED_QUESTIONS:
        assert bank.get(text).text


def test_bank_merges_questions_that_ask_the_same_thing(bank):
    assert len(bank) == 18
    assert bank.get("How do you handle stress?") is bank.get("handle-stress")
    assert bank.get("Can you tell me about yourself?").id == "tell-me-about-yourself"


def test_every_category_has_questions_and_advice(bank):
    for category in CATEGORIES:
        assert bank.by_category(category)
        assert bank.categories[category]["advice"]
    assert set(bank.star) == {"situation", "task", "action", "result"}
    assert len(bank.tips) == 5


def test_questions_carry_advice_points_and_the_seed_examples(bank):
    for question in bank:
        assert question.advice and question.talking_points
        for point in question.talking_points:
            assert point.phrases
    with_examples = {q.id for q in bank if q.example_answer}
    assert with_examples == {"tell-me-about-yourself", "irate-customer", "high-quality-service"}


@pytest.mark.parametrize("key", ["GOOD-CUSTOMER-SERVICE", "what does good customer service mean to you",
                                 "  What does good customer service mean to you?  "])
def test_lookup_ignores_case_and_punctuation(bank, key):
    assert bank.get(key).id == "good-customer-service"


def test_unknown_question_names_it(bank):
    with pytest.raises(UnknownQuestionError, match="'What is your favourite colour\\?'"):
        bank.get("What is your favourite colour?")


def test_shipped_bank_is_the_repository_bank():
    from pathlib import Path

    root = Path(__file__).resolve().parents[1] / "question_bank.json"
    assert json.loads(default_bank_path().read_text()) == json.loads(root.read_text())


def _bank(**changes):
    raw = json.loads(default_bank_path().read_text())
    for key, value in changes.items():
        raw[key] = value
    return raw


def _question(**changes):
    raw = _bank()
    raw["questions"][0].update(changes)
    return raw


@pytest.mark.parametrize(
    "content, expectation",
    [
        (_bank(), nullcontext()),
        ("{not json", pytest.raises(BankError, match="is not valid JSON")),
        (_bank(questions=[]), pytest.raises(BankError, match="questions: expected a non-empty list")),
        (_question(category="casual"), pytest.raises(
            BankError, match="question 'tell-me-about-yourself': category 'casual' is not one of")),
        (_question(talking_points=["mind-reading"]), pytest.raises(
            BankError, match="talking point 'mind-reading' is not defined")),
        (_question(advice=[]), pytest.raises(BankError, match="'advice' must not be empty")),
        (_question(id="Tell Me"), pytest.raises(BankError, match="id must be lower-case")),
        (_question(text=""), pytest.raises(BankError, match="'text' must be a non-empty string")),
        (_question(id="why-customer-service"), pytest.raises(BankError, match="id is used twice")),
        (_bank(schema_version=7), pytest.raises(BankError, match="7 is not supported")),
    ],
)
def test_bank_validation(tmp_path, content, expectation):
    path = tmp_path / "bank.json"
    path.write_text(content if isinstance(content, str) else json.dumps(content))
    with expectation as raised:
        load_bank(path)
    if raised is not None:
        assert str(path) in str(raised.value)


def test_missing_bank_file(tmp_path):
    with pytest.raises(BankError, match="does not exist"):
        load_bank(tmp_path / "nope.json")
