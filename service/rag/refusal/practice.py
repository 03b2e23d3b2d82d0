"""Practice and format questions the texts never address: whether an application may be typed, filled in online
or must have so many characters. The regulations say what must be written and who approves it, never the medium
or the layout, so an answer quoting the article that names the document ("申请入党的人，要填写入党志愿书") does not
answer "入党志愿书能不能网上填电子版" (issue 11, item 5).
"""

from __future__ import annotations

import re

from service.rag.refusal.coverage import CLAUSE_RE, term_forms
from service.text.normalize import normalize_for_match

PRACTICE_MESSAGE = (
    "知识库收录的党章、党内法规和法律没有对“{term}”作出规定，无法据此作答。具体做法请向所在党组织了解。"
)


# The form and medium of a piece of writing or an act: handwriting, print, electronic and online submission,
# length and layout, the pen and paper. A closed class (not the words of any one question): a question asking
# about one of these asks a property only a text that names it can settle.
PRACTICE_WORDS = (
    "手写|手抄|亲笔|代写|代笔|涂改|打印|打字|电子版|电子档|电子文档|电子稿|网上|线上|在线|网络上|微信|邮件|邮箱|短信|视频|录音|录像|摄像|录制|转账|扫码|支付宝|二维码|学分|"
    "字数|篇幅|页数|格式|模板|范文|范本|字体|字号|排版|钢笔|铅笔|签字笔|圆珠笔|墨水|纸质|纸张|复印件|复印|扫描|拍照|照片"
)
# "要写多长" asks the length of a text (篇幅), however the question words it.
_LENGTH_RE = re.compile(r"写多长|写多少(?!字)|写几页")
_PRACTICE_RE = re.compile(PRACTICE_WORDS)


# The clause that asks: whether, must, may, what requirement, how many.
_ASKING_RE = re.compile(
    r"吗|呢|能不能|能否|可不可以|可否|要不要|需不需要|用不用|是不是|有没有|是否|必须|一定要|只能|可以|"
    r"什么要求|啥要求|要求|规定|多少|多长|几|怎么|如何|哪"
)


def unaddressed_practice(question: str, evidence: str) -> str | None:
    """The practice or format word (``PRACTICE_WORDS``: 手写, 电子版, 字数, 格式 …) that the asking clause of
    ``question`` names and ``evidence`` (the cited texts) never does, under any form (``coverage.term_forms``:
    网上 → 网络), else None.

    A word of the situation in another clause ("网上有人编段子恶搞英雄烈士，这违法吗") is not what is asked."""
    nq = normalize_for_match(question)
    norm = normalize_for_match(evidence)
    for clause in CLAUSE_RE.split(nq):
        if not _ASKING_RE.search(clause):
            continue
        words = [m.group() for m in _PRACTICE_RE.finditer(clause)]
        words += ["篇幅"] if _LENGTH_RE.search(clause) else []
        for word in words:
            if not any(form in norm for form in term_forms(word)):
                return word
    return None
