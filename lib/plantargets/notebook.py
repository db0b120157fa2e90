"""Everything a report notebook calls, behind one import and one setup line.

A notebook reads like its report: parameters, then ::

    from plantargets import notebook as nb

    lang = nb.setup(lang)

and one ``nb.`` call per section. The names come from the stages that own them (analysis
questions, presentation, the report's CSV outputs); this module only gathers them, so a
notebook never needs to know which module a function lives in.
"""

from __future__ import annotations

from IPython.display import Markdown, display

from plantargets.analysis.ambition import (
    ambition_panel,
    ambition_summary,
    consistency_findings,
    gap_matrix,
    national_reference,
    select_series,
    target_style,
)
from plantargets.analysis.attainment import (
    against_national,
    attainment,
    attainment_by_level,
    attainment_findings,
    realised_averages,
    realised_findings,
)
from plantargets.analysis.attainment import for_regions as attainment_for_regions
from plantargets.analysis.comparability import excluded_rows
from plantargets.analysis.growth import (
    available_series,
    dumbbell_data,
    growth_table,
    implied_levels,
    national_growth,
    regression_sample,
    regression_table,
    subset,
    target_ranks,
)
from plantargets.analysis.hierarchy import (
    amplification_by,
    chain_matrix,
    chain_targets,
    hierarchy_findings,
    seed_chains,
    target_regression,
    with_parent,
)
from plantargets.analysis.loading import (
    load_plan_panel,
    load_processed,
    load_published_figures,
    load_target_panel,
    sources_table,
)
from plantargets.analysis.outcomes import SEED_CODES, seed_chain_codes, series
from plantargets.analysis.parameters import (
    BENCHMARKS,
    check_choice,
    check_indicators,
    check_panel_indicator,
    check_panel_region,
    check_regions,
    check_years,
    resolve_doc_id,
    valid_doc_ids,
)
from plantargets.analysis.profile import comparison_targets, document_indicators, document_summary, standing
from plantargets.analysis.published import national_target_check, plan_checks
from plantargets.analysis.realisation import (
    BUNCHING_WINDOW,
    bunching,
    gap_distribution,
    gap_histogram,
    hit_rates,
    realisation_findings,
    region_history,
    year_without_target,
)
from plantargets.analysis.regression import regress_target_on_past
from plantargets.analysis.structure import (
    national_mix,
    national_mix_year,
    sector_mix_table,
    structural_change,
    tertiarisation,
)
from plantargets.analysis.wording import (
    HARDNESS_ORDER,
    hardness_shares,
    national_wording,
    periods,
    wording_findings,
)
from plantargets.dataset.reference import load_national_sector_mix
from plantargets.dataset.regions import load_regions
from plantargets.present import findings, sector_findings
from plantargets.present.labels import check_lang, t
from plantargets.present.names import chain_names
from plantargets.present.panel_charts import chain_lines, histogram, lines_by_level, stacked_shares
from plantargets.present.panel_findings import (
    attainment_text,
    hierarchy_text,
    published_text,
    realisation_text,
    realised_text,
    regression_finding,
    regression_text,
    with_level_names,
    wording_text,
)
from plantargets.present.plotting import (
    Facets,
    dumbbell,
    heatmap,
    ranking_bar,
    small_multiples,
    stacked_sector_bars,
    use_style,
)
from plantargets.present.regression_chart import regression_caption, regression_scatter
from plantargets.present.show import intro, note, section, show, show_appendix
from plantargets.present.sources import forget, reference_sources, sourced
from plantargets.present.tables import (
    by_label,
    footnotes,
    header,
    label_matrix,
    mix_labels,
    real_series,
    region_names,
    styled,
    with_labels,
)
from plantargets.reports.outputs import save_table


def setup(lang: str) -> str:
    """A notebook's one setup line: the house chart style on, the report language checked.

    Returns ``lang`` when it is a supported language; otherwise raises ParameterError listing them.
    """
    use_style()
    forget()  # the sources appendix lists what this report's tables cite, nothing earlier
    return check_lang(lang)


__all__ = [
    "BENCHMARKS",
    "BUNCHING_WINDOW",
    "HARDNESS_ORDER",
    "SEED_CODES",
    "Facets",
    "Markdown",
    "against_national",
    "ambition_panel",
    "ambition_summary",
    "amplification_by",
    "attainment",
    "attainment_by_level",
    "attainment_findings",
    "attainment_for_regions",
    "attainment_text",
    "available_series",
    "bunching",
    "by_label",
    "chain_lines",
    "chain_matrix",
    "chain_names",
    "chain_targets",
    "check_choice",
    "check_indicators",
    "check_panel_indicator",
    "check_panel_region",
    "check_regions",
    "check_years",
    "comparison_targets",
    "consistency_findings",
    "display",
    "document_indicators",
    "document_summary",
    "dumbbell",
    "dumbbell_data",
    "excluded_rows",
    "findings",
    "footnotes",
    "gap_distribution",
    "gap_histogram",
    "gap_matrix",
    "growth_table",
    "hardness_shares",
    "header",
    "heatmap",
    "hierarchy_findings",
    "hierarchy_text",
    "histogram",
    "hit_rates",
    "implied_levels",
    "intro",
    "label_matrix",
    "lines_by_level",
    "load_national_sector_mix",
    "load_plan_panel",
    "load_processed",
    "load_published_figures",
    "load_regions",
    "load_target_panel",
    "mix_labels",
    "national_growth",
    "national_mix",
    "national_mix_year",
    "national_reference",
    "national_target_check",
    "national_wording",
    "note",
    "periods",
    "plan_checks",
    "published_text",
    "ranking_bar",
    "real_series",
    "realisation_findings",
    "realisation_text",
    "realised_averages",
    "realised_findings",
    "realised_text",
    "reference_sources",
    "region_history",
    "region_names",
    "regress_target_on_past",
    "regression_caption",
    "regression_finding",
    "regression_sample",
    "regression_scatter",
    "regression_table",
    "regression_text",
    "resolve_doc_id",
    "save_table",
    "section",
    "sector_findings",
    "sector_mix_table",
    "seed_chain_codes",
    "seed_chains",
    "select_series",
    "series",
    "setup",
    "show",
    "show_appendix",
    "small_multiples",
    "sourced",
    "sources_table",
    "stacked_sector_bars",
    "stacked_shares",
    "standing",
    "structural_change",
    "styled",
    "subset",
    "t",
    "target_ranks",
    "target_regression",
    "target_style",
    "tertiarisation",
    "valid_doc_ids",
    "with_labels",
    "with_level_names",
    "with_parent",
    "wording_findings",
    "wording_text",
    "year_without_target",
]
