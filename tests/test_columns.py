"""The columns of the processed tables (vocab/columns.csv), as the Data Package describes them."""

from __future__ import annotations

import pytest

from plantargets.errors import InputError
from plantargets.vocab.columns import FIELDS, INDICATOR_COLUMNS, LEVEL_COLUMNS, read_fields


def test_the_shared_column_groups_stand_where_the_tables_need_them():
    # The checks read a row's base and target together: they stand side by side in the table.
    start = INDICATOR_COLUMNS.index("base_year")
    assert tuple(INDICATOR_COLUMNS[start : start + 4]) == LEVEL_COLUMNS
    # vocab/columns.csv: target_outcomes opens with the _region group (4 rows) and
    # plan_outcomes too; both carry the _judged group (gap, direction, met, met_strict).
    for table in ("target_outcomes", "plan_outcomes"):
        names = [name for name, _, _ in FIELDS[table]]
        assert names[:4] == ["region_code", "region", "level", "parent_code"]
        assert names[names.index("gap") : names.index("gap") + 4] == ["gap", "direction", "met", "met_strict"]


def test_a_group_row_splices_the_group_in_place(tmp_path):
    path = tmp_path / "fields.csv"
    path.write_text(
        "table,name,type,description\n_g,a,string,A.\n_g,b,integer,B.\nt,x,number,X.\nt,_g,,\nt,y,boolean,Y.\n",
        encoding="utf-8",
    )
    assert read_fields(path)["t"] == [
        ("x", "number", "X."),
        ("a", "string", "A."),
        ("b", "integer", "B."),
        ("y", "boolean", "Y."),
    ]


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ("t,x,float,X.\n", "type 'float' of 'x'"),
        ("t,_g,,\n", "group '_g' is used before its rows"),
        ("t,x,string,X.\nt,x,number,Y.\n", "column 'x' is listed twice in 't'"),
    ],
)
def test_a_bad_row_is_an_error_naming_file_and_line(tmp_path, rows, message):
    path = tmp_path / "fields.csv"
    path.write_text("table,name,type,description\n" + rows, encoding="utf-8")
    with pytest.raises(InputError, match=message) as err:
        read_fields(path)
    assert err.value.line == len(rows.splitlines()) + 1 and err.value.file == str(path)


def test_the_growth_panel_and_the_parent_benchmarks_are_described_too():
    # vocab/columns.csv: the growth panel splices the _series group after doc_id and region.
    names = [name for name, _, _ in FIELDS["growth_panel"]]
    assert names[:9] == [
        "doc_id",
        "region",
        "key",
        "indicator",
        "name",
        "unit",
        "measure",
        "quantity",
        "higher_is_better",
    ]
    assert names[-1] == "target_source" and len(names) == len(set(names))
    assert dict((n, t) for n, t, _ in FIELDS["parent_targets"])["parent_target_pct"] == "number"
