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
from plantargets.analysis.loading import load_processed, sources_table
from plantargets.analysis.parameters import (
    BENCHMARKS,
    check_choice,
    check_indicators,
    check_regions,
    check_years,
    resolve_doc_id,
    valid_doc_ids,
)
from plantargets.analysis.profile import comparison_targets, document_indicators, document_summary, standing
from plantargets.analysis.regression import regress_target_on_past
from plantargets.analysis.structure import (
    national_mix,
    national_mix_year,
    sector_mix_table,
    structural_change,
    tertiarisation,
)
from plantargets.dataset.reference import load_national_sector_mix
from plantargets.present import findings
from plantargets.present.labels import check_lang, t
from plantargets.present.plotting import dumbbell, heatmap, ranking_bar, small_multiples, stacked_sector_bars, use_style
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
    regression_caption,
    regression_scatter,
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
    "Markdown",
    "ambition_panel",
    "ambition_summary",
    "available_series",
    "by_label",
    "check_choice",
    "check_indicators",
    "check_regions",
    "check_years",
    "comparison_targets",
    "consistency_findings",
    "display",
    "document_indicators",
    "document_summary",
    "dumbbell",
    "dumbbell_data",
    "findings",
    "footnotes",
    "gap_matrix",
    "growth_table",
    "header",
    "heatmap",
    "implied_levels",
    "intro",
    "label_matrix",
    "load_national_sector_mix",
    "load_processed",
    "mix_labels",
    "national_growth",
    "national_mix",
    "national_mix_year",
    "national_reference",
    "note",
    "ranking_bar",
    "real_series",
    "reference_sources",
    "region_names",
    "regress_target_on_past",
    "regression_caption",
    "regression_sample",
    "regression_scatter",
    "regression_table",
    "resolve_doc_id",
    "save_table",
    "section",
    "sector_mix_table",
    "select_series",
    "setup",
    "show",
    "show_appendix",
    "small_multiples",
    "sourced",
    "sources_table",
    "stacked_sector_bars",
    "standing",
    "structural_change",
    "styled",
    "subset",
    "t",
    "target_ranks",
    "target_style",
    "tertiarisation",
    "valid_doc_ids",
    "with_labels",
]
