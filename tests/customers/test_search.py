"""Customer lookup through the service, on SQLite and PostgreSQL."""

from __future__ import annotations

import re

import pytest

from console.errors import PermissionDenied
from console.models import Customer
from console.search import statements
from console.services.customers.search import find_customers
from tests import factories as f

PEOPLE = [
    ("3700000001", "王伟", "13800135678", "曹县青菏街道王庄村3排12号"),
    ("3700000002", "王伟明", "13912345678", "牡丹区中华路1234号"),
    ("3700000003", "张秀兰", "15066667777", "定陶区滨河街道李庄村5排3号"),
    ("3700000004", "张伟", "18654321000", "单县北园路88号"),
    ("3700000005", "李娜", "13700001234", "巨野县永丰街道和平路17号"),
    ("3700000006", "赵薇", "13612340000", "郓城县东关村2排8号"),
]


@pytest.fixture
def people(db):
    with db.session() as s:
        unit, tariff = f.unit(s), f.tariff(s)
        made = {}
        for number, name, phone, address in PEOPLE:
            c = Customer(customer_no=number, name=name, phone=phone, address=address,
                         category="residential", unit_id=unit.id, tariff_id=tariff.id)
            s.add(c)
            s.flush()
            made[number] = (c, f.meter(s, unit, c))
        seal_no = f.installed_seal(s, unit, made["3700000003"][1], serial=77).seal_no
        clerk = f.actor(s, unit, username="clerk", role="counter")
        boss = f.actor(s, unit, username="boss", role="supervisor")
        meters = {no: (m.asset_no, m.address) for no, (_c, m) in made.items()}
    return {"clerk": clerk, "boss": boss, "meters": meters, "seal": seal_no}


def numbers(db, actor, text):
    return [r.customer_no for r in find_customers(db, actor, text).rows]


def test_customer_number_exact_and_fullwidth(db, people):
    assert numbers(db, people["clerk"], "3700000003") == ["3700000003"]
    assert numbers(db, people["clerk"], "３７０００００００３") == ["3700000003"]


def test_meter_asset_number_address_and_seal_find_the_customer(db, people):
    asset, address = people["meters"]["3700000004"]
    assert numbers(db, people["clerk"], asset) == ["3700000004"]
    assert numbers(db, people["clerk"], address) == ["3700000004"]
    assert numbers(db, people["clerk"], people["seal"]) == ["3700000003"]


def test_phone_whole_and_last_digits(db, people):
    assert numbers(db, people["clerk"], "15066667777") == ["3700000003"]
    assert numbers(db, people["clerk"], "5678") == ["3700000001", "3700000002"]
    assert numbers(db, people["clerk"], "1234") == ["3700000005"]


def test_two_character_name_exact_ranks_before_longer_names(db, people):
    assert numbers(db, people["clerk"], "王伟") == ["3700000001", "3700000002"]


def test_name_parts(db, people):
    assert numbers(db, people["clerk"], "秀兰") == ["3700000003"]
    assert numbers(db, people["clerk"], "张") == ["3700000003", "3700000004"]


def test_pinyin_initials_and_full(db, people):
    assert numbers(db, people["clerk"], "zxl") == ["3700000003"]
    assert numbers(db, people["clerk"], "zw") == ["3700000004", "3700000006"]  # 张伟, 赵薇
    assert numbers(db, people["clerk"], "ZhangWei") == ["3700000004"]
    assert numbers(db, people["clerk"], "wangw")[:2] == ["3700000001", "3700000002"]


def test_address_fragments(db, people):
    assert numbers(db, people["clerk"], "王庄村") == ["3700000001"]
    assert numbers(db, people["clerk"], "中华路") == ["3700000002"]
    assert set(numbers(db, people["clerk"], "村")) == {"3700000001", "3700000003", "3700000006"}
    assert numbers(db, people["clerk"], "5排3号") == ["3700000003"]


def test_phones_in_results_are_masked_for_every_role(db, people):
    for who in ("clerk", "boss"):
        assert find_customers(db, people[who], "3700000001").rows[0].phone == "138****5678"


