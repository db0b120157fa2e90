"""Display names, styled tables and the regression chart."""

from __future__ import annotations

import pandas as pd
import pytest

from plantargets.analysis.regression import regress_target_on_past
from plantargets.errors import ParameterError
from plantargets.present import regression_chart
from plantargets.present import tables as p

SOURCES = pd.DataFrame(
    {
        "doc_id": ["u", "x1", "x2"],
        "region_zh": ["乌鲁木齐经济技术开发区(头屯河区)", "新疆维吾尔自治区", "新疆维吾尔自治区"],
        "region_en": ["Urumqi ETDZ (Toutunhe District)", "Xinjiang", "Xinjiang"],
        "doc_type": ["fyp_outline", "fyp_outline", "work_report"],
        "period": ["2021-2025", "2021-2025", ""],
        "report_year": [None, None, 2023],
    }
)


def test_region_names_short_and_distinct() -> None:
    zh = p.region_names(SOURCES, "zh")
    assert zh["u"] == "乌鲁木齐经济技术开发区"
    assert zh["x1"] != zh["x2"] and zh["x2"].endswith("2023")
    assert p.region_names(SOURCES, "en", short=False)["u"] == "Urumqi ETDZ (Toutunhe District)"
    with pytest.raises(ParameterError):
        p.region_names(SOURCES, "fr")


def test_series_names_tags() -> None:
    names = p.series_names(["gdp", "forest_coverage:pp", "name:保持信贷总量"], "en", real=["gdp"])
    assert names["gdp"].endswith("(real, %/yr)")
    assert names["forest_coverage:pp"].endswith("(pp/yr)")
    assert names["name:保持信贷总量"].startswith("保持信贷总量")
    assert p.series_names(["gdp"], "zh", tags=False)["gdp"] == "地区生产总值"


def test_styled_formats_marks_and_headers() -> None:
    df = pd.DataFrame({"region": ["a", "b"], "national": [5.0, 2.0], "excluded": [True, False]})
    html = p.styled(
        df, "en", caption="Cap", mark={"national": pd.Series([False, True])}, footnote="* unconfirmed"
    ).to_html()
    assert "National" in html and "2.00*" in html and "5.00" in html and "Cap" in html
    assert "✓" in html


def test_by_label_rounds_and_footnotes() -> None:
    df = pd.DataFrame({"series_label": ["A", "A", "B"], "national": [20.11243, 20.11243, None]})
    assert p.by_label(df, "national") == {"A": 20.11}
    notes = pd.DataFrame({"name": ["x", "y"], "footnote": ["", "unconfirmed: 2020"]})
    assert p.footnotes(notes, "name", "footnote", "en").endswith("- y: unconfirmed: 2020")


def test_regression_scatter_and_caption() -> None:
    sample = pd.DataFrame({"past_growth": [2.0, 4, 6], "target_growth": [3.0, 4, 6], "series_label": list("abc")})
    res = regress_target_on_past(sample)
    fig = regression_chart.regression_scatter(sample, res, "en")
    assert "n = 3" in fig._suptitle.get_text()
    assert "n = 3 < 10" in regression_chart.regression_caption(res, "en")
    assert "n < 10" in regression_chart.regression_caption(res, "zh")  # the small-sample caveat in Chinese too


def test_years_and_lines_are_whole_numbers():
    import pandas as pd

    html = p.styled(pd.DataFrame({"target_year": [2025.0], "line": [144.0], "base_value": [1234.5]}), "en").to_html()
    assert ">2025<" in html and ">144<" in html and ">1,234.5<" in html
    assert "2,025" not in html


def test_document_values_keep_their_printed_precision():
    import pandas as pd

    from plantargets.present.tables import styled

    html = styled(
        pd.DataFrame({"base_value": [12.68, 50.0, 27282.0], "target_value": [0.068, 1.0, None]}), "en"
    ).to_html()
    for text in (">12.68<", ">50<", ">27,282<", ">0.068<"):
        assert text in html


