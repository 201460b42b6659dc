from hypothesis import given
from hypothesis import strategies as st

from frontlines.recognise.nlp import build_nlp, sentence_bounds

NLP = build_nlp()


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_tokenizer_keeps_text_exactly(text):
    doc = NLP(text)
    assert doc.text == text
    for tok in doc:
        assert text[tok.idx : tok.idx + len(tok.text)] == tok.text


def test_tokenizer_keeps_transliterated_names_whole():
    words = [t.text for t in NLP("Fighting in al-Ramousa and Ma'rib, Aleppo's west.")]
    assert "al-Ramousa" in words and "Ma'rib" in words
    assert words[words.index("Aleppo") + 1] == "'s"  # possessive split off so "Aleppo" matches


def test_sentences_break_at_lines_and_full_stops_not_abbreviations():
    text = "Headline without stop\nGen. Smith said the U.S. Army left. Rebels then attacked."
    sents = [text[s:e] for s, e in sentence_bounds(NLP(text))]
    assert sents == ["Headline without stop", "Gen. Smith said the U.S. Army left.", "Rebels then attacked."]
