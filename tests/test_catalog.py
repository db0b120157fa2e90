"""The indicator catalogue: every name printed in the seed tables maps to the intended code."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from plantargets import paths
from plantargets.dataset.catalog import CATEGORIES, KINDS, Catalog, normalise_name
from plantargets.errors import InputError
from plantargets.vocab.units import unit_dimension

RAW = {
    "000": "000_8b2e86d28166808b.txt",
    "001": "001_92a7ba0c77b212ac.txt",
    "003": "003_3e4f07611e85fb5a.txt",
    "004": "004_f3c3abe848757c8b.txt",
}

# (document, raw line, name as printed on that line, printed unit, expected code)
SEED_NAMES: list[tuple[str, int, str, str, str | None]] = [
    # 000 Kizilsu, fyp14_main (one cell per line)
    ("000", 58, "地区生产总值增长", "%", "gdp_growth"),
    ("000", 64, "全员劳动生产率增长率", "%", "labour_productivity_growth"),
    ("000", 71, "常住人口城镇化率", "%", "urbanisation_rate_resident"),
    ("000", 79, "全社会研发经费投入增长", "%", "rd_spending_growth"),
    ("000", 85, "每万人口高价值发明专利拥有量", "件", "high_value_patents_per_10k"),
    ("000", 92, "数字经济增加值占GDP比例", "%", "digital_economy_share"),
    ("000", 101, "城镇居民人均可支配收入", "元", "urban_disposable_income"),
    ("000", 107, "农牧民人均纯收入", "元", "rural_net_income"),
    ("000", 114, "城镇调查失业率", "%", "unemployment_rate_surveyed"),
    ("000", 121, "劳动年龄人口平均受教育年限", "年", "schooling_years"),
    ("000", 128, "每千人口拥有3岁以下婴幼儿托位数", "个", "childcare_places_per_1k"),
    ("000", 135, "每千人口拥有执业(助理)医生数", "人", "doctors_per_1k"),
    ("000", 142, "基本养老保险参保率", "%", "pension_coverage"),
    ("000", 149, "人均预期寿命", "岁", "life_expectancy"),
    ("000", 158, "单位地区生产总值能源消耗降低", "%", "energy_intensity_reduction"),
    ("000", 164, "单位地区生产总值二氧化碳排放降低", "%", "co2_intensity_reduction"),
    ("000", 170, "地州市城市空气质量优良天数比率", "%", "air_quality_good_days"),
    ("000", 176, "地表水达到或好于Ⅲ类水体占地表水比例", "%", "surface_water_class3"),
    ("000", 182, "森林覆盖率", "%", "forest_coverage"),
    ("000", 190, "粮食综合生产能力", "万吨", "grain_capacity"),
    ("000", 196, "能源综合生产能力", "万吨 标煤", "energy_capacity"),
    # 001 Urumqi ETDZ, fyp13_review (pipes)
    ("001", 94, "地区生产总值", "亿元", "gdp"),
    ("001", 95, "公共财政预算收入", "亿元", "fiscal_revenue"),
    ("001", 96, "全社会固定资产投资", "亿元", "fixed_asset_investment"),
    ("001", 97, "工业增加值", "亿元", "industrial_value_added"),
    ("001", 98, "社会消费品零售总额", "亿元", "retail_sales"),
    ("001", 99, "进出口贸易总额", "亿元", "foreign_trade"),
    ("001", 100, "第三产业增加值占地区生产总值比重", "%", "tertiary_share"),
    ("001", 101, "规模以上高新技术工业企业增加值占工业增加值比重", "%", "high_tech_industry_share"),
    ("001", 102, "研究与实验发展经费支出占地区生产总值比重", "%", "rd_intensity"),
    ("001", 103, "每万人口发明专利拥有量", "件", "invention_patents_per_10k"),
    ("001", 104, "有效注册商标数", "个", "registered_trademarks"),
    ("001", 105, "城区常住人口数", "万人", "city_resident_population"),
    ("001", 106, "人口自然增长率", "‰", "population_natural_growth_rate"),
    ("001", 108, "城市建成区绿化覆盖率", "%", "built_up_green_coverage"),
    ("001", 109, "城市生活垃圾无害化处理率", "%", "garbage_treatment_rate"),
    ("001", 110, "城镇污水集中处理率", "%", "sewage_treatment_rate"),
    ("001", 111, "工业固体废物处置利用率", "%", "industrial_solid_waste_utilisation"),
    ("001", 114, "二氧化硫排放量减少", "%", "so2_reduction"),
    ("001", 116, "氨氮排放量减少", "%", "ammonia_nitrogen_reduction"),
    ("001", 118, "氮氧化物排放量减少", "%", "nox_reduction"),
    ("001", 120, "森林覆盖率", "%", "forest_coverage"),
    ("001", 121, "九年义务教育巩固率", "%", "compulsory_education_retention"),
    ("001", 123, "城镇新增就业五年累计", "万人", "new_urban_jobs"),
    ("001", 126, "城镇登记失业率", "%", "unemployment_rate_registered"),
    ("001", 128, "城乡基本养老保险参保人数", "万人", "pension_insured"),
    ("001", 130, "城镇居民人均可支配收入", "元", "urban_disposable_income"),
    ("001", 131, "农村居民人均可支配收入", "元", "rural_disposable_income"),
    ("001", 132, "每千名老人拥有养老机构床位数", "张", "elderly_care_beds_per_1k_elderly"),
    # 001, fyp14_main
    ("001", 174, "地区生产总值", "亿元", "gdp"),
    ("001", 175, "一般公共预算收入", "亿元", "fiscal_revenue"),
    ("001", 176, "全社会固定资产投资", "亿元", "fixed_asset_investment"),
    ("001", 177, "工业增加值", "亿元", "industrial_value_added"),
    ("001", 178, "社会消费品零售总额", "亿元", "retail_sales"),
    ("001", 179, "进出口贸易总额", "亿元", "foreign_trade"),
    ("001", 180, "民间投资占固定资产投资比重", "%", "private_investment_share"),
    ("001", 181, "户籍人口城镇化率", "%", "urbanisation_rate_hukou"),
    ("001", 182, "全社会研发经费支出占地区生产总值比重", "%", "rd_intensity"),
    ("001", 183, "每万人口发明专利拥有量", "件", "invention_patents_per_10k"),
    ("001", 184, "数字经济增加值占地区生产总值比例", "%", "digital_economy_share"),
    ("001", 186, "单位地区生产总值能源消耗降低", "%", "energy_intensity_reduction"),
    ("001", 188, "单位地区生产总值二氧化碳排放降低", "%", "co2_intensity_reduction"),
    ("001", 190, "森林覆盖率", "%", "forest_coverage"),
    ("001", 191, "居民人均可支配收入增长率", "%", "disposable_income_growth"),
    ("001", 194, "城镇登记失业率", "%", "unemployment_rate_registered"),
    ("001", 195, "每千人口执业(助理)医师人数", "人", "doctors_per_1k"),
    ("001", 196, "养老机构护理型床位占比", "%", "nursing_beds_share"),
    ("001", 197, "亿元国内地区生产总值生产安全事故死亡率", "%", "work_safety_deaths_per_100m_gdp"),
    # 001, health table (专栏15)
    ("001", 469, "平均期望寿命", "", "life_expectancy"),
    ("001", 470, "婴儿死亡率", "‰", "infant_mortality"),
    ("001", 471, "5岁以下儿童死亡率", "‰", "under5_mortality"),
    ("001", 472, "孕产妇死亡率", "/10万", "maternal_mortality"),
    ("001", 473, "市民健康素养", "%", "health_literacy"),
    ("001", 474, "慢病(高血压、糖尿病)规范管理率", "%", "chronic_disease_management_rate"),
    ("001", 475, "基层医疗卫生机构诊疗量占总诊疗量比例", "%", "primary_care_visits_share"),
    ("001", 476, "家庭医生签约率", "%", "family_doctor_contract_rate"),
    ("001", 477, "人均基本公共卫生服务经费", "元", "public_health_funding_per_capita"),
    ("001", 478, "院前急救平均反应时间", "分钟", "ambulance_response_time"),
    ("001", 479, "二级以上综合性医院平均住院天数", "天", "hospital_length_of_stay"),
    ("001", 480, "老年护理床位数(老年医养床位数)", "张", "elderly_nursing_beds"),
    ("001", 481, "千人口(助理)执业医师数", "人", "doctors_per_1k"),
    ("001", 482, "千人口注册护士数", "人", "nurses_per_1k"),
    ("001", 483, "千人口公共卫生专业人员数", "人", "public_health_staff_per_1k"),
    ("001", 484, "千人口全科医师数", "人", "general_practitioners_per_1k"),
    # 003 Hure Banner (pipes; the unit decides level versus growth)
    ("003", 60, "地区生产总值增长", "亿元", "gdp"),
    ("003", 61, "全员劳动生产率增长", "万元/人", "labour_productivity"),
    ("003", 62, "常住人口城镇化率", "%", "urbanisation_rate_resident"),
    ("003", 63, "研发经费投入增长", "%", "rd_spending_growth"),
    ("003", 64, "每万人拥有高价值 发明专利数", "件", "high_value_patents_per_10k"),
    ("003", 65, "数字经济核心产业增加值占地区生产总值的比重", "%", "digital_economy_core_share"),
    ("003", 66, "全体居民人均可支配收入增长率", "%", "disposable_income_growth"),
    ("003", 67, "城镇调查失业率", "%", "unemployment_rate_surveyed"),
    ("003", 68, "人均预期寿命累计", "岁", "life_expectancy"),
    ("003", 69, "每千人口拥有执业 (助理)医师数", "人", "doctors_per_1k"),
    ("003", 70, "劳动年龄人口平均 受教育年限", "年", "schooling_years"),
    ("003", 71, "基本养老保险参保率", "%", "pension_coverage"),
    ("003", 72, "每千人拥有三岁以下 婴幼儿托位数", "个", "childcare_places_per_1k"),
    ("003", 73, "单位地区生产总值 能源消耗降幅", "%", "energy_intensity_reduction"),
    ("003", 74, "单位地区生产总值 二氧化碳排放降幅", "%", "co2_intensity_reduction"),
    ("003", 75, "城市空气质量优良天数", "天", "air_quality_good_days_count"),
    ("003", 76, "达到或好于Ⅲ类水体 占地表水比重", "%", "surface_water_class3"),
    ("003", 77, "森林覆盖率", "%", "forest_coverage"),
    ("003", 78, "粮食综合生产能力", "亿斤", "grain_capacity"),
    ("003", 79, "能源综合生产能力", "万吨标煤", "energy_capacity"),
    # 004 Tacheng (tab cells; units in the name's parentheses)
    ("004", 63, "1.地区生产总值增长（%）", "%", "gdp_growth"),
    ("004", 70, "2.全员劳动生产率增长（%）", "%", "labour_productivity_growth"),
    ("004", 77, "3.常住人口城镇化率（%）", "%", "urbanisation_rate_resident"),
    ("004", 85, "4.全社会研发经费投入增长（%）", "%", "rd_spending_growth"),
    ("004", 92, "5.每万人口发明专利拥有量（件）", "件", "invention_patents_per_10k"),
    ("004", 100, "6.居民人均可支配收入增长（%）", "%", "disposable_income_growth"),
    ("004", 108, "城镇新增就业人数", "万人次", "new_urban_jobs"),
    ("004", 116, "城镇登记失业率", "%", "unemployment_rate_registered"),
    ("004", 123, "8.劳动年龄人口平均受教育年限（年）", "年", "schooling_years"),
    ("004", 130, "9.学前教育毛入园率（%）", "%", "preschool_enrolment_rate"),
    ("004", 137, "10.每千人口拥有3岁以下婴幼儿托位数（个）", "个", "childcare_places_per_1k"),
    ("004", 144, "11.每千人口拥有执业（助理）医师数（人）", "人", "doctors_per_1k"),
    ("004", 151, "12.基本养老保险参保率（%）", "%", "pension_coverage"),
    ("004", 158, "13.人均预期寿命（年）", "年", "life_expectancy"),
    ("004", 166, "14.单位地区生产总值能耗降低率（%）", "%", "energy_intensity_reduction"),
    ("004", 172, "15.单位地区生产总值二氧化碳排放降低（%）", "%", "co2_intensity_reduction"),
    ("004", 178, "16.行署所在地城市空气质量优良天数比率（%）", "%", "air_quality_good_days"),
    ("004", 184, "17.地表水达到或好于Ⅲ类水体比例（%）", "%", "surface_water_class3"),
    ("004", 190, "18.森林覆盖率（%）", "%", "forest_coverage"),
    ("004", 204, "29.粮食综合生产能力（万吨）", "万吨", "grain_capacity"),
    ("004", 211, "20.能源综合生产能力（亿吨标煤）", "亿吨标煤", "energy_capacity"),
]

# 002 (work report 2023), line 1: the annual targets, each a growth rate or a rate in %.
WORK_REPORT_TARGETS = [
    ("地区生产总值", "%", "gdp_growth"),
    ("规模以上工业增加值", "%", "industrial_value_added_above_size_growth"),
    ("固定资产投资", "%", "fixed_asset_investment_growth"),
    ("社会消费品零售总额", "%", "retail_sales_growth"),
    ("进出口总额", "%", "foreign_trade_growth"),
    ("一般公共预算收入", "%", "fiscal_revenue_growth"),
    ("城镇调查失业率", "%", "unemployment_rate_surveyed"),
    ("城镇居民人均可支配收入", "%", "urban_disposable_income_growth"),
    ("农村居民人均可支配收入", "%", "rural_disposable_income_growth"),
    ("居民消费价格涨幅", "%", "cpi"),
    ("居民消费价格", "%", "cpi"),  # the prose may split 涨幅 off the name
    ("地区生产总值增长", "", "gdp_growth"),
    ("规模以上工业增加值增长", "", "industrial_value_added_above_size_growth"),
]

# The national 14th-plan main-indicator table (20 indicators), names as printed.
NATIONAL_14 = [
    ("国内生产总值(GDP)增长", "gdp_growth"),
    ("全员劳动生产率增长", "labour_productivity_growth"),
    ("常住人口城镇化率", "urbanisation_rate_resident"),
    ("全社会研发经费投入增长", "rd_spending_growth"),
    ("每万人口高价值发明专利拥有量", "high_value_patents_per_10k"),
    ("数字经济核心产业增加值占GDP比重", "digital_economy_core_share"),
    ("居民人均可支配收入增长", "disposable_income_growth"),
    ("城镇调查失业率", "unemployment_rate_surveyed"),
    ("劳动年龄人口平均受教育年限", "schooling_years"),
    ("每千人口拥有执业(助理)医师数", "doctors_per_1k"),
    ("基本养老保险参保率", "pension_coverage"),
    ("每千人口拥有3岁以下婴幼儿托位数", "childcare_places_per_1k"),
    ("人均预期寿命", "life_expectancy"),
    ("单位GDP能源消耗降低", "energy_intensity_reduction"),
    ("单位GDP二氧化碳排放降低", "co2_intensity_reduction"),
    ("地级及以上城市空气质量优良天数比率", "air_quality_good_days"),
    ("地表水达到或好于Ⅲ类水体比例", "surface_water_class3"),
    ("森林覆盖率", "forest_coverage"),
    ("粮食综合生产能力", "grain_capacity"),
    ("能源综合生产能力", "energy_capacity"),
]

# Names likely in documents not seen here: 13th-plan indicators, health and economy tables.
OTHER_COMMON = [
    ("国内生产总值", "亿元", "gdp"),
    ("全员劳动生产率", "万元/人", "labour_productivity"),
    ("服务业增加值比重", "%", "tertiary_share"),
    ("研究与试验发展经费投入强度", "%", "rd_intensity"),
    ("城镇新增就业人数", "万人", "new_urban_jobs"),
    ("农村贫困人口脱贫", "万人", "poverty_reduction"),
    ("耕地保有量", "万亩", "arable_land"),
    ("万元GDP用水量下降", "%", "water_intensity_reduction"),
    ("非化石能源占一次能源消费比重", "%", "non_fossil_share"),
    ("森林蓄积量", "亿立方米", "forest_stock"),
    ("细颗粒物(PM2.5)未达标地级及以上城市浓度下降", "%", "pm25_reduction"),
    ("PM2.5年均浓度", "微克/立方米", "pm25_concentration"),
    ("化学需氧量排放总量减少", "%", "cod_reduction"),
    ("粮食总产量", "万吨", "grain_output"),
    ("原油产量", "万吨", "crude_oil_output"),
    ("旅游总收入", "亿元", "tourism_revenue"),
    ("接待游客人数", "万人次", "tourist_arrivals"),
    ("人均地区生产总值", "元", "gdp_per_capita"),
    ("人均地区生产总值年均增速", "%", "gdp_per_capita_growth"),
    ("城镇化率", "%", "urbanisation_rate_resident"),
    ("用水总量", "亿立方米", "water_use_total"),
    ("每千人口注册护士数", "人", "nurses_per_1k"),
    ("每千常住人口卫生机构床位数", "张", "hospital_beds_per_1k"),
    ("5岁以下儿童死亡率", "‰", "under5_mortality"),
    ("五岁以下儿童死亡率", "‰", "under5_mortality"),
    ("非化石能源占比", "%", "non_fossil_share"),
    ("单位GDP用水量降低", "%", "water_intensity_reduction"),
    ("设区市城市空气质量优良天数比例", "%", "air_quality_good_days"),  # by pattern
    ("旗政府所在地空气质量优良天数", "天", "air_quality_good_days_count"),  # by pattern
    ("城市空气质量优良天数", "%", "air_quality_good_days"),  # the unit picks the share
    ("旅游业总收入增长", "%", "tourism_revenue_growth"),  # level stem + 增长
    ("全区常住人口城镇化率", "%", "urbanisation_rate_resident"),  # fuzzy, 80% coverage
    ("居民消费价格指数", "上年=100", "cpi_index"),
    ("居民消费价格指数", "%", "cpi"),
]

# Names that must NOT take the code a careless substring match would give them.
NEGATIVES = [
    ("城区常住人口数", "万人", "urbanisation_rate_resident"),
    ("常住人口", "万人", "urbanisation_rate_resident"),
    ("户籍人口城镇化率", "%", "urbanisation_rate_resident"),
    ("工业总产值", "亿元", "industrial_value_added"),
    ("规模以上工业增加值", "亿元", "industrial_value_added"),
    ("数字经济增加值占GDP比例", "%", "digital_economy_core_share"),
    ("农牧民人均纯收入", "元", "rural_disposable_income"),
    ("城镇登记失业率", "%", "unemployment_rate_surveyed"),
    ("新增就业", "万人", "new_urban_jobs"),
    ("城乡基本养老保险参保人数", "万人", "pension_coverage"),
    ("社会消费品零售总额增长", "%", "retail_sales"),
    ("每千名老人拥有养老机构床位数", "张", "hospital_beds_per_1k"),
    ("第三产业增加值", "亿元", "tertiary_share"),
]
UNMATCHED = ["城镇就业", "总述", "失业率", "人口", "增长", "", "   ", "全市城镇调查失业人数", "二氧化硫浓度"]


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog.load()


@pytest.fixture(scope="module")
def raw_lines() -> dict[str, list[str]]:
    return {doc: (paths.RAW_DIR / f).read_text(encoding="utf-8").splitlines() for doc, f in RAW.items()}


@pytest.mark.parametrize(
    ("doc", "line", "name", "unit", "code"), SEED_NAMES, ids=[f"{d}:{n}" for d, n, *_ in SEED_NAMES]
)
def test_seed_table_names_map_to_their_codes(catalog, raw_lines, doc, line, name, unit, code):
    assert name in raw_lines[doc][line - 1], "the test's copy of the name must be on that raw line"
    assert catalog.match(name, unit) == code


@pytest.mark.parametrize(("name", "unit", "code"), WORK_REPORT_TARGETS)
def test_work_report_targets(catalog, name, unit, code):
    assert catalog.match(name, unit) == code


@pytest.mark.parametrize(("name", "code"), NATIONAL_14)
def test_national_14th_plan_indicators(catalog, name, code):
    assert catalog.match(name) == code


def test_national_reference_file_agrees(catalog):
    """The bundled national reference table names the same 20 indicators."""
    ref = Path(__file__).resolve().parent.parent / "data" / "reference" / "national_fyp14_main_indicators.csv"
    import csv

    names = [row["indicator"] for row in csv.DictReader(ref.open(encoding="utf-8"))]
    assert [catalog.match(n) for n in names] == [code for _, code in NATIONAL_14]


@pytest.mark.parametrize(("name", "unit", "code"), OTHER_COMMON)
def test_other_common_indicators(catalog, name, unit, code):
    assert catalog.match(name, unit) == code


@pytest.mark.parametrize(("name", "unit", "wrong"), NEGATIVES)
def test_no_match_on_a_shared_substring(catalog, name, unit, wrong):
    assert catalog.match(name, unit) != wrong


@pytest.mark.parametrize("name", UNMATCHED)
def test_headings_and_fragments_stay_uncatalogued(catalog, name):
    assert catalog.match(name) is None


def test_explain_names_the_rule(catalog):
    assert catalog.explain("地区生产总值").method == "exact"
    assert catalog.explain("地区生产总值", "%").method == "exact+unit"
    assert catalog.explain("旅游业总收入增长").method == "growth_stem"
    assert catalog.explain("设区市城市空气质量优良天数比例").method == "pattern"
    assert catalog.explain("全区常住人口城镇化率").method == "fuzzy"


def test_a_ratio_is_not_the_level_its_name_begins_with(catalog):
    # 昆明市/2020.md:102 城乡居民收入稳步增长: income, not 城乡居民收入比 (urban over rural income)
    assert catalog.match("城乡居民收入") is None
    assert catalog.match("城乡居民收入比") == "urban_rural_income_ratio"
    assert catalog.match("服务业增加值占比") == catalog.match("服务业增加值比重")  # 占比 is a share as 比重 is


@pytest.mark.parametrize(
    ("printed", "normalised"),
    [
        ("1.地区生产总值增长（%）", "gdp增长"),
        ("6. 数字经济增加值占GDP比例", "数字经济增加值占gdp比重"),
        ("13、千人口(助理)执业医师数", "每千人口执业医师数"),
        ("每千人拥有三岁以下 婴幼儿托位数", "每千人口3岁以下婴幼儿托位数"),
        ("单位地区生产总值 能源消耗降幅", "单位gdp能耗降低"),
        ("5岁以下儿童死亡率", "5岁以下儿童死亡率"),
        ("森林覆盖率①", "森林覆盖率"),
        ("城镇新增就业五年累计", "城镇新增就业"),
    ],
)
def test_normalise_name(printed, normalised):
    assert normalise_name(printed) == normalised


@pytest.mark.parametrize(
    ("unit", "dimension"),
    [
        ("亿元", "money"),
        ("万元/人", "money"),
        ("%", "rate"),
        ("‰", "rate"),
        ("万吨 标煤", "energy"),
        ("亿斤", "mass"),
        ("天", "days"),
        ("上年=100", "index"),
        ("", ""),
    ],
)
def test_unit_dimension(unit, dimension):
    assert unit_dimension(unit) == dimension


def test_coverage(catalog):
    assert catalog.coverage(n for _, _, n, _, _ in SEED_NAMES) == 1.0
    assert catalog.coverage(["城镇就业", "地区生产总值", " "]) == 0.5
    assert math.isnan(catalog.coverage([]))


def test_english_lookups(catalog):
    assert catalog.name_en("gdp") == "Gross regional product (GDP)"
    assert catalog.english("地区生产总值增长") == "GDP growth"
    assert catalog.english("总述") is None
    assert catalog.code_for_english("gdp growth") == "gdp_growth"
    assert catalog.labels(["gdp", "nope"], lang="zh") == {"gdp": "地区生产总值"}
    with pytest.raises(KeyError):
        catalog.name_en("no_such_code")


def test_bundled_catalogue_is_well_formed(catalog):
    assert len(catalog) > 100
    for entry in catalog:
        assert entry.category in CATEGORIES and entry.kind in KINDS
        assert entry.name_zh in entry.aliases
        assert catalog.match(entry.name_zh, entry.unit) == entry.code, entry.code
    frame = catalog.to_frame()
    assert frame["code"].is_unique


HEADER = "code,name_zh,name_en,category,unit,kind,higher_is_better,family,aliases,pattern,notes\n"
GOOD = "gdp,地区生产总值,GDP,economic,亿元,level,true,,地区生产总值|GDP,,\n"


@pytest.mark.parametrize(
    ("body", "line", "fragment"),
    [
        (GOOD + "gdp,生产总值2,GDP2,economic,亿元,level,true,,,,\n", 3, "duplicate code"),
        (GOOD + "gdp2,国内生产总值,GDP 2,economic,亿元,level,true,,,,\n", 3, "already belongs to 'gdp'"),
        (GOOD + "x,某指标,X,economy,亿元,level,true,,,,\n", 3, "category"),
        (GOOD + "x,某指标,X,economic,亿元,amount,true,,,,\n", 3, "kind"),
        (GOOD + "x,某指标,X,economic,亿元,level,yes,,,,\n", 3, "higher_is_better"),
        (GOOD + "x,某指标,X, with comma,economic,亿元,level,true,,,,\n", 3, "unquoted comma"),
        (GOOD + "X-1,某指标,X,economic,亿元,level,true,,,,\n", 3, "snake_case"),
        (GOOD + "x,某指标,X,economic,亿元,level,true,,,(,\n", 3, "does not compile"),
        (GOOD + "x,某指标,X,economic,亿元,level,true,,,gd.,\n", 3, "matches alias 'gdp'"),
        (GOOD + "gdp_rate,GDP增长,G,economic,亿元,growth,true,gdp,,,\n", 3, "share the unit dimension"),
    ],
)
def test_load_rejects_bad_rows_with_their_line(tmp_path, body, line, fragment):
    path = tmp_path / "catalog.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    with pytest.raises(InputError) as info:
        Catalog.load(path)
    assert info.value.line == line
    assert fragment in str(info.value)
