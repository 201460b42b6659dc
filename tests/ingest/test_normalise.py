from hypothesis import given
from hypothesis import strategies as st

from frontlines.ingest.normalise import normalise, text_id


@given(st.text())
def test_normalise_is_idempotent(text):
    once = normalise(text)
    assert normalise(once) == once


def test_normalise_unifies_newlines_spaces_and_invisibles():
    raw = "Rebels\u00a0attacked\r\n\r\n\r\n\r\nthe\u200b town.  \t"
    assert normalise(raw) == "Rebels attacked\n\nthe town."


def test_normalise_composes_unicode():
    # "Ḩalab" typed with a combining dot below must equal the precomposed form
    assert normalise("H\u0327alab") == normalise("\u1e28alab")


def test_text_id_is_sha256_of_normalised_text():
    assert text_id("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
