"""GeoNames dumps, overlays and downloads: real formats in, one clear error for bad input."""

from __future__ import annotations

import http.server
import threading
from functools import partial

import pytest

from frontlines.errors import GazetteerError
from frontlines.resolve.gazetteer import fold_key
from frontlines.resolve.gazetteers.index import SqliteGazetteer
from frontlines.resolve.gazetteers.store import index_path, install_geonames, install_overlay


def _names(path):
    gaz = SqliteGazetteer(path)
    try:
        return {e.name: e for e in gaz.entries()}
    finally:
        gaz.close()


def test_geonames_dump_loads_txt_with_admin_names(home, geo_data):
    path = install_geonames(geo_data / "SY.txt", admin1_codes=geo_data / "admin1CodesASCII.txt")
    entries = _names(path)
    assert entries["Aleppo"].admin1 == "Aleppo" and entries["Aleppo"].population == 2098210
    assert path.name == "geonames-SY.sqlite"


def test_geonames_dump_loads_zip_and_alternate_names(home, geo_data):
    path = install_geonames(geo_data / "SY.zip", alternate_names=geo_data / "alternateNamesV2.txt")
    gaz = SqliteGazetteer(path)
    # "Tal Rifat" comes only from the alternateNames file; "Nowhere" is another country's
    assert gaz.lookup([fold_key("Tal Rifat")])[fold_key("Tal Rifat")][0].entry.id == "163345"
    assert not gaz.lookup([fold_key("Nowhere")])


def test_geonames_truncated_zip_is_one_error_and_keeps_index(home, geo_data):
    good = install_geonames(geo_data / "SY.zip", name="geonames-SY")
    before = good.stat().st_mtime_ns
    with pytest.raises(GazetteerError, match="truncated or corrupt zip"):
        install_geonames(geo_data / "truncated.zip", name="geonames-SY")
    assert good.stat().st_mtime_ns == before and _names(good)


def test_geonames_wrong_column_count_is_one_error(home, geo_data):
    with pytest.raises(GazetteerError, match="expected 19 tab-separated columns"):
        install_geonames(geo_data / "bad_columns.txt")
    assert not index_path("geonames-bad_columns").exists()


def test_overlay_geojson_polygon_centroid(home, geo_data):
    path = install_overlay(geo_data / "districts.geojson", name="test-districts", country="SY")
    e = _names(path)["Qwertabad"]
    assert abs(e.latitude - 36.11) < 1e-6 and abs(e.longitude - 37.11) < 1e-6


def test_overlay_geojson_without_names_is_one_error(home, geo_data):
    with pytest.raises(GazetteerError, match="no names"):
        install_overlay(geo_data / "no_names.geojson", name="unnamed")


def test_overlay_csv_bad_coordinates_is_one_error_and_keeps_index(home, geo_data):
    good = install_overlay(geo_data / "places.csv", name="mine")
    with pytest.raises(GazetteerError, match=r"record 3 .*bad coordinates"):
        install_overlay(geo_data / "bad_coords.csv", name="mine")
    assert "Zzyzx Camp" in _names(good)


def test_overlay_wins_over_geonames(home, nlp, geo_data):
    from frontlines.resolve.places import Geoparser

    install_overlay(geo_data / "places.csv", name="mine", parent="Aleppo, SY")
    m = Geoparser().parse(nlp("Aid reached Zzyzx Camp in Aleppo on Monday."))[0]
    assert m.place.gazetteer == "mine" and m.place.admin1 is not None


def test_download_fetches_from_a_local_server(home, tmp_path, geo_data):
    from frontlines.resolve.gazetteers.download import download_dump

    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(geo_data))
    handler.log_message = lambda *a: None  # type: ignore[attr-defined]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        dump = download_dump("sy", tmp_path / "dl", url=url)
        assert dump.name == "SY.zip"
        assert "Damascus" in _names(install_geonames(dump))
        with pytest.raises(GazetteerError, match="HTTP 404"):
            download_dump("ZZ", tmp_path / "dl", url=url)
    finally:
        server.shutdown()
        server.server_close()


def test_ocha_overlay_agrees_with_curated_districts(home, geoparser, shared):
    """The OCHA neighbourhoods (real, 109) load, and our own curated Aleppo districts
    lie within a few km of the OCHA centroid of the same name: a check on the curated
    file, which was written independently."""
    from frontlines.resolve.gazetteer import ARTICLES
    from frontlines.resolve.gazetteers.ranking import distance_km

    src = shared("geodata", "aleppo_neighborhoods_v1.json")
    path = install_overlay(src, name="aleppo-ocha", parent="Aleppo, SY")

    def key(name):
        return " ".join(w for w in fold_key(name).split() if w not in ARTICLES)

    ocha = {key(e.name): e for e in _names(path).values()}
    assert len(ocha) >= 100
    default = geoparser.gazetteers[0]
    checked = 0
    for e in default.entries():
        if e.gazetteer == "frontlines" and e.parent == "170063" and e.feature_code == "PPLX":
            twin = next((ocha[k] for k in map(key, (e.name, *e.alternate_names)) if k in ocha), None)
            if twin is not None:
                checked += 1
                assert distance_km(e.latitude, e.longitude, twin.latitude, twin.longitude) < 3, e.name
    assert checked >= 5
