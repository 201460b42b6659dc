"""PATH arguments → items: folders, globs, archives, rows, feeds; each failure named."""

from __future__ import annotations

import gzip
import json
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from frontlines.errors import InputError
from frontlines.ingest.sources import Item, Options, iter_items

TEXT = "Government forces shelled Aleppo on Friday, killing five civilians.\n"


def _build(items: list[Item], opts: Options | None = None):
    """(key, document or error message) for each item."""
    out = []
    for item in items:
        try:
            out.append((item.key, item.build(opts or Options())[0]))
        except InputError as e:
            out.append((item.key, e.message))
    return out


def _items(*args, **kw) -> list[Item]:
    return list(iter_items([str(a) for a in args], Options(**kw)))


def test_sources_folder_is_walked_recursively_in_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a.txt").write_text(TEXT)
    (tmp_path / "b" / "c.md").write_text("# Title\n\n" + TEXT)
    (tmp_path / ".hidden").write_text(TEXT)
    assert [i.key for i in _items(tmp_path)] == [str(tmp_path / "a.txt"), str(tmp_path / "b/c.md")]


def test_sources_glob_option_filters_folder_files(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT)
    (tmp_path / "b.html").write_text("<p>x</p>")
    assert [i.key for i in _items(tmp_path, globs=("*.txt",))] == [str(tmp_path / "a.txt")]


def test_sources_glob_argument_is_expanded(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT)
    (tmp_path / "b.txt").write_text(TEXT)
    assert len(_items(f"{tmp_path}/*.txt")) == 2


def test_sources_missing_path_is_named(tmp_path):
    (item,) = _items(tmp_path / "nope.txt")
    assert item.error == "no such file or directory"


def test_sources_jsonl_rows_keep_id_and_metadata_and_bad_lines_are_numbered(tmp_path):
    path = tmp_path / "rows.jsonl"
    rows = [
        {"id": "r1", "text": TEXT, "published": "2016-10-28", "source": "AFP"},
        "{bad",
        {"id": "r3"},
    ]
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows) + "\n")
    built = _build(_items(path))
    assert built[0][0] == "r1"
    assert (built[0][1].published, built[0][1].source) == ("2016-10-28", "AFP")
    assert built[1] == (f"{path}:2", built[1][1]) and "not JSON" in built[1][1]
    assert built[2][0] == f"{path}:3" and "no text field" in built[2][1]


def test_sources_jsonl_bad_date_is_that_rows_error(tmp_path):
    path = tmp_path / "rows.jsonl"
    path.write_text(json.dumps({"id": "r1", "text": TEXT, "published": "yesterday"}) + "\n")
    ((key, message),) = _build(_items(path))
    assert key == "r1" and "invalid published date" in message


def test_sources_json_array_and_csv_with_text_column(tmp_path):
    (tmp_path / "a.json").write_text(json.dumps([{"id": "j1", "text": TEXT}]))
    (tmp_path / "b.csv").write_text('id,body,date\nc1,"' + TEXT.strip() + '",2016-10-28\n')
    built = dict(_build(_items(tmp_path)))
    assert set(built) == {"j1", "c1"}
    assert built["c1"].published == "2016-10-28"


def test_sources_csv_without_text_column_names_the_option(tmp_path):
    (tmp_path / "a.csv").write_text("id,headline\n1,hello\n")
    (item,) = _items(tmp_path / "a.csv")
    assert "--text-column" in item.error


def test_sources_gz_and_zip_are_opened(tmp_path):
    with gzip.open(tmp_path / "a.txt.gz", "wt") as fh:
        fh.write(TEXT)
    with zipfile.ZipFile(tmp_path / "b.zip", "w") as zf:
        zf.writestr("inner/one.txt", TEXT + "one")
        zf.writestr("rows.jsonl", json.dumps({"id": "z1", "text": TEXT + "two"}) + "\n")
    keys = [k for k, doc in _build(_items(tmp_path)) if not isinstance(doc, str)]
    assert keys == [str(tmp_path / "a.txt.gz"), f"{tmp_path / 'b.zip'}!inner/one.txt", "z1"]


