"""Question shapes: the one place for the patterns that read what a question asks (a quantity, its unit, a rate,
a frequency, a duration, a bound, a count, the act or object counted) and how it asks it. The refusal checks
(``asked_quantity``, ``quantities``, ``decision``, ``predicates``) import them from here; patterns that read the
evidence (a stated bound, a number) stay with the check that reads it.
"""

from __future__ import annotations

import re

# A rate or amount question needs a rate or an amount, not any number ("党费交纳标准是多少": 十八岁 is no rate).
RATE_QUESTION_RE = re.compile(
    r"比例|费率|比率|税率|多少钱|金额|几成|百分之几|标准(?:是|为)?多少|多少.{0,4}标准|按.{0,8}标准交"
)


# Money asked for without a rate word: "党费具体交多少", "退休党员的党费怎么算", "扣多少工资和奖金".
MONEY_RE = re.compile(r"党费|工资|薪水|薪酬|报酬|补贴|津贴|奖金|经费|费用|罚款|慰问金|补偿|赔偿|钱")


AMOUNT_ASK_RE = re.compile(
    r"多少|怎么算|怎样算|如何算|怎么计算|如何计算|怎么交|交几|几块|怎么定级|如何定级|什么级别|标准"
)


# Words of the ask, not of what is asked about: the name of a limit ("年龄有没有门槛") or a modal the segmenter glues
# to 满/够/到 ("要入党得满多少岁": 得满).
ASK_WORD_RE = re.compile(r"^(?:门槛|界限|限制|上限|下限|标准|要求)$|^[得要须需应能可][满够到]$")


BEFORE_ASK_FILLER_RE = re.compile(
    r"(?:是|为|有|要|能|得|的|在|一共|总共|共|大概|大约|至少|最多|最少|最长|最短|最久|最高|最低|上限|下限|至多|顶多|一般|到底|都)+$"
)


QUANTITY_ASK_RE = re.compile(r"多少|几|多久|多长|多大")


# 几 after a pronoun or demonstrative, or in 好几, counts nothing the question asks: "我们几个同乡搞了个老乡会，
# 有问题吗", "这几年", "好几个月没交党费" describe the situation (issue 11, item 5).
DETERMINER_RE = re.compile(r"(?:我们|你们|他们|她们|咱们|这|那|好)几(?=[个位名年天月次])")

# 几 after a verb's 了 or 过 ("多留了几天", "迟到过几次") tells how long or how often the member's act went on when the
# question asks what follows from it ("……没按时回来，会受什么处分"): no number is asked then.
LASTED_RE = re.compile(r"(?<=[\u4e00-\u9fff])[了过]几(?=[个位名年天月次])")


# The noun right after a question word and its measure word, up to the first function word or verb-like
# particle: "几次志愿服务" → 志愿服务; "多长时间内要向…" → 时间内 (no subject).
COUNTED_NOUN_RE = re.compile(
    r"[次个名位人项条种]?([\u4e00-\u9fff]+?)(?=[要向在和对给把被才就能可应，,。？?！!]|$)"
)


# "多久开一次", "几年召开一次": how often a meeting is held, answered by 每 + a period ("每月召开1次",
# "每五年举行一次") or "N年一次". "几年选一次" is not one: elections come with the term of office (每届任期五年).
FREQUENCY_ASK_RE = re.compile(
    r"(?:多久|多长时间|多少年|几年|几个月|多少个月|多少天|几天|几周)(?:才|就|要|得|需要)?"
    r"(?:召开|举行|举办|开|过|办)?一次"
)


# "多久" is answered by a duration ("一年", "6个月", "届满"), not by "一个又一个".
# "期限是多长", "预备期多长", "任期一般多长": a period noun before 多长 asks a duration too (trial 4, F: "由两人以上进行"
# answers no 审查调查期限)
DURATION_ASK_RE = re.compile(
    r"多久|多长时间|多长的?时间|多少时间|(?:期|限|期间|时间|时长)(?:是|为|有|一般|大概)?多长"
)
# Wider, for choosing the sentence that states a stage's period (``extract.states_period``): any 多长 and counts of
# years, months or days ("任期几年", "考察多久"); the refusal's number check keeps the narrower shape above.
PERIOD_ASK_RE = re.compile(r"多久|多长|几年|几个月|多少年|多少个月|多少天|几天")


QUESTION_WORDS_RE = re.compile(r"多少|多久|多长时间|多长|多大|几|是|要|需要|应当|可以|一般|至少|最多|最少|每")


COUNT_ASK_RE = re.compile(r"几[项条种点类个](?:方面)?(?!人|小时|月|工作日|字)|多少[项条种点类]")


