"""A small dated case for the timeline, with known answers: dates known to the day,
uncertain dates (a qualified month, a span of years, an open start) and none."""

from __future__ import annotations

TIMELINE_RECORDS = [
    {"label": "Source", "id": "s-1", "title": "Report one", "reliability": "B"},
    {"label": "Source", "id": "s-2", "title": "Report two", "publisher": "Other",
     "reliability": "B"},
    {"label": "Person", "id": "p-ana", "name": "Ana Alves"},
    {"label": "Organization", "id": "o-ngo", "name": "Monitoring NGO"},
    {"label": "Organization", "id": "o-army", "name": "The Army"},
    {"label": "Location", "id": "l-north", "name": "North Town"},
    {"label": "Location", "id": "l-south", "name": "South Town"},
    {"label": "Event", "id": "e-raid", "name": "Raid in North Town", "date": "2024-03~"},
    {"label": "Event", "id": "e-siege", "name": "Siege of South Town", "date": "2023/2024"},
    {"label": "Event", "id": "e-hearing", "name": "Hearing", "date": "2024-11-14"},
    {"label": "Event", "id": "e-old", "name": "Earlier detentions", "date": "../2022"},
    {"label": "Event", "id": "e-undated", "name": "Undated meeting"},
    {"label": "Claim", "id": "c-raid", "text": "The Army raided homes in North Town",
     "date": "2024-03-02", "sources": ["s-1", "s-2"]},
    {"label": "Claim", "id": "c-siege", "text": "The siege cut off water", "date": "2024",
     "sources": ["s-1"]},
    {"label": "Claim", "id": "c-denial", "text": "No raid took place", "date": "2024-04",
     "sources": ["s-2"]},
    {"label": "Claim", "id": "c-undated", "text": "Detainees were held without charge",
     "sources": ["s-1"]},
    {"type": "OCCURRED_AT", "from": "e-raid", "to": "l-north"},
    {"type": "OCCURRED_AT", "from": "e-siege", "to": "l-south"},
    {"type": "ALLEGES", "from": "p-ana", "to": "c-raid", "sources": ["s-1"]},
    {"type": "ALLEGES", "from": "o-ngo", "to": "c-raid", "sources": ["s-2"]},
    {"type": "ALLEGES", "from": "o-ngo", "to": "c-siege", "sources": ["s-1"]},
    {"type": "ALLEGES", "from": "o-army", "to": "c-denial", "sources": ["s-2"]},
    {"type": "ALLEGES", "from": "o-ngo", "to": "c-undated", "sources": ["s-1"]},
    {"type": "ACCUSES", "from": "c-raid", "to": "o-army"},
    {"type": "DISPUTED_BY", "from": "c-raid", "to": "c-denial", "sources": ["s-2"]},
    {"type": "ABOUT", "from": "c-raid", "to": "e-raid"},
    {"type": "ABOUT", "from": "c-denial", "to": "e-raid"},
    {"type": "ABOUT", "from": "c-siege", "to": "e-siege"},
]  # fmt: skip

# id -> (type on the axis, start, end) of every dated item, in the timeline query's
# order (earliest day, then latest); the undated ones
PLACED = {
    # open start: from a year before the first day of the timeline (2022-12-31)
    "e-old": ("range", "2021-12-31", "2023-01-01"),
    "e-siege": ("range", "2023-01-01", "2025-01-01"),
    "c-siege": ("range", "2024-01-01", "2025-01-01"),
    "e-raid": ("range", "2024-03-01", "2024-04-01"),
    "c-raid": ("point", "2024-03-02", None),
    "c-denial": ("range", "2024-04-01", "2024-05-01"),
    "e-hearing": ("point", "2024-11-14", None),
}
UNDATED = ["c-undated", "e-undated"]
