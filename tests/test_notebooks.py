"""Every notebook runs through papermill, with defaults and with a narrow parameter set.

The notebooks hand their numbers to the report build through ``reports_io.save_table``; the
tests point ``PLANTARGETS_REPORT_DATA_DIR`` at a temporary folder and compare those CSVs with
the same quantities computed here directly from the dataset with the library, so a notebook
that shows the wrong table (or a stale one) fails. Each execution is its own test, so
``pytest -n 2`` spreads them over the cores.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from plantargets.analysis import (
    ambition,
    attainment,
    growth,
    hierarchy,
    loading,
    outcomes,
    parameters,
    profile,
    realisation,
    structure,
    wording,
)
from plantargets.reports.outputs import DATA_DIR_ENV

from .conftest import ROOT

pytestmark = pytest.mark.slow
NOTEBOOKS = ROOT / "notebooks"
# One region per notebook for the narrow run: the one whose document exercises the notebook.
NARROW: dict[str, dict[str, Any]] = {
    "01_comparative_growth": {"regions": ["urumqi-etdz-fyp14"], "lang": "en"},
    "02_target_ambition": {"regions": ["tacheng-fyp14"], "benchmark": "peers", "lang": "en"},
    "03_sector_mix": {"regions": ["kizilsu-fyp14"], "years": [2020], "lang": "en"},
    "04_region_profile": {"doc_id": "urumqi-etdz-fyp14", "lang": "en"},
    "05_target_realisation": {"region": "650000", "lang": "en"},
    "06_hierarchy": {"lang": "en"},
    "07_target_wording": {"lang": "en"},
    "08_plan_attainment": {"lang": "en"},
}


@pytest.fixture(scope="session")
def data(corpus_data: loading.Processed) -> loading.Processed:
    """The processed tables the notebooks read (the whole corpus; see conftest.corpus_data)."""
    return corpus_data


def run(name: str, params: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Execute ``name`` with ``params`` in ``tmp_path``; return the folder of its saved tables."""
    import papermill

    out_dir = tmp_path / "tables"
    monkeypatch.setenv(DATA_DIR_ENV, str(out_dir))
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    papermill.execute_notebook(
        str(NOTEBOOKS / f"{name}.ipynb"),
        str(tmp_path / f"{name}.out.ipynb"),
        parameters=params,
        kernel_name="python3",
        cwd=str(tmp_path),
        progress_bar=False,
        execution_timeout=300,
    )
    return out_dir


def table(folder: Path, name: str) -> pd.DataFrame:
    path = folder / f"{name}.csv"
    assert path.is_file(), f"the notebook did not save {name}.csv (saved: {sorted(p.name for p in folder.glob('*'))})"
    return pd.read_csv(path)


def value(df: pd.DataFrame, col: str, **where: Any) -> float:
    mask = pd.Series(True, index=df.index)
    for k, v in where.items():
        mask &= df[k] == v
    rows = df.loc[mask, col]
    assert len(rows) == 1, f"expected one row for {where}, found {len(rows)}"
    return float(rows.iloc[0])


def test_notebooks_are_listed() -> None:
    assert sorted(p.stem for p in NOTEBOOKS.glob("*.ipynb")) == sorted(NARROW)


def test_comparative_growth_defaults(data, tmp_path, monkeypatch) -> None:
    out = run("01_comparative_growth", {}, tmp_path, monkeypatch)
    dumbbell = table(out, "growth_dumbbell")
    assert value(dumbbell, "target_growth", doc_id="urumqi-etdz-fyp14", series="gdp") == 9.5
    assert value(dumbbell, "past_growth", doc_id="urumqi-etdz-fyp14", series="gdp") == 6.6
    panel = growth.growth_table(data.indicators, data.quality, sources=loading.sources_table())
    expected = growth.dumbbell_data(panel)
    assert len(dumbbell) == len(expected)
    assert dumbbell["target_growth"].sum() == pytest.approx(expected["target_growth"].sum())
    coefficients = table(out, "regression_coefficients")
    assert int(coefficients["n"].iloc[0]) == len(growth.regression_sample(panel))
    levels = table(out, "implied_levels")
    assert value(levels, "implied_target", doc_id="urumqi-etdz-fyp14", indicator="gdp") == pytest.approx(590 * 1.095**5)


