"""Reading one document: formats, encodings, metadata and clear refusals."""

import pytest

from frontlines.errors import InputError
from frontlines.ingest.read import document_from_text, parse_published, read_document, read_path


def test_read_utf8_text_takes_title_from_first_line(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Clashes in Marib\n\nFighting erupted on Monday.", encoding="utf-8")
    doc, warnings = read_path(path, published="2020-03-02")
    assert doc.title == "Clashes in Marib"
    assert doc.key == str(path)
    assert doc.published == "2020-03-02"
    assert warnings == []


@pytest.mark.parametrize(
    ("text", "encoding"),
    [("اشتباكات في حلب", "cp1256"), ("Les rebelles ont attaqué Gao à l'aube, déclarant", "latin-1")],
)
def test_read_detects_non_utf8_and_warns(text, encoding):
    doc, warnings = read_document((text + " " + text).encode(encoding), key="x.txt", published="2020-01-01")
    assert text in doc.text
    assert any("not UTF-8" in w for w in warnings)


@pytest.mark.parametrize(
    ("data", "problem"),
    [(b"", "empty"), (b"   \n\t ", "empty"), (b"\x00\x01\x02\x03PNG\x00\x00" * 50, "not text (binary")],
)
def test_read_refuses_empty_and_binary(data, problem):
    with pytest.raises(InputError) as err:
        read_document(data, key="bad.bin")
    assert problem in str(err.value)
    assert str(err.value).startswith("bad.bin: ")


def test_read_refuses_oversized_input_with_the_fix():
    with pytest.raises(InputError, match=r"too large .* --max-bytes"):
        read_document(b"a" * 2000, key="big.txt", max_bytes=1000)


def test_read_html_passed_as_text_is_extracted_with_metadata():
    html = (
        "<html><head><title>Strike on Idlib</title>"
        '<meta property="article:published_time" content="2019-05-04T08:00:00Z"></head>'
        "<body><nav>Home</nav><article><p>Warplanes struck a market in Idlib on Saturday, "
        "killing five civilians, rescuers said.</p><p>The strikes hit the town centre.</p></article>"
        "<footer>Copyright</footer></body></html>"
    )
    doc, warnings = document_from_text(html, key="page.txt")
    assert "Warplanes struck a market" in doc.text
    assert "Copyright" not in doc.text and "<p>" not in doc.text
    assert doc.published == "2019-05-04"
    assert any("looks like HTML" in w for w in warnings)


def test_read_markdown_front_matter():
    md = (
        "---\ntitle: Raid in Gao\ndate: 2021-02-03\n---\n# Raid in Gao\n\n"
        "Gunmen **attacked** a [checkpoint](http://x) in Gao."
    )
    doc, _ = document_from_text(md)
    assert doc.title == "Raid in Gao"
    assert doc.published == "2021-02-03"
    assert "Gunmen attacked a checkpoint in Gao." in doc.text


def test_read_takes_publication_date_from_dateline():
    doc, warnings = document_from_text("Headline here\n28 October, 2016\nRebels attacked the town on Friday.")
    assert doc.published == "2016-10-28"
    assert any("dateline" in w for w in warnings)


def test_read_warns_when_no_date_is_known():
    _, warnings = document_from_text("Rebels attacked the town on Friday.")
    assert any("no publication date" in w for w in warnings)


@pytest.mark.parametrize("bad", ["2016-13-45", "yesterday", "28/10/2016"])
def test_parse_published_rejects_bad_dates(bad):
    with pytest.raises(InputError, match="invalid published date"):
        parse_published(bad)
