import pytest

from frontlines.extraction.numbers import NumberReader

READER = NumberReader({"dozens": 12, "hundreds": 100, "several": 3, "tens": 10})


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("the strike killed at least 12 people", 12),
        ("six people were killed and dozens wounded", 6),  # wounded are not fatalities
        ("dozens of people were killed", 12),  # ACLED: "dozens" is 12
        ("hundreds were killed, according to the UN; the army said 40 died", 40),  # most conservative
        ("the death toll rose to 45", 45),
        ("No one was killed in the blast.", 0),  # an explicit zero
        ("killing twenty-five soldiers", 25),
        ('troops had "neutralised" about 20 terrorists', 20),  # a military claim of kills
        ("gunmen shot dead a former police officer", 1),  # one named victim is one death
        ("security forces shot dead at least eight protesters", 8),
        ("a soldier was killed and three were wounded", 1),
    ],
)
def test_numbers_fatalities(text, value):
    count = READER.fatalities(text)
    assert count is not None and count.value == value
    assert text[count.start : count.end]  # the span points at real text


@pytest.mark.parametrize(
    "text",
    [
        "30 people were wounded",
        "the army deployed 5,000 troops",
        "burning dozens of tires",
        "gunmen failed to kill a judge",
        "a man was wounded",
    ],
)
def test_numbers_no_fatalities_when_none_are_given(text):
    assert READER.fatalities(text) is None


def test_numbers_quantities_kept_as_written():
    text = 'It began with "hundreds" of Grad missiles and around 5,000 fighters'
    found = [text[s:e] for s, e in READER.quantities(text)]
    assert found == ['"hundreds" of Grad missiles', "around 5,000 fighters"]