def test_target_ambition_defaults(data, tmp_path, monkeypatch) -> None:
    out = run("02_target_ambition", {}, tmp_path, monkeypatch)
    gdp = table(out, "gdp_hierarchy")
    # Xinjiang 2023: 7 % against the national 5 %. The Urumqi ETDZ's 2021 plan (9.5 %) against its
    # parent's 2021 target: with the seed manifest, Xinjiang's 6.5 % (provincial_annual_gdp_targets.csv).
    assert value(gdp, "gap_national", doc_id="xinjiang-gwr2023") == pytest.approx(2.0)
    etdz_parent = value(gdp, "parent", doc_id="urumqi-etdz-fyp14")
    assert value(gdp, "parent_year", doc_id="urumqi-etdz-fyp14") == 2021
    assert value(gdp, "gap_parent", doc_id="urumqi-etdz-fyp14") == pytest.approx(9.5 - etdz_parent)
    excluded = table(out, "excluded")
    assert "floor (95): a lower bound, not a planned change" in set(excluded["reason"])
    sources = loading.sources_table()
    # The notebook's default regions: every document of the manifest and of the data.
    everyone = parameters.valid_doc_ids(sources, data)
    expected = ambition.ambition_panel(data.indicators, data.quality, sources, everyone)
    assert len(table(out, "ambition_panel")) == len(expected)
    findings = table(out, "consistency_findings")
    assert findings["source"].str.match(r"^\S+\.(txt|md):\d+$").all()
    assert set(findings["check"]) >= {"growth_consistency", "nominal_vs_real"}


def test_sector_mix_defaults(data, tmp_path, monkeypatch) -> None:
    out = run("03_sector_mix", {}, tmp_path, monkeypatch)
    mix = table(out, "sector_mix")
    assert value(mix, "tertiary", doc_id="kizilsu-fyp14", year=2020) == 60.6
    sci = table(out, "structural_change")
    expected = structure.structural_change(data.sector_mix)
    assert value(sci, "sci", doc_id="urumqi-etdz-fyp14") == pytest.approx(
        value(expected, "sci", doc_id="urumqi-etdz-fyp14")
    )
    pace = table(out, "tertiarisation_pace")
    assert value(pace, "share_2025", doc_id="hure-fyp14") == 60.0


def test_region_profile_defaults(data, tmp_path, monkeypatch) -> None:
    out = run("04_region_profile", {}, tmp_path, monkeypatch)
    summary = table(out, "document_summary").set_index("field")["value"]
    assert summary["doc_id"] == parameters.DEFAULT_PROFILE_DOC
    rows = table(out, "indicators")
    assert len(rows) == len(profile.document_indicators(data.indicators, parameters.DEFAULT_PROFILE_DOC))
    assert rows["source"].str.match(r"^\S+\.(txt|md):\d+$").all()


@pytest.mark.parametrize("name", sorted(NARROW))
def test_narrow_parameters(name, data, tmp_path, monkeypatch) -> None:
    out = run(name, NARROW[name], tmp_path, monkeypatch)
    saved = list(out.glob("*.csv"))
    assert saved, "a narrow run still saves its tables"
    only = NARROW[name].get("regions") or [NARROW[name].get("doc_id")]
    for path in saved:
        df = pd.read_csv(path)
        if "doc_id" in df.columns and path.stem not in ("comparison", "structural_change", "tertiarisation_pace"):
            assert set(df["doc_id"].dropna()) - {"(all)"} <= set(only), f"{path.name} holds other documents"
    if name == "03_sector_mix":
        assert value(table(out, "sector_mix"), "tertiary", doc_id="kizilsu-fyp14", year=2020) == 60.6


def test_unknown_region_names_the_valid_ones(data, tmp_path, monkeypatch) -> None:
    from papermill.exceptions import PapermillExecutionError

    with pytest.raises(PapermillExecutionError) as err:
        run("01_comparative_growth", {"regions": ["atlantis-fyp14"]}, tmp_path, monkeypatch)
    assert err.value.ename == "ParameterError"
    assert "atlantis-fyp14" in err.value.evalue
    assert "kizilsu-fyp14" in err.value.evalue and "tacheng-fyp14" in err.value.evalue


