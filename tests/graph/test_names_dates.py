import pytest

from allegraph.dates import DateError, date_range
from allegraph.names import derive_id, normalize, slug


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Tatyana Moskalkova", "tatyana moskalkova"),
        ("  TATYANA   MOSKALKOVA ", "tatyana moskalkova"),
        ("Bakı", "baki"),
        ("Москалькова", "moskalkova"),
        ("Comité international de la Croix-Rouge", "comite international de la croix rouge"),
        ("O'Brien", "obrien"),
    ],
)
def test_normalize(text, key):
    assert normalize(text) == key


def test_derived_ids_are_stable_and_readable():
    assert derive_id("Person", "Tatyana Moskalkova") == "person:tatyana-moskalkova"
    assert derive_id("Person", "TATYANA MOSKALKOVA") == derive_id("Person", "Tatyana Moskalkova")
    long = slug("word " * 100)
    assert len(long) <= 91 and long == slug("word " * 100)
    assert slug("word " * 100) != slug("word " * 101)


@pytest.mark.parametrize(
    ("edtf", "earliest", "latest"),
    [
        ("2024", "2024-01-01", "2024-12-31"),
        ("2024-11", "2024-11-01", "2024-11-30"),
        ("2024-11-14", "2024-11-14", "2024-11-14"),
        ("2024-11~", "2024-11-01", "2024-11-30"),
        ("../2024", None, "2024-12-31"),
        ("2024-11-14/2024-12", "2024-11-14", "2024-12-31"),
        ("2024-02", "2024-02-01", "2024-02-29"),
        ("2024-21", "2024-03-01", "2024-05-31"),  # an EDTF season, not a month
    ],
)
def test_date_range(edtf, earliest, latest):
    assert date_range(edtf) == (earliest, latest)


@pytest.mark.parametrize(
    "bad", ["2024-13-45", "yesterday", "14/11/2024", "2024-00", "2023-02-29", "2024-04-31"]
)
def test_bad_dates(bad):
    with pytest.raises(DateError, match="is not an EDTF date"):
        date_range(bad)
