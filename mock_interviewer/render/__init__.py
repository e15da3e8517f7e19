"""Reports for people (plain text) and programs (JSON)."""

from mock_interviewer.render.json import report_to_json
from mock_interviewer.render.text import render_questions, render_report

__all__ = ["report_to_json", "render_report", "render_questions"]
