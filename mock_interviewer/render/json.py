"""JSON output: one object per analysed answer (JSON Lines for several)."""

from __future__ import annotations

import json


def report_to_json(report, *, indent: int | None = None) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=indent)
