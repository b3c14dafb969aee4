"""Generate varied releases from templates, for the benchmarks (not for accuracy).

Each release has a disclosure header or a 发布会 block or neither, a title, and sections
whose paragraphs mix sentences with figures (several bureaus' phrasings, with dates,
Chinese numerals, ranges, approximations and ranks) and narrative sentences about
measures taken, varied by a seeded random generator, so the same seed always gives the
same corpus. Releases run to about 3,000 characters with a figure every 40 or so, as the
hand-annotated releases in tests/gold do (a figure every 39-47 characters).
"""

from __future__ import annotations

import random
from pathlib import Path

CITIES = [
    "芜湖",
    "绵阳",
    "洛阳",
    "泉州",
    "襄阳",
    "宜宾",
    "柳州",
    "湛江",
    "德阳",
    "潍坊",
    "淄博",
    "遵义",
    "信阳",
    "台州",
    "无锡",
    "赣州",
    "常德",
    "南充",
]
BUREAUS = {
    "统计局": [
        "地区生产总值",
        "规模以上工业增加值",
        "社会消费品零售总额",
        "固定资产投资",
        "一般公共预算收入",
        "城镇居民人均可支配收入",
    ],
    "商务局": ["进出口总额", "出口", "进口", "实际使用外资", "跨境电商进出口额", "对外承包工程营业额"],
    "市场监督管理局": [
        "食品安全抽检批次",
        "特种设备检验台次",
        "立案查处违法案件",
        "罚没款",
        "新登记经营主体",
        "有效发明专利",
    ],
    "科技局": [
        "高新技术企业",
        "科技型中小企业",
        "技术合同成交额",
        "研发投入强度",
        "省级以上研发平台",
        "新引进科技人才",
    ],
    "生态环境局": [
        "PM2.5平均浓度",
        "优良天数比例",
        "地表水国考断面达标率",
        "化学需氧量排放量",
        "环境信访办结率",
        "重点排污单位",
    ],
    "人力资源和社会保障局": [
        "城镇新增就业",
        "城镇调查失业率",
        "农村劳动力转移就业",
        "职业技能培训",
        "企业职工养老保险参保人数",
        "根治欠薪案件",
    ],
}
UNITS = {
    "亿元": (10, 3000, 2),
    "万元": (50, 90000, 1),
    "%": (0.5, 98, 1),
    "家": (3, 900, 0),
    "件": (5, 20000, 0),
    "万人": (0.5, 80, 2),
    "批次": (100, 30000, 0),
    "台次": (100, 90000, 0),
    "个": (2, 300, 0),
    "微克/立方米": (18, 60, 0),
    "个百分点": (0.1, 5, 1),
    "万户": (0.5, 60, 2),
    "人次": (200, 90000, 0),
}
CN_DIGITS = "零一二三四五六七八九"


def _number(rng: random.Random, unit: str) -> str:
    low, high, places = UNITS[unit]
    value = rng.uniform(low, high)
    return f"{value:.{places}f}" if places else str(int(value))


def _chinese(n: int) -> str:
    if n < 10:
        return CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN_DIGITS[tens]) + "十" + (CN_DIGITS[ones] if ones else "")


def _sentence(rng: random.Random, indicator: str, year: int) -> str:
    unit = rng.choice(list(UNITS))
    n = _number(rng, unit)
    pct = f"{rng.uniform(0.5, 25):.1f}%"
    forms = [
        f"全市{indicator}{n}{unit}，同比增长{pct}。",
        f"{indicator}达到{n}{unit}，比上年下降{pct}，降幅比上半年收窄{rng.uniform(0.1, 3):.1f}个百分点。",
        f"1-{rng.randint(3, 11)}月，{indicator}{n}{unit}，同比增长{pct}，增速居全省第{rng.randint(1, 16)}位。",
        f"{indicator}约{n}{unit}，完成全年目标任务的{rng.uniform(60, 99):.1f}%。",
        f"新增{indicator}{_chinese(rng.randint(2, 99))}家，覆盖{_chinese(rng.randint(11, 60))}余个乡镇。",
        f"{year}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日，市政府召开专题会议，研究部署{indicator}相关工作。",
        f"出口、进口分别增长{pct}和{rng.uniform(0.5, 12):.1f}%，{indicator}保持在{rng.randint(3, 8)}%—{rng.randint(9, 12)}%区间。",
        f"力争全年{indicator}突破{n}{unit}，其中第{_chinese(rng.randint(1, 4))}季度完成{rng.randint(15, 35)}%。",
        f"全市{rng.randint(20, 400)}家企业通过{indicator}认定，{rng.randint(2, 40)}家企业获批省级示范。",
        f"截至{rng.randint(1, 12)}月底，累计办理{indicator}{n}{unit}，群众满意率达到{rng.uniform(90, 99.9):.1f}%。",
    ]
    return rng.choice(forms)


