"""Umbrella topics: names members use for a group of rules that the regulation texts never write.

"违反中央八项规定精神方面有什么变化" is about 收送礼品礼金、公款吃喝、公款旅游、公车、办公用房 … in the
纪律处分条例, yet the only article naming 八项规定 is 第七条 (a general statement that stays the same).
A comparison that looked for the words of the question alone would answer "未变" while the articles on
the topic changed (member trial, item 16). Each entry here maps such a name to the phrases the articles
use, so ``service.versions.facts`` gathers every article of the topic.

Sources of the phrase lists:
- 中央八项规定精神: the categories of the 中央纪委国家监委 monthly statistics of 违反中央八项规定精神问题
  (享乐主义、奢靡之风: 违规收送名贵特产和礼品礼金, 违规吃喝, 违规操办婚丧喜庆, 违规发放津补贴或福利,
  公款旅游以及违规接受管理和服务对象等旅游活动安排, 违规配备使用公务用车, 楼堂馆所违规问题, 提供或接受
  超标准接待, 违规出入私人会所; 形式主义、官僚主义) and the eight rules themselves (精简会议活动 …);
  the phrases are those the 纪律处分条例 uses for them (礼品、礼金, 宴请, 公务交通工具 …).
- 四风: 形式主义、官僚主义、享乐主义、奢靡之风 (党的群众路线教育实践活动), same phrase list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from service.text.normalize import normalize_for_match


@dataclass(frozen=True)
class UmbrellaTopic:
    name: str
    names: tuple[str, ...]  # how questions name it (normalised match, longest first)
    phrases: tuple[str, ...]  # what the articles on it say


_STYLE = (
    "礼品",
    "礼金",
    "消费卡",
    "宴请",
    "公款旅游",
    "婚丧喜庆",
    "滥发津贴",
    "旅游",
    "接待",
    "公务交通工具",
    "公务用车",
    "办公用房",
    "楼堂馆所",
    "私人会所",
    "会员卡",
    "会议活动",
    "节会",
    "庆典",
    "评比达标表彰",
    "形式主义",
    "官僚主义",
)

TOPICS: tuple[UmbrellaTopic, ...] = (
    UmbrellaTopic(
        "中央八项规定精神",
        ("中央八项规定精神", "中央八项规定", "八项规定精神", "八项规定"),
        _STYLE,
    ),
    UmbrellaTopic("四风", ("四风", "享乐主义", "奢靡之风"), _STYLE),
)


def umbrella_topics(question: str) -> list[UmbrellaTopic]:
    """The umbrella topics ``question`` names (see the module docstring)."""
    q = re.sub(r"\s+", "", normalize_for_match(question))
    return [t for t in TOPICS if any(normalize_for_match(n) in q for n in t.names)]


def topic_names(topic: UmbrellaTopic) -> list[str]:
    """Every name of ``topic`` (normalised), for removing them from the question's own terms."""
    return [normalize_for_match(n) for n in (topic.name, *topic.names)]
