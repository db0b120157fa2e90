"""extract.align: the monotone alignment both table readers place short rows with."""

from __future__ import annotations

from plantargets.extract.align import monotone_match
from plantargets.extract.rows import align_tail

ROLES = ["unit", "base", "target", "annual", "attribute"]  # data/raw/003_3e4f07611e85fb5a.txt:59 after 指标名称


def test_the_least_total_cost_wins_over_the_greedy_choice() -> None:
    # item 0 is cheapest in slot 1, but then item 1 could only go to slot 2 (cost 9):
    # 0->0 (2) + 1->1 (1) = 3 beats 0->1 (1) + 1->2 (9) = 10
    assert monotone_match([[2, 1, 5], [9, 1, 9]], 3) == [0, 1]


def test_ties_go_to_the_leftmost_slot() -> None:
    assert monotone_match([[1, 1, 1]], 3) == [0]
    assert monotone_match([[0, 0, 0], [0, 0, 0]], 3) == [0, 1]


def test_order_is_kept_and_every_item_placed() -> None:
    slots = monotone_match([[5, 0, 5, 5], [0, 5, 5, 5], [5, 5, 5, 0]], 4)
    assert slots == sorted(set(slots)) and len(slots) == 3
    assert monotone_match([], 4) == []


def test_a_short_row_of_the_seed_is_placed_by_content() -> None:
    # 003:61 '2 | 全员劳动生产率增长 | 万元/人 | —— | 2左右 | 预期性 | ||' prints no annual figure:
    # 预期性 goes to 属性 and the annual column stays empty
    placed, problem = align_tail(["万元/人", "——", "2左右", "预期性"], ROLES)
    assert placed == [("unit", "万元/人"), ("base", "——"), ("target", "2左右"), ("attribute", "预期性")]
    assert problem == "fewer cells than columns (4 for 5); aligned by content"
    # 003:64 has all five after the name: positional, no problem
    placed, problem = align_tail(["件", "——", "2.5", "——", "预期性"], ROLES)
    assert [role for role, _ in placed] == ROLES and problem == ""