MEASURES = [
    "强化组织领导",
    "健全工作机制",
    "加强部门协同",
    "优化营商环境",
    "深化改革创新",
    "压实主体责任",
    "加大政策支持力度",
    "完善服务体系",
    "推进数字化转型",
    "严格执法监管",
    "加强宣传引导",
    "狠抓项目建设",
]
ACTIONS = [
    "成立工作专班，定期调度重点任务推进情况",
    "出台配套政策措施，明确责任分工和时间节点",
    "建立常态化联络机制，及时协调解决企业反映的困难和问题",
    "开展专项督查检查，对发现的问题建立台账、限期整改",
    "组织业务骨干深入基层一线，开展政策宣讲和现场指导",
    "依托政务服务平台推行“一网通办”，进一步压缩办理时限",
    "聚焦重点行业和关键环节，持续开展风险隐患排查整治",
    "加强与高校、科研院所合作，推动创新资源向企业集聚",
    "坚持问题导向和目标导向，统筹推进各项重点工作落实落细",
]


def _narrative(rng: random.Random, city: str, indicator: str, item: int | None) -> str:
    lead = f"{'一二三四五六'[item]}是{rng.choice(MEASURES)}。" if item is not None else ""
    forms = [
        f"{lead}围绕{indicator}，{rng.choice(ACTIONS)}。",
        f"{lead}我们{rng.choice(ACTIONS)}，{rng.choice(ACTIONS)}。",
        f"{lead}{city}市{rng.choice(ACTIONS)}，推动{indicator}工作提质增效。",
        f"{lead}针对{indicator}中存在的薄弱环节，{rng.choice(ACTIONS)}，确保各项任务按期完成。",
    ]
    return rng.choice(forms)


def _paragraph(rng: random.Random, city: str, indicators: list[str], year: int) -> str:
    figures = [_sentence(rng, rng.choice(indicators), year) for _ in range(rng.randint(2, 4))]
    items = rng.random() < 0.5
    narrative = [_narrative(rng, city, rng.choice(indicators), k if items else None) for k in range(rng.randint(2, 4))]
    if items:
        return "".join(narrative) + "".join(figures)
    out = []
    for k in range(max(len(figures), len(narrative))):
        out += narrative[k : k + 1] + figures[k : k + 1]
    return "".join(out)


def release(rng: random.Random, number: int) -> str:
    city = rng.choice(CITIES)
    bureau = rng.choice(list(BUREAUS))
    year = rng.choice([2022, 2023, 2024])
    month = rng.randint(1, 12)
    title = f"{city}市{bureau}关于{year}年{['上半年', '前三季度', '1-10月', '全年'][number % 4]}工作情况的通报"
    lines: list[str] = []
    style = number % 3
    if style == 0:
        lines += [
            f"索引号 {rng.randint(10**8, 10**9)}/{year}-{number:05d} 组配分类 统计信息",
            f"发布机构 {city}市{bureau} 主题分类 综合政务",
            "有效性 有效 关键词",
            f"名称 {title} 文号",
            f"生成日期 {year}-{month:02d}-{rng.randint(10, 28)} 发布日期 {year}-{month:02d}-{rng.randint(10, 28)}",
            "",
        ]
    elif style == 1:
        lines += [
            f"发布主题:{title}",
            "",
            f"发布人:市{bureau}副局长{rng.choice('王李张刘陈杨赵周')}{rng.choice('建国晓东红梅立新志坚明亮')}",
            "",
            f"发布时间:{year}年{month}月{rng.randint(1, 28)}日",
            "",
        ]
    lines += [title, ""]
    indicators = BUREAUS[bureau]
    for section in range(rng.randint(3, 4)):
        lines.append(f"{'一二三四'[section]}、{rng.choice(indicators)}稳步推进")
        lines += [_paragraph(rng, city, indicators, year) for _ in range(rng.randint(2, 4))]
    lines.append("下一步，我们将认真贯彻落实党中央、国务院决策部署，持续推动各项工作取得新成效。")
    return "\n".join(lines) + "\n"


def write_corpus(folder: Path, count: int, seed: int = 20231129) -> int:
    """Write ``count`` releases into ``folder``; returns the number of characters written."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    chars = 0
    for i in range(count):
        text = release(rng, i)
        chars += len(text)
        (folder / f"release-{i:05d}.txt").write_text(text, encoding="utf-8")
    return chars
