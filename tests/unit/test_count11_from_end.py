"""Picks counted from the end of a list ("倒数第二个", "倒数第三项"): ``refs.find_selection`` reads them as -N and
``refs.list_place`` turns a pick into an index (session 9, count11; probe10 p10-035). Before, "倒数第二种" was read as
the second item from the start."""

from __future__ import annotations

import pytest

from service.text.refs import find_selection, list_place


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("倒数第二个是哪个？", -2),
        ("倒数第三项呢", -3),
        ("那倒数第二种是什么", -2),
        ("最后一项呢？", -1),
        ("倒数第一条", -1),
        ("第二个是哪个", 2),
    ],
)
def test_selection_from_the_end(text: str, expected: int) -> None:
    selected = find_selection(text)
    assert selected is not None and selected[0] == expected


@pytest.mark.parametrize(
    ("k", "n", "expected"),
    [(1, 5, 0), (5, 5, 4), (6, 5, None), (-1, 5, 4), (-2, 5, 3), (-5, 5, 0), (-6, 5, None), (0, 5, None)],
)
def test_list_place(k: int, n: int, expected: int | None) -> None:
    assert list_place(k, n) == expected
