"""The one assertion of the API's error shape: ``{"error": {"code", "message", "status"}}`` with the real status.

Every test of an error answer uses ``assert_error`` (issue 10: it was written once per test module).
"""

from __future__ import annotations

from typing import Any


def assert_error(res: Any, status: int, code: str) -> dict[str, Any]:
    """Check a response is exactly our error body with ``status`` and ``code``; returns the ``error`` object."""
    assert res.status_code == status, res.text
    body = res.json()
    assert set(body) == {"error"}, body
    err: dict[str, Any] = body["error"]
    assert err["code"] == code, err
    assert err["status"] == status, err
    assert isinstance(err["message"], str) and any("\u4e00" <= ch <= "\u9fff" for ch in err["message"]), err
    return err