def test_sources_broken_archive_is_named(tmp_path):
    (tmp_path / "bad.zip").write_bytes(b"PK\x03\x04 not really")
    (item,) = _items(tmp_path / "bad.zip")
    assert item.error.startswith("can't read")


def test_sources_feed_file_with_full_text_entries(tmp_path):
    body = "<p>" + TEXT * 30 + "</p>"
    rss = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Outlet</title><item>'
        f"<title>T</title><description><![CDATA[{body}]]></description></item></channel></rss>"
    )
    (tmp_path / "f.rss").write_text(rss)
    ((_, doc),) = _build(_items(tmp_path / "f.rss"))
    assert doc.source == "Outlet" and doc.text.startswith("Government forces")


def test_sources_feed_that_is_not_xml_is_named(tmp_path):
    (tmp_path / "f.xml").write_text("just words, no markup")
    (item,) = _items(tmp_path / "f.xml")
    assert item.error.startswith("not an RSS/Atom feed")


def test_sources_bad_inputs_each_fail_with_reason_and_the_rest_are_read(tmp_path):
    (tmp_path / "good.txt").write_text(TEXT)
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "blob.bin").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "broken.html").write_text("<html><body><div><p></div></span>")
    with open(tmp_path / "huge.txt", "wb") as fh:
        fh.truncate(100 * 1024 * 1024)  # sparse: 100 MB without writing it
    built = dict(_build(_items(tmp_path)))
    assert not isinstance(built[str(tmp_path / "good.txt")], str)
    assert built[str(tmp_path / "empty.txt")].startswith("empty")
    assert built[str(tmp_path / "blob.bin")].startswith("not text (binary")
    assert "HTML" in built[str(tmp_path / "broken.html")]
    assert built[str(tmp_path / "huge.txt")].startswith("too large (100.0 MB")


@settings(max_examples=50, deadline=None)
@given(st.binary(max_size=2000))
def test_sources_any_bytes_give_a_document_or_an_input_error(data):
    item = Item(key="x", data=data)
    try:
        doc, _ = item.build(Options())
    except InputError:
        return
    assert doc.text


def test_sources_url_page_is_fetched(http_server):
    ((key, doc),) = _build(_items(f"{http_server}/article/0"))
    assert key == f"{http_server}/article/0"
    assert "al-Shaar" in doc.text and doc.url == key


def test_sources_feed_url_items_fetch_their_article_pages(http_server):
    items = _items(f"{http_server}/feed.xml")
    assert [i.fetch for i in items] == [f"{http_server}/article/0", f"{http_server}/article/1"]
    docs = [doc for _, doc in _build(items)]
    assert docs[1].source == "Test Outlet" and docs[1].published == "2016-10-29"
    assert "story 1" in docs[1].text


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/missing", "HTTP 404"),
        ("/broken-feed.xml", "not an RSS/Atom feed"),
        ("/doc.pdf", "not text (application/pdf)"),
    ],
)
def test_sources_bad_urls_are_named_with_reason(http_server, path, reason):
    (item,) = _items(f"{http_server}{path}")
    assert item.error.startswith(reason)


def test_sources_unreachable_url_is_named():
    (item,) = _items("http://127.0.0.1:9/nothing", timeout=2.0)
    assert item.error.startswith("unreachable")


def test_sources_url_over_the_size_limit_is_refused(http_server):
    (item,) = _items(f"{http_server}/big", max_bytes=50_000)
    assert item.error.startswith("too large")


def test_sources_user_agent_names_frontlines(http_server):
    from frontlines.ingest.urls import fetch

    assert fetch(f"{http_server}/ua").content.startswith(b"frontlines/")
