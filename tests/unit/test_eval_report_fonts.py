"""Charts in eval reports label their axes in Chinese: a CJK font must be used, not DejaVu's empty boxes."""

from __future__ import annotations

import io
import warnings

import pytest

from service.evals.report import _CJK_FONTS, _plt


def test_chinese_labels_render_with_a_cjk_font() -> None:
    from matplotlib import font_manager

    plt = _plt()
    if not any(f.name in _CJK_FONTS for f in font_manager.fontManager.ttflist):
        pytest.skip("no CJK font installed (make setup installs fonts-wqy-microhei)")
    fig, ax = plt.subplots()
    ax.set_title("党章 召回率")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph … missing from font(s) DejaVu Sans" would fail here
        fig.savefig(io.BytesIO(), format="png")
    plt.close(fig)