@pytest.mark.parametrize("junk", ["", "   ", "%", "_", "'", '"', "\\", "' OR 1=1 --",
                                  "🙂", "\x00", "王" * 10_000, 'a"b'])
def test_junk_is_harmless(db, people, junk):
    result = find_customers(db, people["clerk"], junk)
    assert result.total == len(result.rows) <= 50


def test_lookup_needs_a_login():
    with pytest.raises(PermissionDenied):
        find_customers(None, None, "3700000001")  # type: ignore[arg-type]


def test_renamed_customer_is_found_by_the_new_name(db, people):
    with db.session() as s:
        c = s.query(Customer).filter_by(customer_no="3700000006").one()
        c.name = "赵敏"
    assert numbers(db, people["clerk"], "赵敏") == ["3700000006"]
    assert numbers(db, people["clerk"], "zm") == ["3700000006"]
    assert numbers(db, people["clerk"], "赵薇") == []




# Each probe with the parameters a real query gives it. SQLite's address LIKE
# is left out on purpose: under three characters no trigram exists, and its
# scan stops at CAP hits; LIKE on names is PostgreSQL's only.
PROBES = [
    ("customer_no", {"q": "3700000001"}),
    ("customer_no_prefix", {"lo": "3700", "hi": "3700\U0010ffff", "like": "3700%"}),
    ("meter_asset", {"q": "3700101000000000001232"}),
    ("meter_address", {"q": "000000000123"}),
    ("seal", {"q": "3700101000000000001232"}),
    ("phone", {"q": "13800135678"}),
    ("phone_tail", {"tail": "5678"}),
    ("phone_tail_like", {"tail": "5678", "like": "%0135678"}),
    ("name", {"q": "王伟"}),
    ("name_prefix", {"lo": "王", "hi": "王\U0010ffff"}),
    ("initials", {"q": "zw"}),
    ("initials_prefix", {"lo": "zw", "hi": "zw\U0010ffff", "like": "zw%"}),
    ("pinyin_prefix", {"lo": "zhangw", "hi": "zhangw\U0010ffff", "like": "zhangw%"}),
]
PG_PROBES = [("name_like", {"like": "王伟%"}), ("name_like", {"like": "%伟明%"}), ("name_like", {"like": "%王伟"}),
             ("address_like", {"like": "%中华路%"})]


@pytest.mark.parametrize(("probe", "params"), PROBES)
def test_every_probe_can_use_an_index(db, people, probe, params):
    """At a million customers a probe that scans the table costs seconds.

    The test tables are tiny, so on PostgreSQL the planner is told scans are a
    last resort: a scan in the plan then means no index can serve the probe.
    (The pinyin prefix once scanned there: >= / < cannot use text_pattern_ops.)
    """
    _assert_index_only(db, probe, params)


# SQLite finds names and addresses through FTS5 and ranges, PostgreSQL by LIKE on trigrams.
@pytest.mark.parametrize("db", [pytest.param("postgres", marks=pytest.mark.postgres)],
                         indirect=True)
@pytest.mark.parametrize(("probe", "params"), PG_PROBES, ids=[p[1]["like"] for p in PG_PROBES])
def test_postgres_like_probes_use_the_trigram_indexes(db, people, probe, params):
    _assert_index_only(db, probe, params)


def _assert_index_only(db, probe: str, params: dict) -> None:
    with db.read() as s:
        conn = s.connection()
        pg = conn.dialect.name == "postgresql"
        stmt = getattr(statements.for_dialect(conn.dialect.name), probe)
        names = {b.key for b in stmt._get_embedded_bindparams()}
        sql = str(stmt.params({k: v for k, v in params.items() if k in names})
                  .compile(conn, compile_kwargs={"literal_binds": True}))
        if pg:
            conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
            # Doubled, a LIKE wildcard means the same, whether or not the driver halves it.
            plan = "\n".join(r[0] for r in conn.exec_driver_sql("EXPLAIN " + sql.replace("%", "%%")))
            assert "Seq Scan" not in plan, plan
        else:
            plan = "\n".join(str(r[-1]) for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql))
            assert not re.search(r"\bSCAN (customer|meter|seal)\b", plan), plan