def test_table_cells_carry_wrapping_classes() -> None:
    """Numbers and file:line never break; long text gets a wide, left-aligned cell (report.css)."""
    df = pd.DataFrame(
        {"name": ["每万人口发明专利拥有量(件)"], "target_growth": [4.1], "source": ["001_92a7ba0c77b212ac.txt:183"]}
    )
    html = p.styled(df, "zh").to_html()
    assert 'class="data row0 col0 pt-text pt-long"' in html
    assert 'class="data row0 col1 pt-num"' in html and 'class="data row0 col2 pt-src"' in html


def test_report_css_keeps_table_cells_from_one_character_per_line() -> None:
    from plantargets.reports.html import house_css

    css = house_css()
    assert "min-width" in css and "td.pt-num" in css and "overflow-x: auto" in css
    assert "word-break: break-all" not in css.split(".jp-RenderedHTMLCommon td")[-1]


def test_code_shows_chinese_from_the_embedded_face() -> None:
    # Seen at 1280 px: the parameters line of target-realisation-en printed region = "□□" (全国) in the
    # system monospace font, which has no Chinese glyphs
    import re

    from plantargets.reports.fonts import FAMILY
    from plantargets.reports.html import house_css

    rule = re.search(r"(?m)^code, pre, kbd \{ font-family: ([^;]+);", house_css())
    assert rule is not None and rule.group(1).startswith(f'"{FAMILY}"') and rule.group(1).endswith("monospace")


def test_realised_values_are_not_shown_as_targets() -> None:
    """A completion table's end value is an outcome: the header says 'end value', the row says 'realised'."""
    df = pd.DataFrame(
        {"table": ["fyp13_review", "fyp14_main"], "role": ["actual", "target"], "target_value": [590.0, 929.0]}
    )
    html = p.styled(df, "zh").to_html()
    assert "目标值" not in html and ">期末值<" in html and ">性质<" in html
    assert "“十三五”完成情况表" in html and ">实际<" in html and ">目标<" in html
    assert "realised" in p.styled(df, "en").to_html()
    assert "目标值" in p.styled(df.drop(columns="role"), "zh").to_html()  # a table of targets only


def test_a_rate_per_year_keeps_its_decimals() -> None:
    """sci_per_year is pp a year (0.54, 1.41, 0.80), not a year: it was printed as 1 for all three."""
    df = pd.DataFrame(
        {"sci_per_year": [0.54, 1.41, 0.8], "start": [2015, 2015, 2015], "base_year": [2020.0, 2020.0, 2020.0]}
    )
    html = p.styled(df, "zh").to_html()
    assert ">0.54<" in html and ">1.41<" in html and ">0.80<" in html
    assert ">2020<" in html


def test_a_record_reads_as_words_not_codes_or_targets() -> None:
    """The document summary (field/value rows) once showed its manifest facts under 'This region's target'."""
    df = pd.DataFrame({"field": ["doc_type", "rows_prose"], "value": ["fyp_outline", 82]})
    html = p.styled(df, "en").to_html()
    assert "target" not in html.lower()
    assert "five-year plan outline" in html and "indicator rows from the text" in html and ">Entry<" in html


def test_quality_flags_read_as_words() -> None:
    df = pd.DataFrame({"flags": ["nominal_vs_real;growth_consistency", ""]})
    html = p.styled(df, "en").to_html()
    assert "real rate beside current-price levels; rate does not fit the levels" in html
    assert "nominal_vs_real" not in html


def test_regression_chart_keeps_its_plot_with_long_labels() -> None:
    """Point labels of 60+ characters once widened the saved figure until the plot was a sliver."""
    import io

    from PIL import Image

    long = "Urumqi Economic and Technological Development Zone"
    sample = pd.DataFrame(
        {
            "past_growth": [3.5, 6.6, 9.5, 13.2],
            "target_growth": [13.0, 9.5, 10.0, 10.0],
            "series_label": [f"Industrial value added (real, %/yr) {i}" for i in range(4)],
            "region": [long, "Hure (Kulun) Banner", long, long],
        }
    )
    fig = regression_chart.regression_scatter(sample, regress_target_on_past(sample), lang="en")
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    width = Image.open(buf).size[0]
    assert width < 1.2 * fig.get_figwidth() * fig.dpi, "labels spill outside the figure"
    assert all(len(txt.get_text()) <= 31 for txt in fig.axes[0].texts)


