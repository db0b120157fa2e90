"""Monotone alignment: k items into m >= k ordered slots, keeping their order, at the least cost.

Both table readers need it: a short row's cells placed in the columns their content fits
(``extract.rows.align_tail``) and a spaced line's runs of text placed under the header labels
nearest to them (``extract.spaced.align_runs``).
"""

from __future__ import annotations


def monotone_match(cost: list[list[float]], slots: int) -> list[int]:
    """The slot of each item, strictly increasing, minimising the summed ``cost[item][slot]``.

    Ties go to the leftmost slot. Dynamic programming over (item, slot), O(items x slots);
    ``best[i][j]`` is the least cost of placing items ``i:`` into slots ``j:``.
    """
    k, m = len(cost), slots
    inf = float("inf")
    best = [[inf] * (m + 1) for _ in range(k + 1)]
    for j in range(m + 1):
        best[k][j] = 0.0
    for i in range(k - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            best[i][j] = min(cost[i][j] + best[i + 1][j + 1], best[i][j + 1])
    out, j = [], 0
    for i in range(k):
        while best[i][j] != cost[i][j] + best[i + 1][j + 1]:
            j += 1
        out.append(j)
        j += 1
    return out
