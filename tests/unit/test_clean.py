"""Web boilerplate removal, checked against every theory page shipped in knowledge/theory."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.config import REPO_ROOT
from service.ingest.clean import clean_web_text

THEORY = REPO_ROOT / "knowledge" / "theory"

# file → (debris that must be gone, content that must survive verbatim)
CASES: dict[str, tuple[list[str], list[str]]] = {
    "000_c01320608b954ea7.txt": (
        ["文︳", "郭建偉\n"],
        [
            "黨的二十大報告指出,要“增強黨組織政治功能和組織功能”",
            "核心要義是堅決做到“兩個維護”。",
            "切實減輕基層負擔。",
        ],
    ),
    "001_f3726381aa4f768d.txt": (
        ["您当前的位置", "中国甘肃网 >>", "16:33", "版权声明", "转载必须注明", "西北角", "中国甘肃网微信",
         "微博甘肃", "学习强国学习强国", "今日头条号", "分享到", "中共定西市委常委、安定区委书记"],
        [
            "深入实施“五大工程” 以高质量党建引领 谱写中国式现代化安定实践新篇章",
            "加强基层党组织建设事关党的执政根基、事关改革发展大局。",
            "严格落实“三会一课”、主题党日、民主评议党员等制度",
            "大力营造崇尚实干、注重实效、追求实绩的抓党建氛围。",
        ],
    ),
    "002_1162d67e87efd6bd.txt": (
        ["图①", "图②", "田如瑞摄", "姜峰摄", "版式设计", "本报记者", "\n①\n", "\n②"],
        [
            "基层党建创新不断取得新进展新成效",
            "走进甘肃省天水市秦州区杨家寺镇石马村,水泥路覆盖村巷",
            "商圈抓党建 联动促发展",
            "把党的组织优势巩固好、发展好、发挥好",
            "走好新时代的赶考路。",
        ],
    ),
    "003_ff33e07de1760da6.txt": (
        ["APP下载", "关键词", "北方建筑 2021年4期", "2021-12-02", "猜你喜欢", "清华党组织公开",
         "党员干部怎样用好微信群", "深刻把握全面从严治党的要求", "党委工作部 陈东瑜"],
        [
            "夯实基础狠抓落实推动全面从严治党向基层延伸",
            "(一)讲政治、守规矩,强化纪律意识",
            "基层是党的执政之基、力量之源。",
            "奋力夺取全面从严治党新的更大胜利。",
        ],
    ),
    "004_ed884bb225c803d2.txt": (
        ["首页>", "党建动态>", "择稿人员", "发布日期", "访问次数", "字体", "背景色", "相关新闻", "Baidu", "map"],
        [
            "扎实推进基层党建工作重点任务落实 增强基层党组织政治功能和组织力",
            "做好2020年基层党建工作,要认真学习贯彻习近平总书记关于加强基层党建的重要指示精神",
            "推进全面从严治党向基层延伸。",
        ],
    ),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(CASES))
def test_theory_pages_lose_debris_keep_content(name: str) -> None:
    debris, content = CASES[name]
    raw = (THEORY / name).read_text(encoding="utf-8")
    cleaned = clean_web_text(raw).text
    for piece in debris:
        assert piece not in cleaned, piece
    for sentence in content:
        assert sentence in cleaned, sentence


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_long_prose_line_survives(name: str) -> None:
    """No real content is lost: every line of 40+ characters with a full stop is kept verbatim."""
    raw = (THEORY / name).read_text(encoding="utf-8")
    cleaned = clean_web_text(raw).text
    for line in raw.splitlines():
        s = line.strip(" \u3000\u00a0")
        if len(s) >= 40 and "。" in s and "版权" not in s:
            assert s in cleaned, s[:30]


def test_metadata_learnt_from_dropped_lines() -> None:
    meta = clean_web_text((THEORY / "000_c01320608b954ea7.txt").read_text(encoding="utf-8")).metadata
    assert meta["author"] == "郭建偉"
    meta = clean_web_text((THEORY / "001_f3726381aa4f768d.txt").read_text(encoding="utf-8")).metadata
    assert meta["date"] == "2024-04-18"
    assert meta["source"] == "《党的建设》杂志"
    meta = clean_web_text((THEORY / "003_ff33e07de1760da6.txt").read_text(encoding="utf-8")).metadata
    assert meta["date"] == "2021-12-02"
    assert meta["keywords"] == "从严治党党员干部党组织"
    meta = clean_web_text((THEORY / "004_ed884bb225c803d2.txt").read_text(encoding="utf-8")).metadata
    assert meta["date"] == "2020-05-09"


def test_synthetic_boilerplate() -> None:
    page = "\n".join(
        [
            "首页 > 理论 > 正文",
            "文/张三",
            "党支部是党的基础组织，担负直接教育党员、管理党员、监督党员的职责。",
            "分享到：微信 微博 QQ空间",
            "图1 党员在学习",
            "（新华社记者 李四 摄）",
            "责任编辑：王五",
            "Copyright © 2024 某某网 版权所有",
            "相关阅读",
            "如何开好组织生活会",
            "三会一课怎么开",
        ]
    )
    cleaned = clean_web_text(page)
    assert cleaned.text == "党支部是党的基础组织，担负直接教育党员、管理党员、监督党员的职责。"
    assert cleaned.metadata["author"] == "张三"


def test_tail_marker_followed_by_prose_is_kept() -> None:
    """A heading "相关阅读" followed by real paragraphs is content, not a link list."""
    prose = "这是一段完整的正文内容，讲述基层党组织建设的具体做法和经验，内容较长并且以句号结尾。"
    page = "\n".join(["正文开始。", "相关阅读", prose, prose, prose])
    cleaned = clean_web_text(page).text
    assert cleaned.count(prose) == 3


def test_blank_lines_collapse(tmp_path: Path) -> None:
    assert clean_web_text("第一段。\n\n\n\n\n第二段。\n").text == "第一段。\n\n第二段。"
