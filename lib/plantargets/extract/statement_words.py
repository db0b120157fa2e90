"""The words of the statement grammar (``statements``): verbs, the words around an indicator that
are no part of it, text predicates, and the parts of a year a list may name.

General Chinese plan and report language, not taken from one document; ``statements`` reads
clauses with it.
"""

from __future__ import annotations

import re

from plantargets.vocab.patterns import NAME_WORDS, PROSE_WORDS, REPORT_WORDS
from plantargets.vocab.words import DECLINE_VERBS, GROWTH_VERBS, MODAL_WORDS

# Verbs right before a level value, and the bound each implies when the value has none.
LEVEL_VERBS: dict[str, str] = {
    "控制在": "", "控制": "", "保持在": "", "稳定在": "", "维持在": "", "达到": "", "达": "",
    "实现": "", "完成": "", "突破": "at_least", "超过": "at_least", "超": "at_least", "不低于": "at_least",
    "不少于": "at_least", "高于": "at_least", "不高于": "at_most", "不超过": "at_most", "低于": "at_most",
    "提高到": "", "提高至": "", "提升到": "", "提升至": "", "增加到": "", "增至": "", "降到": "", "降至": "",
    "下降到": "", "下降至": "", "为": "", "在": "", "约": "approx", "保持": "", "稳定": "",
    "增加至": "", "上升到": "", "上升至": "", "降低到": "", "降低至": "", "扩大到": "", "扩大至": "",
    "跃升至": "", "跃升到": "", "攀升至": "", "攀升到": "",
    # Close to a level (研究与试验发展经费投入强度接近3%): about that level.
    "接近": "approx",
    # A target set as an arrangement (赤字率拟按3%安排, 实际工作中按照5.5%推进): the value is the target.
    "拟按": "", "按": "", "按照": "",
    # Crossing a level (跨过2000亿元台阶, 迈上…台阶, 站上…大关): at least that level.
    "跨越": "at_least", "跨过": "at_least", "跨上": "at_least", "迈上": "at_least", "迈过": "at_least",
    "站上": "at_least", "跃上": "at_least", "跨入": "at_least", "迈入": "at_least", "连跨": "at_least",
}  # fmt: skip
# Verbs of a level crossed (突破4000亿元, 跨过2000亿元台阶): a bound on the way to the level itself.
CROSSING_VERBS = ("突破", "超过", "超", "跨越", "跨过", "跨上", "迈上", "迈过", "站上", "跃上", "跨入", "迈入", "连跨")
# Growth and decline verbs: vocab.words (GROWTH_VERBS, DECLINE_VERBS), re-exported for the statement reader.
# The base a target is set on (地区生产总值在2010年的基础上翻一番, 在上年增长15.7%的基础上又增长): no part
# of the name before it.
ON_BASE = r"在[^,;，；]{0,16}?基础上(?:又|再)?"
# Words between the indicator and its verb that are no part of either.
COMPARISON = re.compile(
    r"(?:比上年|较上年|同比|可比|按可比价格计算|实际|名义|比去年|分别|年均|平均|均|左右|了|将|约|的|仍|预计|初步核算|全年|累计|连续|相继|先后|首次|"
    r"[两三四五六七八九十]年(?:内|间)?|"  # 能耗力争五年下降20%: the span of a change
    rf"{ON_BASE}|"
    rf"按可比口径|同口径|可比口径|扣除[^,;，；]{{1,8}}?因素(?:后)?|按[^,;]{{1,6}}(?:口径|价格?)计算|{MODAL_WORDS})+$"
)
# Words before an indicator: time, place, modality, list markers.
NOISE = re.compile(
    r"^(?:[—\-·*“”\"'《》:,]|\(?[一二三四五六七八九十\d]{1,2}[)）、.]|[一二三四五六七八九十]是|（[一二三四五六七八九十\d]{1,2}）|"
    # 在实际工作中争取实现7%的更好结果, 根据实际情况争取…: how the target is pursued, before the figure
    r"(?:在)?实际工作中|根据实际情况|"
    # the shared words (NAME_WORDS.NOISE), then this grammar's own: a work report's framing (做到, 保持,
    # 主要目标是…), last year and its end (去年, 当年, 年末), the ways 初步 figures are announced, 本市
    rf"{NAME_WORDS.NOISE.pattern}|"
    r"做到|保持|去年|当年|年末|年底|初步统计|据初步核算|经初步核算|初步测算|"
    r"主要预期目标是|主要目标是|预期目标是|本(?:市|省|区)|"
    # a plan named (“十三五”时期的, the 10th's “十五”期间) and its average (“十五”期间年均经济增长速度: 经济)
    r"(?:“?十[一二三四五六七八九]五”?|十五[”\"]?(?=计划|规划|时期|期间))(?:规划)?(?:时期|期间|末|期末|以来)?(?:的)?|"
    rf"{REPORT_WORDS.AVERAGE.pattern}|"
    r"实现|完成|其|以及|及|和|与|、|带动|拉动|就是|过去五年|这五年|五年间|(?:[2-9]|[两三四五六七八九十])年(?:来|间)?|"
    # 迈上4个万亿元台阶、达14.2万亿元: the rest of a level crossed, before the clause's next figure
    r"[^、,;，；]{0,8}?(?:台阶|大关)|"
    rf"{MODAL_WORDS})+"
)
# A target predicate without a number: the words are the target (qualifier 'text').
TEXT_PREDICATE = re.compile(
    r"(?:与|和|同)[^,;]{0,14}?(?:基本)?(?:同步|相适应|一致|相协调|相匹配|统筹衔接|相衔接|保持衔接|持平)|"
    r"(?:在[^,;]{2,16})?统筹(?:考核|衔接)$|"
    # 不超过上年水平, 达到自治区要求: a bound or standard without a number
    r"(?:略)?(?:高于|快于|不低于|低于|好于|优于|不超过|不高于)[^,;]{1,16}|保持(?:基本)?(?:平衡|稳定|合理)[^,;]{0,10}|"
    r"达到[^,;\d]{0,12}要求|达到(?!新|更高|较高|一定|历史)[^,;\d]{2,12}水平|(?:将)?(?:再)?迈上新的?大?台阶(?=\s*$)|(?:达峰后)?稳中有(?:降|升)|"  # 人均国内生产总值达到中等发达国家水平, 碳排放达峰后稳中有降
    # 国际收支趋向基本平衡; 居民消费率上升, 收入差距缩小, 中等收入群体持续扩大 (a plan outline's goals)
    r"(?:趋向|趋于)?基本(?:平衡|稳定|持平)|(?:(?:持续|继续|进一步|稳步|明显|有所|稳定|不断|显著|大幅|加快|逐步)"
    r"(?:改善|下降|提高|提升|增长|好转|优化|减少|降低|增加|扩大|加大|缩小|上升)|(?<=[率重])上升|(?<=差距)缩小)(?=\s*$)|(?:稳中|回稳|促稳|稳量|保稳)(?:提质|向好)|(?<!保)持平|总体(?:良好|稳定|平稳)|"
    # 实现翻番 (翻一番), not a campaign's name (“四个翻番”, 第一个翻番)
    r"(?:比[^,;]{0,10})?(?:实现)?(?<![个“\"一二三四五六七八九十])翻(?:一|两)?番|"
    r"完成[^,;]{0,20}(?:任务|目标|指标|年度计划)|(?:保持在|控制在)[^,;\d]{2,16}(?:以内|之内|内|区间|范围)|合理增长|"
    r"(?:得到)?有效(?:防范|防控|化解|控制)(?=\s*$)|"
    # 国际收支状况改善, 进出口总额力争保持正增长, 氮氧化物排放力争实现零增长, 全部脱贫, 取得实质性进展
    r"(?<=状况)(?:改善|好转)(?=\s*$)|(?:保持|实现)?(?:正|零)增长(?=\s*$)|(?:全部|实现)(?:脱贫|摘帽)(?!攻坚)|"
    r"取得(?:实质性|明显|重大|积极|新的?)(?:进展|成效|突破)(?=\s*$)|全面(?:实施|落实)(?=\s*$)"
)
# Aims without a measure (明显提升, 不断提高, 稳中向好): a plan's text target only when it names one.
VAGUE_AIM = re.compile(
    r"^(?:持续|继续|进一步|稳步|明显|有所|稳定|不断|显著|大幅|加快|逐步)"
    r"(?:改善|下降|提高|提升|增长|好转|优化|减少|降低|增加|扩大|加大|缩小|上升)$|^上升$|^缩小$|^达到[^\d]*水平$|迈上新的?大?台阶$|"
    r"^(?:稳中|回稳|促稳|稳量|保稳)(?:提质|向好)$|^总体(?:良好|稳定|平稳)$|^取得|^全部|^全面"
)
PLAN_TASKS = re.compile(r"规划")
# A task clause naming its indicator (完成二氧化硫、化学需氧量、氮氧化物、氨氮减排任务, 完成自治区下达的
# “十四五”能耗强度下降目标): who set it, the plan, 年度 and the kind of target (控制目标, 计划目标) are no
# part of the name.
TASK = re.compile(
    r"完成(?:[^,;]{0,8}?下达的?)?(?:[“\"]?十[一二三四五六七八九]五[”\"]?)?(?:年度)?"
    r"(?P<obj>[^,;“”\"]{2,20}?)(?:控制|计划)?(?:的)?(?:目标任务|约束性目标|目标|任务|指标)"
)