def test_target_realisation_defaults(data, tmp_path, monkeypatch) -> None:
    out = run("05_target_realisation", {}, tmp_path, monkeypatch)
    panel = outcomes.series(loading.load_target_panel(), reports=loading.sources_table())
    rates = table(out, "hit_rates_by_level")
    expected = realisation.hit_rates(panel, by=("level",))
    assert rates["n_outcomes"].sum() == expected["n_outcomes"].sum()
    assert rates["hit_rate_pct"].tolist() == pytest.approx(expected["hit_rate_pct"].tolist(), nan_ok=True)
    history = table(out, "region_history")
    assert set(history["region_code"].astype(str).str.zfill(6)) == {"650000"}  # the default region, 新疆
    assert history["target_source"].dropna().str.match(r"^\S+:\d+$").all()
    hist = table(out, "gap_histogram")
    assert hist["n"].sum() <= rates["n_outcomes"].sum()


def test_hierarchy_defaults(data, tmp_path, monkeypatch) -> None:
    out = run("06_hierarchy", {}, tmp_path, monkeypatch)
    linked = hierarchy.with_parent(outcomes.series(loading.load_target_panel()))
    by_level = table(out, "amplification_by_level")
    expected = hierarchy.amplification_by(linked, by=("level",))
    assert by_level["mean_pp"].tolist() == pytest.approx(expected["mean_pp"].tolist())
    chains = table(out, "seed_chains")
    assert set(chains["chain"]) == set(outcomes.SEED_CODES)


def test_target_wording_defaults(data, tmp_path, monkeypatch) -> None:
    out = run("07_target_wording", {}, tmp_path, monkeypatch)
    shares = table(out, "hardness_by_year")
    assert shares[list(wording.HARDNESS_ORDER)].sum(axis=1).tolist() == pytest.approx([100.0] * len(shares))
    check = table(out, "national_target_check")
    # The 2019 and 2016 national targets are ranges (政府工作报告-国务院/2019.md:64 '6%—6.5%', 2016.md:90 '6.5%—7%').
    assert value(check, "published_upper", period=2019) == 6.5 and value(check, "published_upper", period=2016) == 7.0
    assert len(check) == 23


def test_plan_attainment_defaults(data, tmp_path, monkeypatch) -> None:
    out = run("08_plan_attainment", {}, tmp_path, monkeypatch)
    got = table(out, "attainment_fyp14")
    expected = attainment.attainment(
        loading.load_plan_panel(), plan=14, indicators=["gdp_growth"], annual=loading.load_target_panel()
    )
    assert len(got) == len(expected)
    check = table(out, "plan_average_check")
    # The 12th plan: target 7% (十二五规划纲要:136), realised 7.8% a year (政府工作报告-国务院/2016.md:58).
    assert value(check, "published_value", figure="national_plan_outcome", period="fyp12") == 7.8


def test_plan_attainment_realised_averages_by_region(data, tmp_path, monkeypatch) -> None:
    out = run("08_plan_attainment", {"lang": "en"}, tmp_path, monkeypatch)
    got = table(out, "realised_fyp14")
    figures = loading.load_published_figures()
    expected = attainment.realised_averages(loading.load_plan_panel(), plan=14, figures=figures)
    assert len(got) == len(expected) and "000000" not in set(got["region_code"].astype(str).str.zfill(6))
    # 新疆维吾尔自治区/2026.md:28 '地区生产总值年均增长5.9%'; 国务院/2026.md:38 '…140万亿元台阶，年均增长5.4%'
    xj = got[got["region_code"] == 650000].iloc[0]
    assert (xj["outcome"], xj["outcome_gap_national"]) == (5.9, 0.5)
    assert xj["outcome_source"] == "lawtext-gov/政府工作报告-省自治区/新疆维吾尔自治区/2026.md:28"
    assert (got["national_outcome"] == 5.4).all()
    assert (got["national_source"] == "lawtext-gov/政府工作报告-国务院/2026.md:38").all()
    # Regions whose report states an average but whose 2021 target was not read enter too (北京市/2026.md:46 5.2%).
    bj = got[got["region_code"] == 110000].iloc[0]
    assert bj["outcome"] == 5.2 and pd.isna(bj["target_value"])
