import pytest

from allegraph.model import Entity, Link
from allegraph.schema import registry
from allegraph.validate import ValidationError, Validator


@pytest.fixture
def check():
    return Validator(registry()).check


def test_the_design_example_records(check):
    person = check(
        {
            "label": "Person",
            "id": "moskalkova",
            "name": "Tatyana Moskalkova",
            "aliases": ["Tatiana Moskalkova"],
            "sources": ["art-1"],
        }
    )
    assert person == Entity(
        "Person",
        "moskalkova",
        {"name": "Tatyana Moskalkova", "aliases": ["Tatiana Moskalkova"]},
        ["art-1"],
    )
    link = check(
        {
            "type": "ALLEGES",
            "from": "moskalkova",
            "to": "c-torture",
            "date": "2024",
            "sources": ["art-1"],
        }
    )
    assert isinstance(link, Link)
    assert (link.src, link.dst, link.id) == (
        "moskalkova",
        "c-torture",
        "moskalkova|ALLEGES|c-torture",
    )
    assert link.props == {"date": "2024", "earliest": "2024-01-01", "latest": "2024-12-31"}


def test_id_is_derived_from_the_name_when_missing(check):
    a = check({"label": "Organization", "name": "Armed Forces of Ukraine"})
    b = check({"label": "Organization", "name": "ARMED  forces of ukraine"})
    assert a.id == b.id == "organization:armed-forces-of-ukraine"
    source = check({"label": "Source", "title": "T", "url": "https://example.org/a"})
    assert source.id == "source:https-example-org-a"


def test_derived_dates_are_recomputed_not_trusted(check):
    event = check({"label": "Event", "name": "E", "date": "2024-11~", "earliest": "1900-01-01"})
    assert event.props["earliest"] == "2024-11-01"
    assert event.props["latest"] == "2024-11-30"


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        ({"label": "Planet", "name": "Mars"}, "label: unknown label 'Planet'"),
        ({"type": "LIKES", "from": "a", "to": "b"}, "type: unknown relationship type 'LIKES'"),
        ({"label": "Person", "name": "A", "shoeSize": 42}, "shoeSize: unknown property of Person"),
        ({"type": "ABOUT", "from": "a", "to": "b", "mood": "x"}, "mood: unknown property of ABOUT"),
        ({"label": "Person", "aliases": ["A"]}, "name: missing required property of Person"),
        ({"label": "Claim", "text": "x"}, "sources: a Claim needs at least one source id"),
        (
            {"label": "Event", "name": "E", "date": "2024-13-45"},
            "date: '2024-13-45' is not an EDTF date",
        ),
        (
            {"label": "Claim", "text": "x", "sources": ["s"], "credibility": "high"},
            "credibility: expected an integer, got 'high'",
        ),
        (
            {"label": "Claim", "text": "x", "sources": ["s"], "credibility": 9},
            "credibility: 9 is outside 1..6",
        ),
        (
            {"label": "Source", "title": "t", "reliability": "G"},
            "reliability: 'G' is not one of A, B",
        ),
        ({"label": "Location", "name": "B", "latitude": "40.4"}, "latitude: expected a number"),
        ({"label": "Person", "name": "A", "aliases": "B"}, "aliases: expected a list of strings"),
        ({"label": "Person", "name": ["A"]}, "name: expected a string"),
        ({"label": "Source", "title": "t", "url": "not a url"}, "url: expected a URL"),
        (
            {"label": "Person", "name": "A", "sources": "art-1"},
            "sources: must be a list of Source ids",
        ),
        (
            {"type": "ALLEGES", "to": "c", "sources": ["s"]},
            "from: missing required field of an ALLEGES link",
        ),
        (
            {"type": "ALLEGES", "from": "a", "to": "c"},
            "sources: an ALLEGES needs at least one source id",
        ),
        ({"name": "x"}, "record has neither 'label' (entity) nor 'type' (link)"),
        (["not", "an", "object"], "a record must be an object, not list"),
        (
            {"label": "Person", "id": " padded ", "name": "A"},
            "id: must be a string without surrounding spaces",
        ),
    ],
)
def test_rejections_name_the_field(check, record, reason):
    with pytest.raises(ValidationError) as err:
        check(record)
    assert str(err.value).startswith(reason)


def test_wrong_endpoint_labels():
    validator = Validator(registry())
    link = validator.check({"type": "ALLEGES", "from": "baku", "to": "c", "sources": ["s"]})
    with pytest.raises(
        ValidationError,
        match="from: ALLEGES must start at Person/Organization, but 'baku' is a Location",
    ):
        validator.check_endpoints(link, "Location", "Claim")
    with pytest.raises(ValidationError, match="to: ALLEGES must end at Claim, but 'c' is an Event"):
        validator.check_endpoints(link, "Person", "Event")
    validator.check_endpoints(link, "Organization", "Claim")  # allowed: no error


def test_system_properties_are_not_taken_from_input(check):
    ent = check({"label": "Person", "name": "A", "firstSeen": "1999", "loadRun": "x"})
    assert ent.props == {"name": "A"}
    assert ent.first_seen is None
