"""The exceptions the program raises on bad input or a missing resource.

One root, ``MockInterviewerError``, so the CLI can turn every expected failure into one
line on stderr; anything else is a bug and keeps its traceback.
"""

__all__ = [
    "MockInterviewerError",
    "BankError",
    "UnknownQuestionError",
    "AudioError",
    "ModelError",
    "DeviceError",
    "SessionError",
]


class MockInterviewerError(Exception):
    """Root of the errors a user can cause and fix."""


class BankError(MockInterviewerError):
    """The question bank file is missing, not JSON, or has a malformed entry."""


class UnknownQuestionError(MockInterviewerError):
    """A question id or text that is not in the bank."""


class AudioError(MockInterviewerError):
    """An answer file that is missing, empty, truncated or not audio."""


class ModelError(MockInterviewerError):
    """A speech model that cannot be found, verified, downloaded or loaded."""


class DeviceError(MockInterviewerError):
    """A microphone, speaker, audio library (PortAudio) or speech engine that is not there."""


class SessionError(MockInterviewerError):
    """A saved session that does not exist, or whose session.json is old, foreign or damaged."""
