import csv

from allegraph.load import load
from allegraph.loaders import LoadContext, detect_format
from allegraph.loaders.allegations import guess_actor_label

HEADER = [
    "alleged_by",
    "claim",
    "accused",
    "event",
    "location",
    "date",
    "source_url",
    "source_title",
    "disputed_by",
    "credibility",
]


def write(path, *rows):
    with open(path, "w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def test_a_row_expands_into_nodes_and_links(tmp_path):
    path = write(
        tmp_path / "log.csv",
        [
            "Jane Roe; Rights Watch Office",
            "Prisoners were beaten",
            "Army of Ruritania",
            "Beating at camp 4",
            "Camp 4",
            "2024-03",
            "https://example.org/r",
            "Report",
            "Ministry of Defence",
            "4",
        ],
    )
    fmt = detect_format(path)
    assert fmt.name == "allegations-csv"
    records = [r.data for r in fmt.read(path, LoadContext())]
    src = "source:https-example-org-r"
    claim = "claim:prisoners-were-beaten"
    assert records == [
        {"label": "Source", "id": src, "title": "Report", "url": "https://example.org/r"},
        {
            "label": "Claim",
            "text": "Prisoners were beaten",
            "id": claim,
            "credibility": 4,
            "date": "2024-03",
            "sources": [src],
        },
        {"label": "Person", "id": "person:jane-roe", "name": "Jane Roe", "sources": [src]},
        {
            "type": "ALLEGES",
            "from": "person:jane-roe",
            "to": claim,
            "date": "2024-03",
            "sources": [src],
        },
        {
            "label": "Organization",
            "id": "organization:rights-watch-office",
            "name": "Rights Watch Office",
            "sources": [src],
        },
        {
            "type": "ALLEGES",
            "from": "organization:rights-watch-office",
            "to": claim,
            "date": "2024-03",
            "sources": [src],
        },
        {
            "label": "Organization",
            "id": "organization:army-of-ruritania",
            "name": "Army of Ruritania",
            "sources": [src],
        },
        {
            "type": "ACCUSES",
            "from": claim,
            "to": "organization:army-of-ruritania",
            "sources": [src],
        },
        {
            "label": "Event",
            "id": "event:beating-at-camp-4",
            "name": "Beating at camp 4",
            "sources": [src],
        },
        {"type": "ABOUT", "from": claim, "to": "event:beating-at-camp-4", "sources": [src]},
        {"label": "Location", "id": "location:camp-4", "name": "Camp 4", "sources": [src]},
        {
            "type": "OCCURRED_AT",
            "from": "event:beating-at-camp-4",
            "to": "location:camp-4",
            "sources": [src],
        },
        {
            "label": "Organization",
            "id": "organization:ministry-of-defence",
            "name": "Ministry of Defence",
            "sources": [src],
        },
        {
            "type": "DISPUTED_BY",
            "from": claim,
            "to": "organization:ministry-of-defence",
            "sources": [src],
        },
    ]


def test_names_match_existing_nodes_by_alias(embedded, tmp_path):
    seed = tmp_path / "seed.jsonl"
    seed.write_text(
        '{"label": "Source", "id": "s1", "title": "Report"}\n'
        '{"label": "Person", "id": "roe", "name": "Jane Roe", "aliases": ["Джейн Роу"]}\n'
        '{"label": "Organization", "id": "army", "name": "Ruritanian Army", "aliases": ["RA"]}\n'
    )
    load(embedded, [seed])
    path = write(
        tmp_path / "log.csv",
        ["ДЖЕЙН РОУ", "Prisoners were beaten", "ra", "", "", "", "", "Report", "", ""],
    )
    report = load(embedded, [path])
    assert (report.read, report.loaded, report.rejected) == (3, 3, 0)
    links = {(link.type, link.src, link.dst) for link in embedded.links()}
    claim = "claim:prisoners-were-beaten"
    assert links == {("ALLEGES", "roe", claim), ("ACCUSES", claim, "army")}
    assert embedded.get_node(claim).sources == ["s1"]
    assert embedded.counts()["nodes"]["Person"] == 1


def test_a_row_without_claim_is_rejected_with_its_line(embedded, tmp_path):
    path = write(tmp_path / "log.csv", ["Jane Roe", "", "", "", "", "", "", "Report", "", ""])
    report = load(embedded, [path], rejects_path=tmp_path / "rej.jsonl")
    assert (report.read, report.rejected) == (1, 1)
    assert '"line":2' in (tmp_path / "rej.jsonl").read_text()
    assert '"reason":"claim: empty required column"' in (tmp_path / "rej.jsonl").read_text()


def test_actor_label_guess():
    assert guess_actor_label("Armed Forces of Ukraine") == "Organization"
    assert guess_actor_label("International Committee of the Red Cross") == "Organization"
    assert guess_actor_label("Tatyana Moskalkova") == "Person"