# A measure word that is not an item word (代, 级, 倍, 辈: "查到几代亲属", "工资降几级", "罚几倍") asks for a number
# of that unit too: a list of contents or 同级 does not answer it (issue 11, item 5, trial 5). So do the classifiers of
# grades, rows, courses, rounds, repeats, lessons and exam questions (档, 排, 门, 轮, 遍, 堂, 道, 题; second group):
# "工资降几档", "站几排", "考几门", "行测考几道题" are answered only by a number of that unit (trap9, trap13). Not after a count word (一共几档, 分几档, 有几门: a count of
# items, answered by the list) nor after 了/过 or a determiner ("考了几门", "这几轮": the told situation).
ASKED_UNIT_RE = re.compile(
    r"(?:几|多少)(个工作日|工作日|学时|个?小时|个月|周岁|个人|个字|[天日年月周次字名人岁届篇份页封代级倍辈])"
    r"|(?<![共分有了过这那好])(?:几|多少)([档排门轮遍堂道题])"
)


# A count of persons asked with the general measure word ("要几个委员到场", "能派多少个代表"): a number of 人 or 名.
PERSON_COUNT_ASK_RE = re.compile(r"(?:几|多少)个(?:委员|代表|党员|成员|人员|干部|同志)")


# How many must agree, attend or sign: answered by a share of the members ("三分之二以上", "半数以上").
THRESHOLD_ASK_RE = re.compile(
    # 提议: "村民会议多少人提议就必须召集" is answered by "十分之一以上的村民……提议" (村委会组织法第二十一条; law12)
    r"到会|到场|在场|同意|赞成|通过|表决|出席|签名|联名|提议|有效|算数|才能|方可"
    r"|(?:需要|至少|应当|要|得|必须)[^，,。？?]{0,6}参加"
)


# How long one occurrence lasts ("主题党日每次搞多长时间", "党小组会一次开几个小时"), not how often it recurs.
LENGTH_ASK_RE = re.compile(
    r"(?:每次|一次|每回|一回)[^，,。？?]{0,8}(?:多长时间|多久|多长|几个?小时|几天|多少分钟|多少小时|多少天)"
    r"|(?:持续|历时|开|讲|谈|搞)(?:上)?(?:多长时间|多久|几个?小时|多少分钟)"
)


# "多久交一次思想汇报", "几年开一次党代会": the activity whose frequency is asked follows 一次.
FREQUENCY_OBJECT_RE = re.compile(
    r"(?:多久|多长时间|几[年个月天周]+|多少[年天])[^，,。？?]{0,6}?一次([\u4e00-\u9fff]{2,8})"
    # "每年要开几次民主生活会": the activity counted follows 几次 (trial 4, F: 每年至少讲 1 次党课 is no answer)
    r"|(?:几|多少)次([\u4e00-\u9fff]{2,8})"
)


GIVEN_COUNT_RE = re.compile(
    r"(?<![第几多少])(?:\d+|[一二两三四五六七八九十]+)\s*[个名位](?!月)([\u4e00-\u9fff]{2,4})"
)


ASKED_PART_RE = re.compile(r"(?:几|多少)[个名位人项条种次]?[\u4e00-\u9fff]{0,4}")


OBJECT_TAIL_RE = re.compile(r"(?:呢|吗|啊|呀|才行|就行|合适|比较好|为好)+$")


# "转出后多久要转入", "受处分后多久可以入党": the act a waiting time ends with follows 多久 (not "多久一次", not
# "多久内不能…", where the act is what may not happen meanwhile).
AWAITED_ACT_RE = re.compile(
    r"(?:后|以后|之后)[^，,。？?]{0,4}?(?:多久|多长时间)(?:以后|之后|后)?(?:要|才|才能|就|就要|需要|应当|应该|必须)"
    r"([\u4e00-\u9fff]{2,6})"
)


# "向谁述职几次", "每年轮训几次": the act whose occurrences a count question counts stands right before 几次.
COUNTED_ACT_RE = re.compile(r"([\u4e00-\u9fff]{2})(?:过|了)?(?:几|多少)次")


# "多大年纪", "年龄是多少": an age, answered in 岁 (年满十八周岁).
# The limit or rule an age question names between the measure noun and 多少 ("年龄上限是多少", "入党年龄要求是多少").
LIMIT_WORDS = "上限|下限|限制|要求|门槛|标准|界限|规定|最大|最小|最高|最低"
AGE_ASK_RE = re.compile(
    rf"多大(?:的)?(?:年纪|年龄|岁数)|(?:年纪|年龄|岁数)(?:上)?(?:的)?(?:{LIMIT_WORDS})?(?:是|要|有|为)?多少|多大了"
)


# A standing (X龄: 党龄, 工龄, 教龄, 军龄) a question measures ("党龄要求是多少", "要有几年党龄"): the number that answers
# is the standing's own ("1 年以上党龄", "党龄满一年"), not a number of years of anything else (一年以上培养教育).
STANDING_RE = re.compile(r"[党工教军团]龄")


# "党龄要求是多少", "党龄上限是几年": a party standing, answered in years (一年以上党龄).
STANDING_ASK_RE = re.compile(rf"(?:党龄|工龄)(?:的)?(?:{LIMIT_WORDS})?(?:是|要|有|为)?(?:多少|几)(?!年)")


# -- the bound a question asks for (issue 11, item 5: "最长多久" is not answered by "一年以上") ---------------
MAX_ASK_RE = re.compile(r"最长|最多|最久|最晚|最迟|最高|最大|上限|至多|顶多|不超过|封顶")


