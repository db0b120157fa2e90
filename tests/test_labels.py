"""Labels: both languages for every key, clear errors for a wrong language or key."""

from __future__ import annotations

import pytest

from plantargets.errors import ParameterError
from plantargets.present.labels import LANGS, label_keys, t


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
