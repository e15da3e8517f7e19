"""mock-interviewer: an offline, voice-based mock interviewer for customer-service interviews.

The small public API: load the bank, load an answer, transcribe it, analyse it.
"""

__version__ = "0.1.0"

from mock_interviewer.errors import (
    AudioError,
    BankError,
    MockInterviewerError,
    ModelError,
    UnknownQuestionError,
)

__all__ = [
    "__version__",
    "MockInterviewerError",
    "BankError",
    "UnknownQuestionError",
    "AudioError",
    "ModelError",
    "load_bank",
    "load_audio",
    "Transcriber",
    "TranscribeOptions",
    "analyze_answer",
]


def __getattr__(name):
    # Lazy, so "mock-interviewer questions" never imports numpy or faster-whisper.
    if name == "load_bank":
        from mock_interviewer.bank import load_bank

        return load_bank
    if name == "load_audio":
        from mock_interviewer.audio import load_audio

        return load_audio
    if name in ("Transcriber", "TranscribeOptions"):
        from mock_interviewer import transcribe

        return getattr(transcribe, name)
    if name == "analyze_answer":
        from mock_interviewer.analysis import analyze_answer

        return analyze_answer
    raise AttributeError(f"module 'mock_interviewer' has no attribute {name!r}")
