"""``frontlines gazetteer``: list, info, add, remove, with one-line errors."""

from __future__ import annotations

import json


def test_cli_gazetteer_list_shows_default(cli, home):
    result = cli(["gazetteer", "list", "--json"])
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert rows[0]["installed_as"] == "default" and rows[0]["count"] > 200_000


def test_cli_gazetteer_add_info_remove_overlay(cli, home, geo_data):
    assert cli(["gazetteer", "add", "overlay", str(geo_data / "places.csv"), "--name", "mine"]).exit_code == 0
    info = json.loads(cli(["gazetteer", "info", "mine"]).output)
    assert info["count"] == 1 and info["kind"] == "overlay"
    assert cli(["gazetteer", "remove", "mine"]).exit_code == 0
    assert "mine" not in cli(["gazetteer", "list"]).output


def test_cli_gazetteer_bad_dump_is_one_line_exit_1(cli, home, geo_data):
    result = cli(["gazetteer", "add", "geonames", str(geo_data / "truncated.zip")])
    assert result.exit_code == 1
    assert "truncated or corrupt zip" in result.output