def own_aim(task: re.Match[str] | None) -> bool:
    """Whether a task (a ``TASK`` match) names an aim of its own (完成全面建成小康社会目标任务), not the
    target of an indicator named before it (完成省下达的目标)."""
    return task is not None and ACTION_START.match(task.group("obj")) is not None


# 地区生产总值按增长5%安排: 按 (拟按) before a growth verb frames the target; it is no part of the name.
# After 分别 the names are the clause before's (…社会消费品零售总额指标，分别按增长8%、…): left as printed.
ARRANGED = re.compile(r"(?<!分别)(?:拟)?按$")
# The base a change is counted from, printed between the indicator and its verb (城乡居民人均可支配
# 收入较2017年分别提高7119元和4579元): no part of the name.
BASE_TAIL = re.compile(r"(?:较|比|与|同)(?:19|20)\d{2}年(?:底|末)?(?:相比)?$")
# Parts of a year listed before their figures (一季度、上半年、前三季度和全年分别增长5.8%、6.1%、6.3%、
# 6.5%): only the full year's figure is the year's; a list without 全年 states no figure of the year.
PERIOD_WORD = rf"(?:{PROSE_WORDS.PART_OF_YEAR.pattern}|全年)"
PERIOD_LIST = re.compile(rf"{PERIOD_WORD}(?:[、和及与]{PERIOD_WORD})+")