MIN_ASK_RE = re.compile(r"最短|最少|最低|最早|最小|下限|至少|起码|不少于|不低于|最快")


# -- the predicate a quantity is asked for (issue 11, item 5: "年满多少岁可以不参加组织生活" is not answered by 年满十八岁
# 可以申请入党) -------------------------------------------------------------------------------------------------
# The question word, its unit, a bound or a time after it ("多少岁", "几年以上", "多久以后"), then the modal that ties the
# quantity to a predicate (可以, 才能, 就, 不得 …) and the predicate itself, to the end of the clause.
ASKED_PREDICATE_RE = re.compile(
    r"(?:多少|几|多久|多长时间|多长|多大)(?:个)?[年月天日周岁名人次届位]?(?:周岁|工作日|小时)?"
    r"(?:以上|以下|以内|之内|内|后|以后|之后)?(?:的话)?"
    # what the number is of, between it and the modal ("多少年党龄可以", "多少岁以上的党员可以")
    r"(?:(?:的)?[\u4e00-\u9fff]{1,4}?)??"
    r"(?P<modal>(?:就|才|便|都|还)?(?:可以|可|能够|能|需要|要|应当|应该|必须|得|不得|不能|不再|不用|不必|无需|无须|免于|免)"
    r"|(?:就|才)(?:有|算|会|是))"
    r"(?P<predicate>[^，,。？?！!；;]{2,16})"
)


# A predicate that exempts or forbids ("可以不参加", "免交", "不得重新入党"): the number must state an exemption or a
# ban, not what is allowed or required.
NEGATED_PREDICATE_RE = re.compile(r"^(?:不|免|无需|无须)")
NEGATING_MODAL_RE = re.compile(r"(?:不得|不能|不再|不用|不必|无需|无须|免于|免)$")


# Particles and asking tails after a predicate ("……可以退党吗", "才有选举权呢").
PREDICATE_TAIL_RE = re.compile(r"(?:吗|呢|了|啊|呀|么|吧|才行|就行|是吗|对吗)+$")


# A question about a reported statistic (an average, a change, a share), answered by a report's figures.
STATISTIC_ASK_RE = re.compile(
    r"平均|下降|降低|降到|降至|减少|提高|提升|升到|增加|增长|上升|变化|占比|比例|比重|同比|统计|全国|全省|累计|一共选派"
)


# -- attributes asked by their kind of value (issue 11, item 5: "入党志愿书要用什么颜色的笔填写") ------------------
# Each names the attribute (as the refusal message says it) and how a question asks it; ``attributes.py`` holds the
# forms a text states the value in. A closed class: the physical and calendar properties of a practice that the
# regulations settle only by naming a value (a colour, a weekday, a time of day, a paper size, a dress).
ATTRIBUTE_ASKS: dict[str, re.Pattern[str]] = {
    "颜色": re.compile(
        r"(?:什么|啥|哪种|哪个|哪一种)颜色|什么色的?|颜色(?:是|有|为|用|要求)?(?:什么|啥|哪)|[红黑蓝][^，,。？?]{0,3}还是[红黑蓝]"
    ),
    "用笔": re.compile(r"(?:什么|啥|哪种|哪一种)(?:颜色的|样的|样子的)?笔(?!试|记|录|名|画)"),
    "星期": re.compile(r"星期几|周几|礼拜几|哪个星期|星期[一二三四五六日天]还是"),
    # a day of the month ("每个月的几号", "每月哪一天"); not 几日内 (a period)
    "日期": re.compile(r"几号|哪号|哪一号|(?:每个?月|月)的?(?:几|哪一?)(?:日|天)(?!内|以内|之内)"),
    "钟点": re.compile(
        r"(?<!哪)几点|(?:上午|下午|白天|晚上|早上)[^，,。？?]{0,4}还是[^，,。？?]{0,2}(?:上午|下午|白天|晚上|早上)"
    ),
    "纸张尺寸": re.compile(r"多大的?纸|(?:什么|哪种|啥)纸|纸张?(?:的)?(?:大小|尺寸|规格)|A4|字号|多大的?字"),
    "手势": re.compile(r"左手还是右手|右手还是左手|举[左右]手还是|举多高|举到哪|握拳还是|手怎么举|什么手势"),
    "地点": re.compile(
        r"(?:在哪里|在哪儿|在哪|什么地方|哪个地方|什么场所|什么场合)(?:举行|召开|开|进行|举办|办)"
        r"|(?:举行|召开|进行|举办)(?:的)?(?:地点|场所)"
    ),
    "着装": re.compile(
        r"穿什么|(?:什么|哪种|啥)(?:颜色的)?(?:衣服|服装)|着装(?:有|是)?(?:什么|啥|哪)|穿.{0,4}(?:衣服|服装)"
    ),
    # an age limit asked without a number word ("高校党委书记的任职年龄有什么限制"; "多大年纪" is a quantity ask)
    "年龄": re.compile(
        r"(?:年龄|年纪|岁数)(?:上)?(?:有|是)?(?:什么|哪些|啥)(?:样的)?(?:限制|要求|规定|界限|门槛|标准)"
    ),
}
