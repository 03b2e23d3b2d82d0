"""Key terms and fixed formulations of Party study, grouped by kind.

Why a lexicon: numbers and enumerations are found by pattern, but "战斗堡垒" or "民主集中制" are key terms
only because trainers treat them so. Each group is one *kind*: a term's distractors come from its own group
(plus same-kind phrases found in the corpus), so a wrong option is plausible, never a random word.
Terms are only used where they occur in the source text; the lexicon never adds facts of its own.
"""

from __future__ import annotations

# Numbered formulations (提法): the number is part of the name, distractors are other numbered formulations.
FORMULATIONS: tuple[str, ...] = (
    "两个维护",
    "两个确立",
    "四个意识",
    "四个自信",
    "四个全面",
    "三会一课",
    "两学一做",
    "三严三实",
    "五位一体",
    "三个代表",
    "四项基本原则",
    "八项规定",
    "两个务必",
    "四个伟大",
    "两个覆盖",
    "三个区分开来",
    "四风",
    "五大工程",
    "两个一百年",
    "四个服从",
    "三重一大",
    "一岗双责",
    "两个责任",
    "四不两直",
    "两张皮",
)

TERM_GROUPS: dict[str, tuple[str, ...]] = {
    "role": ("战斗堡垒", "领导核心", "先锋队", "基础组织", "先锋战士", "骨干", "助手和后备军", "公仆"),
    "principle": ("民主集中制", "群众路线", "实事求是", "集体领导", "少数服从多数", "个别吸收", "德才兼备"),
    # Two groups, not one: 无记名投票 (how votes are cast) and 差额选举 (how many candidates) are not
    # alternatives to each other, so "以无记名投票办法进行预选" would be no false statement.
    "ballot": ("无记名投票", "举手表决", "记名投票"),
    "candidacy": ("差额选举", "等额选举"),
    "meeting": ("支部大会", "民主生活会", "组织生活会", "党员大会", "支部委员会会议"),
    # 巡视 (by the Central Committee and provincial committees) and 巡察 (by city and county committees)
    # are the classic pair; 问责/党内监督/双重领导 are other kinds of thing and never swapped for them.
    "inspection": ("巡视", "巡察"),
    "oversight": ("双重领导", "党内监督", "问责"),
    "standard": ("政治标准", "业务标准", "学历标准", "年龄标准"),
}


def term_kind(term: str) -> str | None:
    """The kind of a lexicon term, or None when the term is not in the lexicon."""
    if term in FORMULATIONS:
        return "formulation"
    for kind, terms in TERM_GROUPS.items():
        if term in terms:
            return kind
    return None


# Lists whose members are asked about in multiple choice: wrong options for a member come from its own
# group first (a discipline for a discipline), never from an unrelated list. Members not in the source list
# are wrong by the source even when they exist elsewhere in Party life (通报批评 is not a 纪律处分).
MEMBER_GROUPS: dict[str, tuple[str, ...]] = {
    "sanction": (
        "警告",
        "严重警告",
        "撤销党内职务",
        "留党察看",
        "开除党籍",
        "通报批评",
        "诫勉谈话",
        "停职检查",
        "责令辞职",
        "降职使用",
    ),
    "discipline": (
        "政治纪律",
        "组织纪律",
        "廉洁纪律",
        "群众纪律",
        "工作纪律",
        "生活纪律",
        "财经纪律",
        "保密纪律",
        "宣传纪律",
        "外事纪律",
    ),
    "awareness": (
        "政治意识",
        "大局意识",
        "核心意识",
        "看齐意识",
        "责任意识",
        "忧患意识",
        "法治意识",
        "创新意识",
    ),
    "theory": (
        "马克思列宁主义",
        "毛泽东思想",
        "邓小平理论",
        "“三个代表”重要思想",
        "科学发展观",
        "社会主义核心价值观",
        "中华优秀传统文化",
        "科学社会主义",
    ),
    "cadre": ("革命化", "年轻化", "知识化", "专业化", "制度化", "规范化", "国际化", "市场化"),
    "line": ("路线", "方针", "政策", "决议", "纲领", "章程", "规划", "法规"),
}


def member_group(members: list[str]) -> tuple[str, ...]:
    """The lexicon group that holds any of ``members`` (empty when none does)."""
    for group in MEMBER_GROUPS.values():
        if any(m in group for m in members):
            return group
    return ()