# A decline of a level series is a negative growth (地区生产总值下降2.4%); of a price index, a
# negative change (居民消费价格下降0.8%).
SERIES_HEAD = re.compile(r"(?:总值|增加值|收入|投资|总额|零售额|产值|进出口|GDP|价格|CPI|指数)$")
# A subject starting with an action verb is a task, not an indicator (加快建设…).
ACTION_START = re.compile(
    r"^(?:加快|推进|推动|实施|建设|加强|完善|促进|发展|打造|培育|新建|建成|引进(?!内资|外资|资金)|开展|巩固|扩大|坚持|落实|深化|"
    r"全面|积极|大力|着力|优化|支持|鼓励|保障|创建|构建|带动|吸引|围绕|按照|坚决|统筹|综合|考虑|提出|确定|做好|抓好|"
    r"引导|覆盖|我们|比(?!重|例)|"
    # a task's adverb or framing first (重点落实好…, 全力办好59件实事, 如期完成…, 务必确保…, 形成由…): no indicator
    r"重点(?:抓|落实|建设|培育|打造|发展|推进|实施|做|办)|全力|继续|切实|如期|务必|形成|办好)"
)
# 均 ("all") before a verb shares one value among listed indicators; 人均, 年均, 平均 are words.
ALL_OF = re.compile(
    r"(?<![人年平])均(?=实际增长|增长|增速|保持|达到|控制|为|在|实现|突破|超过|提高|下降|降低|减少|削减)|"
    r"(?<=[\u4e00-\u9fff])各$"  # 城镇新增就业和转移农业劳动力各4500万人 (the text before the number): each
)

# A clause naming the indicator before it by 总量 (…全年增长6.5%，总量达到14274.1亿元): its level.
ITS_TOTAL = "总量"
# A measure counted in years (劳动年龄人口平均受教育年限从10.23年提高到10.8年): its values are in 年,
# which elsewhere dates a figure (5年, 2025年).
YEARS_MEASURE = re.compile(r"年限[^,;，；]{0,12}$")

# A clause comparing the indicator before it with a base (是…的2.3倍, 相当于…, 净增213.8亿元): it names no
# indicator, and the clause after it still continues the one before it.
COMPARED = re.compile(r"^(?:是|相当于|净增|净减)|^(?:比|较)[^,;]*倍")
# The year a value is dated with, right before it or its verb (由2015年的240.06亿元, 2025年达到): the
# callers read years from the text; the subject and the verb are what is around it.
YEAR_TAIL = re.compile(r"(?:19|20)\d{2}年(?:底|末)?(?:的)?$")
# The same before a level verb, with its preposition (国内生产总值到2007年达到520亿元: 到 is no part of the
# name); right before the value the 到 is the verb's (增加到2021年的903.6亿元).
DATED_TAIL = re.compile(r"(?:到|至|在|于)?" + YEAR_TAIL.pattern)
# A change verb with its end point (提高到, 增加至): the value before it is the base.
TO_VERB = re.compile(r"(?:增加|提高|上升|增长|提升|扩大|下降|降低|减少|跃升|攀升|调整|优化|增|升|降)(?:到|至|为)")

__all__ = [
    "ACTION_START",
    "ALL_OF",
    "ARRANGED",
    "BASE_TAIL",
    "COMPARED",
    "COMPARISON",
    "CROSSING_VERBS",
    "DATED_TAIL",
    "DECLINE_VERBS",
    "GROWTH_VERBS",
    "ITS_TOTAL",
    "LEVEL_VERBS",
    "NOISE",
    "ON_BASE",
    "PERIOD_LIST",
    "PLAN_TASKS",
    "SERIES_HEAD",
    "TASK",
    "TEXT_PREDICATE",
    "TO_VERB",
    "VAGUE_AIM",
    "YEARS_MEASURE",
    "YEAR_TAIL",
    "own_aim",
]
