"""`frontlines events|control|stats` over a store filled by hand."""

from __future__ import annotations

import hashlib
import io
import json

import pytest

from frontlines.export import ACLED_COLUMNS, COLUMNS
from frontlines.store import Store
from frontlines.types import Actor, ControlClaim, Document, Event, Place, Report, Span

ARMY = Actor(name="Military Forces of Syria", id="sy-state", type="State forces", country="SY")
ALEPPO = Place(name="Aleppo", country="SY", admin1="Aleppo", latitude=36.2, longitude=37.13)


def _report(outlet: str, fatalities: int) -> Report:
    text = f"{outlet}: government forces shelled Aleppo, killing {fatalities}."
    doc = Document(id=hashlib.sha256(text.encode()).hexdigest(), text=text, source=outlet)
    span = Span(0, len(text), text, 0)
    event = Event(
        id=f"{doc.id[:8]}-1",
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
        date="2016-10-28",
        actor1=ARMY,
        location=ALEPPO,
        fatalities=fatalities,
        evidence=[span],
    )
    claim = ControlClaim(place=ALEPPO, actor=ARMY, status="holds", date="2016-10-28", evidence=[span])
    return Report(document=doc, events=[event], control=[claim])


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "s.duckdb"
    with Store(path) as s:
        s.add_reports([_report("Reuters", 5), _report("AFP", 7), _report("BBC", 6)])
    return path


def test_query_csv_loads_in_pandas_with_acled_columns_and_types(cli, db):
    pd = pytest.importorskip("pandas")
    result = cli(["events", "--db", str(db), "-f", "csv"])
    frame = pd.read_csv(io.StringIO(result.stdout))
    assert tuple(frame.columns) == COLUMNS
    assert tuple(frame.columns[: len(ACLED_COLUMNS)]) == ACLED_COLUMNS
    assert len(frame) == 1  # three outlets, one event
    row = frame.iloc[0]
    assert (row["fatalities"], row["source_count"], row["iso"]) == (5, 3, 760)
    assert pd.api.types.is_float_dtype(frame["latitude"])
    assert pd.to_datetime(frame["event_date"]).iloc[0].day == 28


def test_query_json_has_every_source_document(cli, db):
    rows = json.loads(cli(["events", "--db", str(db), "-f", "json"]).stdout)
    assert len(rows[0]["document_ids"]) == 3
    assert rows[0]["fatalities_max"] == 7


def test_query_geojson_is_a_feature_collection(cli, db):
    data = json.loads(cli(["events", "--db", str(db), "-f", "geojson"]).stdout)
    assert data["features"][0]["geometry"]["coordinates"] == [37.13, 36.2]


def test_query_parquet_needs_a_file_and_keeps_columns(cli, db, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    assert cli(["events", "--db", str(db), "-f", "parquet"]).exit_code == 2
    out = tmp_path / "e.parquet"
    assert cli(["events", "--db", str(db), "-f", "parquet", "-o", str(out)]).exit_code == 0
    assert tuple(pq.read_table(out).column_names) == COLUMNS


def test_query_filters_apply(cli, db):
    assert "no events match" in cli(["events", "--db", str(db), "--country", "IQ"]).stderr
    table = cli(["events", "--db", str(db), "--near", "36.2,37.1,20"]).stdout
    assert "Aleppo" in table


def test_query_bad_near_is_a_usage_error(cli, db):
    assert cli(["events", "--db", str(db), "--near", "36.2"]).exit_code == 2


def test_query_control_prints_timeline(cli, db):
    out = cli(["control", "Aleppo", "--db", str(db)]).stdout
    assert "Military Forces of Syria" in out and "holds" in out


def test_query_stats_json_counts(cli, db):
    data = json.loads(cli(["stats", "--db", str(db), "-f", "json"]).stdout)
    assert data["counts"]["multi_source_events"] == 1
    assert data["type"] == [{"key": "Explosions/Remote violence", "events": 1, "fatalities": 5, "multi_source": 1}]


def test_query_missing_store_is_one_line_exit_1(cli, tmp_path):
    result = cli(["events", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1
    assert "frontlines ingest" in result.stderr


@pytest.mark.parametrize("command", ["events", "control", "stats"])
def test_query_help_has_an_example(cli, command):
    assert "Example:" in cli([command, "--help"]).output