def test_indicator_codes_are_shown_as_catalogue_names() -> None:
    # Report 08's 15th-plan table showed gdp_growth, forest_coverage… in both languages.
    import pandas as pd

    from plantargets.present.tables import styled

    d = pd.DataFrame({"indicator": ["gdp_growth", "forest_coverage"], "target_value": [5.0, 24.1]})
    assert styled(d, "zh").data.iloc[:, 0].tolist() == ["地区生产总值增长", "森林覆盖率"]
    assert styled(d, "en").data.iloc[:, 0].tolist() == ["GDP growth", "Forest coverage"]
    assert d["indicator"].tolist() == ["gdp_growth", "forest_coverage"]  # the saved table keeps the codes


def test_reference_notes_are_in_the_readers_language() -> None:
    """The national table's notes came from the reference CSV's English ``status``
    (data/reference/national_fyp14_main_indicators.csv:12, pension coverage: "unconfirmed: 2020 value 91 ...");
    a zh report printed them in English. Each doubtful row has a note in both languages, and no
    note outlives the doubt it explains."""
    from plantargets.dataset.reference import load_national_fyp14
    from plantargets.present.labels import label_keys

    ref = load_national_fyp14()
    doubtful = {str(c) for c, n in zip(ref["code"], ref["footnote"], strict=True) if str(n).strip()}
    noted = {k.split(".", 1)[1] for k in label_keys("reference_note.")}
    assert doubtful == noted
    zh = p.footnotes(ref, "name", "footnote", "zh", code_col="code")
    en = p.footnotes(ref, "name", "footnote", "en", code_col="code")
    assert "2020年数值91" in zh and "unconfirmed" not in zh and "source" not in zh
    assert "987 million insured" in en and "基本养老保险" not in en


def test_a_count_column_is_not_headed_regions() -> None:
    """``n`` counts targets, outcomes or observations in most tables (the hierarchy report's
    省级 688 + 地级 789 = the 1477 target pairs of its key finding), not regions; it was headed 地区数."""
    html = p.styled(pd.DataFrame({"level": ["省级", "地级"], "n": [688, 789]}), "zh").to_html()
    assert "地区数" not in html and "个数(n)" in html


def test_a_p_value_too_small_to_show_reads_below_the_last_digit() -> None:
    """The realisation report printed 0.0000 for a binomial test's p (a reader takes it for
    certainty); it reads <0.0001, and an ordinary p keeps its digits."""
    from plantargets.present.style import pvalue_text

    assert pvalue_text(3e-9, 4) == "<0.0001"
    assert pvalue_text(0.04567, 4) == "0.0457"
    html = p.styled(
        pd.DataFrame({"name": ["a"], "pvalue_equal": [1e-7]}), lang="en", decimals={"pvalue_equal": 4}
    ).to_html()
    assert "&lt;0.0001" in html and "0.0000" not in html


def test_a_region_gets_its_year_only_when_the_table_shows_two_of_its_documents() -> None:
    """Kizilsu's 14th-plan profile was labelled '克孜勒苏…自治州 2021-2025' because the corpus also
    holds its work reports; a table showing one of its documents names the region alone."""
    sources = pd.DataFrame(
        {
            "doc_id": ["kizilsu-fyp14", "gwr-653000-2023"],
            "file": ["004.txt", "x/2023.md"],
            "region_zh": ["克孜勒苏柯尔克孜自治州", "克孜勒苏柯尔克孜自治州"],
            "region_en": ["Kizilsu", "Kizilsu"],
            "report_year": [None, 2023],
            "period": ["2021-2025", ""],
            "doc_type": ["fyp_outline", "work_report"],
        }
    )
    one = p.with_labels(pd.DataFrame({"doc_id": ["kizilsu-fyp14"]}), sources, "zh")
    assert one["region"].tolist() == ["克孜勒苏柯尔克孜自治州"]
    both = p.with_labels(pd.DataFrame({"doc_id": ["kizilsu-fyp14", "gwr-653000-2023"]}), sources, "zh")
    assert both["region"].tolist() == ["克孜勒苏柯尔克孜自治州 2021-2025", "克孜勒苏柯尔克孜自治州 2023"]
