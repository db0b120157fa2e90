"""Labels: both languages for every key, clear errors for a wrong language or key."""

from __future__ import annotations

from pathlib import Path

import pytest

from plantargets.errors import InputError, ParameterError
from plantargets.present import narrative
from plantargets.present.labels import LANGS, label_keys, read_store, t, texts


def test_every_label_has_both_languages() -> None:
    keys = label_keys()
    assert len(keys) > 150
    for key in keys:
        assert all(t(key, lang).strip() for lang in LANGS), key


def test_lookup_and_format() -> None:
    assert t("target_growth", "zh") == "目标年均增速(%)"
    assert t("target_growth", "en") == "Target annual growth (%)"
    assert t("showing_top", "en", n=5, total=60) == "Top 5 of 60 shown"


def test_unknown_language_lists_the_valid_ones() -> None:
    with pytest.raises(ParameterError, match="valid: zh, en"):
        t("target_growth", "fr")


def test_unknown_key_suggests_close_ones() -> None:
    with pytest.raises(KeyError, match="target_growth"):
        t("target_grwth", "zh")


def test_labels_and_narrative_are_one_store() -> None:
    """A report title (narrative.csv) and a column header (labels.csv) come from the same table."""
    store = texts()
    assert "growth.title" in store and "column.national" in store
    assert narrative.text("growth.title", "en") == t("growth.title", "en")


def test_a_key_in_two_files_of_the_store_names_the_second_line(tmp_path: Path) -> None:
    first, second = tmp_path / "labels.csv", tmp_path / "narrative.csv"
    first.write_text("key,zh,en\nnational,全国,National\n", encoding="utf-8")
    second.write_text("key,zh,en\nabout,关于,About\nnational,全国基准,National benchmark\n", encoding="utf-8")
    with pytest.raises(InputError, match="listed twice") as err:
        read_store((first, second))
    assert "narrative.csv" in str(err.value) and "3" in str(err.value)
