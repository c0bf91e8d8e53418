"""Seeded synthetic cases of any size, for benchmarks and tests.

:func:`records` yields exactly ``size`` native records (entities first, then
links, so every reference points backwards) that look like what analysts
load: a few actors make most of the allegations (Zipf-distributed activity),
claims are backed by 1-5 sources from publishers that are sometimes shared,
some claims are disputed by an actor or by a counter-claim (sometimes both
ways, a cycle), claims and sources SUPPORT others (with a few cycles),
names have aliases in other scripts, dates are uncertain EDTF
(``2024-03~``, ``2023/2024``, ``../2022``) and events happen at places.

The same ``size`` and ``seed`` always give the same records, byte for byte:
only :class:`random.Random` drives it, and it never looks at the clock.
:func:`write_allegations_csv` writes the same case as the flat allegations
log (one row per claim).

Every text is made up. Actors, places and outlets are invented (names are
built from common name parts); nothing here alleges anything of anyone real.
"""

from __future__ import annotations

import csv
import random
from bisect import bisect
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path
from typing import Any

import orjson

from allegraph.loaders.allegations import COLUMNS as ALLEGATIONS_COLUMNS

MIN_SIZE = 200

# Share of the records of each kind; the rest (rounding) goes to CITES.
SHARES: dict[str, float] = {
    "Source": 0.06,
    "Location": 0.005,
    "Organization": 0.012,
    "Person": 0.025,
    "Event": 0.04,
    "Claim": 0.16,
    "LOCATED_IN": 0.004,
    "AFFILIATED_WITH": 0.015,
    "OCCURRED_AT": 0.04,
    "PARTICIPATED_IN": 0.04,
    "WITNESSED": 0.015,
    "ALLEGES": 0.19,
    "ACCUSES": 0.14,
    "ABOUT": 0.13,
    "DISPUTED_BY": 0.045,
    "SUPPORTS": 0.03,
}
ZIPF_ACTORS = 1.1  # exponent of actor activity: rank k alleges in proportion to 1/k^s
ZIPF_PUBLISHERS = 0.9
SOURCES_PER_CLAIM = (0.45, 0.25, 0.15, 0.1, 0.05)  # P(1), ..., P(5)

# (Latin, native script) name parts; the native spelling becomes an alias.
FIRST = [
    ("Olena", "Олена"),
    ("Tatyana", "Татьяна"),
    ("Sergei", "Сергей"),
    ("Ivan", "Иван"),
    ("Mykola", "Микола"),
    ("Anna", "Анна"),
    ("Dmitri", "Дмитрий"),
    ("Oksana", "Оксана"),
    ("Ahmed", "أحمد"),
    ("Fatima", "فاطمة"),
    ("Omar", "عمر"),
    ("Layla", "ليلى"),
    ("Yusuf", "يوسف"),
    ("Mariam", "مريم"),
    ("Wei", "伟"),
    ("Li", "莉"),
    ("Jun", "军"),
    ("Mei", "梅"),
    ("Giorgi", "გიორგი"),
    ("Nino", "ნინო"),
    ("Armen", "Արմեն"),
    ("Anahit", "Անահիտ"),
    ("Leyla", "Leyla"),
    ("Rashad", "Rəşad"),
    ("Yael", "יעל"),
    ("David", "דוד"),
    ("Kwame", "Kwame"),
    ("Amina", "Amina"),
    ("Carlos", "Carlos"),
    ("Lucia", "Lucía"),
    ("Hiroshi", "博"),
    ("Yuki", "由紀"),
    ("Priya", "प्रिया"),
    ("Arjun", "अर्जुन"),
    ("Elena", "Елена"),
    ("Pavel", "Павел"),
    ("Zaur", "Заур"),
    ("Aigerim", "Айгерим"),
    ("Nodira", "Нодира"),
    ("Tomasz", "Tomasz"),
]
LAST = [
    ("Kovalenko", "Коваленко"),
    ("Petrov", "Петров"),
    ("Moroz", "Мороз"),
    ("Shevchenko", "Шевченко"),
    ("Ivanova", "Иванова"),
    ("Sokolov", "Соколов"),
    ("Haddad", "حداد"),
    ("Mansour", "منصور"),
    ("Khalil", "خليل"),
    ("Nasser", "ناصر"),
    ("Saleh", "صالح"),
    ("Zhang", "张"),
    ("Wang", "王"),
    ("Chen", "陈"),
    ("Liu", "刘"),
    ("Beridze", "ბერიძე"),
    ("Kapanadze", "კაპანაძე"),
    ("Petrosyan", "Պետրոսյան"),
    ("Hakobyan", "Հակոբյան"),
    ("Aliyev", "Əliyev"),
    ("Mammadova", "Məmmədova"),
    ("Cohen", "כהן"),
    ("Levi", "לוי"),
    ("Mensah", "Mensah"),
    ("Okafor", "Okafor"),
    ("Garcia", "García"),
    ("Lopez", "López"),
    ("Tanaka", "田中"),
    ("Sato", "佐藤"),
    ("Sharma", "शर्मा"),
    ("Patel", "पटेल"),
    ("Nowak", "Nowak"),
    ("Kowalski", "Kowalski"),
    ("Tkachenko", "Ткаченко"),
    ("Bondarenko", "Бондаренко"),
    ("Volkova", "Волкова"),
    ("Nazarov", "Назаров"),
    ("Karimova", "Каримова"),
    ("Rahimi", "رحیمی"),
    ("Hosseini", "حسینی"),
]
# A second spelling some sources use (transliteration variants), kept as an alias.
VARIANTS = {
    "Tatyana": "Tatiana",
    "Sergei": "Sergey",
    "Dmitri": "Dmitry",
    "Yusuf": "Youssef",
    "Mykola": "Nikolai",
    "Olena": "Elena",
    "Aliyev": "Aliev",
    "Petrosyan": "Petrossian",
}
PLACE_ROOTS = [
    ("Kamen", "Камен"),
    ("Zelen", "Зелен"),
    ("Nova", "Нова"),
    ("Bila", "Біла"),
    ("Dar", "دار"),
    ("Ras", "رأس"),
    ("Tell", "تل"),
    ("Ain", "عين"),
    ("Shan", "山"),
    ("He", "河"),
    ("Tbili", "თბილი"),
    ("Gyumr", "Գյումր"),
    ("Gan", "Gən"),
    ("Sheki", "Şəki"),
]
PLACE_ENDS = [
    ("ka", "ка"),
    ("ivka", "івка"),
    ("grad", "град"),
    ("pol", "поль"),
    ("abad", "آباد"),
    ("yurt", "юрт"),
    ("ovo", "ово"),
    ("ino", "ино"),
]
COUNTRIES = [
    "Arvania",
    "Belistan",
    "Corovia",
    "Dravonia",
    "Estmark",
    "Faloria",
    "Gorvat",
    "Hesperia",
    "Ilvania",
    "Jorvik",
    "Kestria",
    "Lomara",
]
ORG_KINDS = [
    ("armed-forces", "Armed Forces of {c}"),
    ("government", "Ministry of Defence of {c}"),
    ("government", "Office of the Human Rights Commissioner of {c}"),
    ("ngo", "{c} Human Rights Monitor"),
    ("ngo", "Committee for Missing Persons in {c}"),
    ("media", "{c} Broadcasting Service"),
    ("armed-forces", "Brigade {n} of {c}"),
    ("police", "National Police of {c}"),
    ("ngo", "{c} Helsinki Group"),
    ("company", "{c} Private Security Company {n}"),
]
EVENT_KINDS = [
    "shelling",
    "detention",
    "assault",
    "conference",
    "protest",
    "killing",
    "displacement",
    "strike",
    "raid",
    "hostage-taking",
]
CLAIM_TEMPLATES = [
    ("torture", "{a} tortured detainees held after the {e}"),
    ("execution", "{a} executed civilians during the {e}"),
    ("attribution", "{a} carried out the {e}"),
    ("shelling", "{a} shelled residential areas in the {e}"),
    ("detention", "{a} detained journalists covering the {e}"),
    ("denial", "{a} did not take part in the {e}"),
    ("staging", "Footage of the {e} was staged by {a}"),
    ("casualties", "{a} understated the number of casualties of the {e}"),
    ("evidence", "{a} destroyed evidence after the {e}"),
]
SOURCE_KINDS = [
    "news-article",
    "news-article",
    "news-article",
    "report",
    "video",
    "social-media-post",
    "press-release",
    "dataset",
]
LANGUAGES = ["en", "ru", "uk", "ar", "zh", "ka", "hy", "az", "he", "es"]
ROLES = ["organiser", "attendee", "speaker", "alleged perpetrator", "alleged victim"]
WITNESS_ROLES = ["observer", "attendee", "victim", "journalist"]
OFFICES = ["member", "spokesperson", "commander", "director", "adviser", "press officer"]
PUBLISHER_WORDS = ["Daily", "Herald", "Observer", "Times", "Wire", "Report", "Monitor", "News"]

# The allegations-log columns, then the claim properties the generator fills.
CSV_COLUMNS = (*ALLEGATIONS_COLUMNS, "kind", "credibility")


def counts(size: int) -> dict[str, int]:
    """How many records of each label and type a case of ``size`` records holds."""
    if size < MIN_SIZE:
        raise ValueError(f"size must be at least {MIN_SIZE} records, got {size}")
    out = {kind: max(2, int(size * share)) for kind, share in SHARES.items()}
    out["Location"] = max(out["Location"], 4)
    claims = out["Claim"]
    # per-claim links: at least one ALLEGES each, at most one of the others each
    out["ALLEGES"] = min(max(out["ALLEGES"], claims), 2 * claims)
    for kind in ("ACCUSES", "ABOUT", "DISPUTED_BY", "SUPPORTS"):
        out[kind] = min(out[kind], claims)
    out["CITES"] = size - sum(out.values())
    if out["CITES"] < 0:
        raise AssertionError(f"shares add up to more than {size}")
    return out


COUNTERED, COUNTERING, BY_ACTOR = 1, 2, 3  # how a claim is disputed (0: it is not)


def dispute_plan(claims: int, count: int) -> list[int]:
    """How each claim is disputed, ``count`` disputes in all: a claim answered by a
    counter-claim (the next one) is disputed by it; every other counter-claim is
    disputed back (a cycle); the remaining disputes come from accused actors."""
    plan = [0] * claims
    for c in range(8, claims - 1, 10):
        if count == 0:
            return plan
        plan[c], count = COUNTERED, count - 1
        if c % 20 == 18 and count:
            plan[c + 1], count = COUNTERING, count - 1
    free = [c for c in range(claims) if c % 10 < 8]
    for c, chosen in zip(free, _spread(min(count, len(free)), len(free)), strict=True):
        if chosen:
            plan[c] = BY_ACTOR
    return plan


def support_plan(claims: int, count: int) -> list[bool]:
    """Which claims get a SUPPORTS: the first four of every twenty (a source, a chain and
    a cycle, see ``support``) first, then evenly spread, ``count`` in all."""
    plan = [False] * claims
    for c in [c for c in range(claims) if c % 20 < 4][:count]:
        plan[c] = True
    rest = [c for c in range(claims) if not plan[c]]
    left = count - (claims - len(rest))
    for c, chosen in zip(rest, _spread(min(left, len(rest)), len(rest)), strict=True):
        plan[c] = chosen
    return plan


def _spread(count: int, total: int) -> list[bool]:
    """``count`` True values spread evenly over ``total`` slots (deterministic)."""
    return [(i + 1) * count // total > i * count // total for i in range(total)]


class _Zipf:
    """Draws an index 0..n-1 with weight 1/(rank+1)^s: index 0 is drawn most."""

    def __init__(self, n: int, s: float, rng: random.Random):
        self.cum = list(accumulate(1.0 / (k + 1) ** s for k in range(n)))
        self.total = self.cum[-1]
        self.rng = rng

    def __call__(self) -> int:
        return min(bisect(self.cum, self.rng.random() * self.total), len(self.cum) - 1)


@dataclass
class _Case:
    """Enough of the generated nodes to build links and the CSV (ids are by index)."""

    n: dict[str, int]
    claim_actor: list[int]  # primary alleging actor of each claim
    claim_accused: list[int]
    claim_event: list[int]
    claim_sources: list[tuple[int, ...]]
    claim_date: list[str]
    event_location: list[int]
    event_name: list[str]


def _person_name(i: int) -> tuple[str, list[str]]:
    # a bijection of (first, last) pairs that varies both parts from one person to the next
    first, native_first = FIRST[i % len(FIRST)]
    last, native_last = LAST[(7 * i + i // len(FIRST)) % len(LAST)]
    round_ = i // (len(FIRST) * len(LAST))
    # more people than name pairs: a middle initial, then a number, keep names unique
    middle = f" {chr(64 + (round_ - 1) % 26 + 1)}." if round_ else ""
    if round_ > 26:
        middle += f" {(round_ - 1) // 26}"
    name = f"{first}{middle} {last}"
    aliases = []
    native = f"{native_first}{middle} {native_last}"
    if native != name:
        aliases.append(native)
    if first in VARIANTS or last in VARIANTS:
        aliases.append(f"{VARIANTS.get(first, first)}{middle} {VARIANTS.get(last, last)}")
    return name, aliases


def _place_name(i: int) -> tuple[str, str]:
    root, native_root = PLACE_ROOTS[i % len(PLACE_ROOTS)]
    end, native_end = PLACE_ENDS[(i // len(PLACE_ROOTS)) % len(PLACE_ENDS)]
    round_ = i // (len(PLACE_ROOTS) * len(PLACE_ENDS))
    suffix = f"-{round_ + 1}" if round_ else ""
    return f"{root}{end}{suffix}", f"{native_root}{native_end}{suffix}"


def _date(rng: random.Random) -> str:
    """An EDTF date, exact or not, between 2014 and 2025."""
    year = rng.randint(2014, 2025)
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    roll = rng.random()
    if roll < 0.40:
        return f"{year}-{month:02d}-{day:02d}"
    if roll < 0.60:
        return f"{year}-{month:02d}"
    if roll < 0.70:
        return f"{year}-{month:02d}~"
    if roll < 0.78:
        return str(year)
    if roll < 0.85:
        return f"{year - 1}/{year}"
    if roll < 0.90:
        return f"../{year}"
    if roll < 0.95:
        return f"{year}-{month:02d}-{day:02d}?"
    return f"{year}-{month:02d}-{day:02d}/{year}-{month:02d}-{min(day + 3, 28):02d}"


def _sid(i: int) -> str:
    return f"src-{i}"


class _Generator:
    def __init__(self, size: int, seed: int):
        self.size, self.seed = size, seed
        self.rng = random.Random(f"allegraph-synth:{seed}:{size}")
        self.n = counts(size)
        n = self.n
        self.actors = n["Person"] + n["Organization"]
        self.publishers = max(3, n["Source"] // 25)
        self.countries = min(len(COUNTRIES), max(2, n["Location"] // 10))

    # ids: actors are persons then organizations, in one index space
    def actor_id(self, i: int) -> str:
        persons = self.n["Person"]
        return f"person-{i}" if i < persons else f"org-{i - persons}"

    def actor_name(self, i: int) -> str:
        persons = self.n["Person"]
        return _person_name(i)[0] if i < persons else self.org_name(i - persons)[1]

    def org_name(self, i: int) -> tuple[str, str]:
        kind, pattern = ORG_KINDS[i % len(ORG_KINDS)]
        country = COUNTRIES[(i // len(ORG_KINDS)) % len(COUNTRIES)]
        round_ = i // (len(ORG_KINDS) * len(COUNTRIES))
        name = pattern.format(c=country, n=round_ + 1)
        if round_ and "{n}" not in pattern:
            name = f"{name} ({round_ + 1})"
        return kind, name

    def location_name(self, i: int) -> str:
        return COUNTRIES[i] if i < self.countries else _place_name(i)[0]

    def event_name(self, i: int, kind: str, place: int) -> str:
        return f"{kind.capitalize()} in {self.location_name(place)} #{i}"

    def node_sources(self, k: int = 1) -> list[str]:
        return sorted({_sid(self.rng.randrange(self.n["Source"])) for _ in range(k)})

    # -- nodes -----------------------------------------------------------------
    def sources(self) -> Iterator[dict]:
        rng = self.rng
        pick = _Zipf(self.publishers, ZIPF_PUBLISHERS, rng)
        for i in range(self.n["Source"]):
            pub = pick()
            name = f"{COUNTRIES[pub % len(COUNTRIES)]} {PUBLISHER_WORDS[pub % 8]} {pub}"
            domain = name.lower().replace(" ", "-")
            record = {
                "label": "Source",
                "id": _sid(i),
                "title": f"Report {i}: {CLAIM_TEMPLATES[i % len(CLAIM_TEMPLATES)][0]} allegations",
                "url": f"https://{domain}.example/{i}",
                "publisher": name,
                "published": _date(rng),
                "kind": SOURCE_KINDS[rng.randrange(len(SOURCE_KINDS))],
                "language": LANGUAGES[rng.randrange(len(LANGUAGES))],
            }
            if rng.random() < 0.7:
                record["reliability"] = "ABCDEF"[min(5, int(rng.expovariate(0.8)))]
            yield record

    def locations(self) -> Iterator[dict]:
        rng = self.rng
        for i in range(self.n["Location"]):
            if i < self.countries:
                yield {
                    "label": "Location",
                    "id": f"loc-{i}",
                    "name": COUNTRIES[i],
                    "kind": "country",
                    "sources": self.node_sources(),
                }
                continue
            name, native = _place_name(i)
            yield {
                "label": "Location",
                "id": f"loc-{i}",
                "name": name,
                "aliases": [native],
                "kind": "city" if rng.random() < 0.8 else "facility",
                "country": COUNTRIES[i % self.countries],
                "latitude": round(rng.uniform(35.0, 55.0), 4),
                "longitude": round(rng.uniform(25.0, 50.0), 4),
                "sources": self.node_sources(),
            }

    def organizations(self) -> Iterator[dict]:
        for i in range(self.n["Organization"]):
            kind, name = self.org_name(i)
            record = {
                "label": "Organization",
                "id": f"org-{i}",
                "name": name,
                "kind": kind,
                "country": COUNTRIES[(i // len(ORG_KINDS)) % len(COUNTRIES)],
                "sources": self.node_sources(),
            }
            if i % 3 == 0:
                record["aliases"] = ["".join(w[0] for w in name.split() if w[0].isupper())]
            yield record

    def persons(self) -> Iterator[dict]:
        rng = self.rng
        for i in range(self.n["Person"]):
            name, aliases = _person_name(i)
            record = {"label": "Person", "id": f"person-{i}", "name": name}
            if aliases:
                record["aliases"] = aliases
            if rng.random() < 0.5:
                record["country"] = COUNTRIES[rng.randrange(len(COUNTRIES))]
            if rng.random() < 0.1:
                record["birthDate"] = f"{rng.randint(1950, 1999)}" + ("~" if i % 2 else "")
            record["sources"] = self.node_sources(1 + (i % 4 == 0))
            yield record

    def events(self, case: _Case) -> Iterator[dict]:
        rng = self.rng
        places = self.n["Location"]
        for i in range(self.n["Event"]):
            kind = EVENT_KINDS[rng.randrange(len(EVENT_KINDS))]
            place = (
                self.countries + rng.randrange(places - self.countries)
                if (places > self.countries)
                else rng.randrange(places)
            )
            case.event_location.append(place)
            case.event_name.append(self.event_name(i, kind, place))
            record = {
                "label": "Event",
                "id": f"event-{i}",
                "name": case.event_name[-1],
                "kind": kind,
                "date": _date(rng),
                "sources": self.node_sources(1 + (i % 3 == 0)),
            }
            yield record

    def claims(self, case: _Case) -> Iterator[dict]:
        rng = self.rng
        n = self.n
        alleger = _Zipf(self.actors, ZIPF_ACTORS, rng)
        accused = _Zipf(self.actors, ZIPF_ACTORS, rng)
        per_claim = list(accumulate(SOURCES_PER_CLAIM))
        shift = self.actors // 3  # the most accused are not the most active accusers
        for i in range(n["Claim"]):
            if i % 10 == 9:  # a counter-claim: the accused of the previous claim answers
                actor, target = case.claim_accused[i - 1], case.claim_actor[i - 1]
                event = case.claim_event[i - 1]
                kind, template = CLAIM_TEMPLATES[5 if i % 20 == 9 else 6]
            else:
                actor = alleger()
                target = (accused() + shift) % self.actors
                if target == actor:
                    target = (target + 1) % self.actors
                event = rng.randrange(n["Event"])
                kind, template = CLAIM_TEMPLATES[rng.randrange(len(CLAIM_TEMPLATES))]
            k = bisect(per_claim, rng.random() * per_claim[-1]) + 1
            near = rng.randrange(n["Source"])  # sources of one story are close together
            picked = sorted({(near + rng.randrange(50)) % n["Source"] for _ in range(min(k, 5))})
            date = _date(rng)
            case.claim_actor.append(actor)
            case.claim_accused.append(target)
            case.claim_event.append(event)
            case.claim_sources.append(tuple(picked))
            case.claim_date.append(date)
            text = template.format(a=self.actor_name(target), e=case.event_name[event].lower())
            record = {
                "label": "Claim",
                "id": f"claim-{i}",
                "text": f"{text} (case {i})",
                "kind": kind,
                "date": date,
                "sources": [_sid(s) for s in picked],
            }
            if rng.random() < 0.6:
                record["credibility"] = 1 + min(5, int(rng.expovariate(0.5)))
            yield record

    # -- links -----------------------------------------------------------------
    def links(self, case: _Case) -> Iterator[dict]:
        rng, n = self.rng, self.n
        claims, events, places = n["Claim"], n["Event"], n["Location"]
        for i in range(self.countries, places):
            if i - self.countries < n["LOCATED_IN"]:
                yield {
                    "type": "LOCATED_IN",
                    "from": f"loc-{i}",
                    "to": f"loc-{i % self.countries}",
                    "sources": self.node_sources(),
                }
        for i in range(n["LOCATED_IN"] - max(0, places - self.countries)):
            org = i % n["Organization"]  # seats of organisations, for what is left
            yield {
                "type": "LOCATED_IN",
                "from": f"org-{org}",
                "to": f"loc-{(org + i // n['Organization']) % places}",
                "sources": self.node_sources(),
            }
        orgs = _Zipf(n["Organization"], 0.8, rng)
        persons = n["Person"]
        for i in range(n["AFFILIATED_WITH"]):
            person = i % persons
            org = (orgs() + i // persons) % n["Organization"]
            start = rng.randint(2000, 2022)
            link = {
                "type": "AFFILIATED_WITH",
                "from": f"person-{person}",
                "to": f"org-{org}",
                "role": OFFICES[rng.randrange(len(OFFICES))],
                "start": f"{start}",
                "sources": self.node_sources(),
            }
            if rng.random() < 0.3:
                link["end"] = f"{start + rng.randint(1, 3)}~"
            yield link
        for i in range(n["OCCURRED_AT"]):
            event = i % events
            place = (case.event_location[event] + i // events) % places
            yield {
                "type": "OCCURRED_AT",
                "from": f"event-{event}",
                "to": f"loc-{place}",
                "sources": self.node_sources(),
            }
        actor = _Zipf(self.actors, ZIPF_ACTORS, rng)
        for type_, roles in (("PARTICIPATED_IN", ROLES), ("WITNESSED", WITNESS_ROLES)):
            seen: set[tuple[int, int]] = set()  # one link per (actor, event), as ids are
            for i in range(n[type_]):
                event = i % events
                who = actor()
                while (who, event) in seen:
                    who = (who + 1) % self.actors
                seen.add((who, event))
                yield {
                    "type": type_,
                    "from": self.actor_id(who),
                    "to": f"event-{event}",
                    "role": roles[rng.randrange(len(roles))],
                    "sources": self.node_sources(),
                }
        second = _spread(n["ALLEGES"] - claims, claims)
        accuses, about = _spread(n["ACCUSES"], claims), _spread(n["ABOUT"], claims)
        disputed = dispute_plan(claims, n["DISPUTED_BY"])
        supports = support_plan(claims, n["SUPPORTS"])
        for c in range(claims):
            cid, sources = f"claim-{c}", [_sid(s) for s in case.claim_sources[c]]
            yield {
                "type": "ALLEGES",
                "from": self.actor_id(case.claim_actor[c]),
                "to": cid,
                "date": case.claim_date[c],
                "sources": sources[:1],
            }
            if second[c]:  # a second actor repeats it, later
                other = (case.claim_actor[c] + 1 + rng.randrange(self.actors - 1)) % self.actors
                yield {
                    "type": "ALLEGES",
                    "from": self.actor_id(other),
                    "to": cid,
                    "date": _date(rng),
                    "sources": sources[-1:],
                }
            if accuses[c]:
                yield {
                    "type": "ACCUSES",
                    "from": cid,
                    "to": self.actor_id(case.claim_accused[c]),
                    "sources": sources[:1],
                }
            if about[c]:
                yield {
                    "type": "ABOUT",
                    "from": cid,
                    "to": f"event-{case.claim_event[c]}",
                    "sources": sources[:1],
                }
            if disputed[c]:
                yield self.dispute(c, disputed[c], case, sources)
            if supports[c]:
                yield self.support(c, case)
        for i in range(n["CITES"]):
            event, lap = i % events, i // events
            source = (event * 31 + lap) % n["Source"]
            yield {"type": "CITES", "from": f"event-{event}", "to": _sid(source)}

    def dispute(self, c: int, how: int, case: _Case, sources: list[str]) -> dict:
        """A DISPUTED_BY from claim ``c``, as :func:`dispute_plan` says."""
        date = _date(self.rng)
        if how == COUNTERED:
            return {
                "type": "DISPUTED_BY",
                "from": f"claim-{c}",
                "to": f"claim-{c + 1}",
                "date": date,
                "sources": sources[:1],
            }
        if how == COUNTERING:
            return {
                "type": "DISPUTED_BY",
                "from": f"claim-{c}",
                "to": f"claim-{c - 1}",
                "date": date,
                "sources": sources[:1],
            }
        return {
            "type": "DISPUTED_BY",
            "from": f"claim-{c}",
            "to": self.actor_id(case.claim_accused[c]),
            "date": date,
            "sources": sources[:1],
        }

    def support(self, c: int, case: _Case) -> dict:
        """A source backs the claim, or a claim about the same event (pairs make cycles)."""
        claims = len(case.claim_actor)
        if c % 4 == 0:
            source = (case.claim_sources[c][0] + 1 + c % 7) % self.n["Source"]
            return {"type": "SUPPORTS", "from": _sid(source), "to": f"claim-{c}"}
        # c-1 backs c (c = 1 mod 4); c+1 backs c and c backs c+1 (c = 2 mod 4): a cycle
        other = c - 1 if c % 4 in (1, 3) else c + 1
        if other >= claims:
            other = c - 1
        return {"type": "SUPPORTS", "from": f"claim-{other}", "to": f"claim-{c}"}

    def run(self) -> tuple[Iterator[dict], _Case]:
        case = _Case(self.n, [], [], [], [], [], [], [])

        def stream() -> Iterator[dict]:
            yield from self.sources()
            yield from self.locations()
            yield from self.organizations()
            yield from self.persons()
            yield from self.events(case)
            yield from self.claims(case)
            yield from self.links(case)

        return stream(), case


def records(size: int, seed: int = 0) -> Iterator[dict[str, Any]]:
    """Exactly ``size`` native records of a synthetic case; the same for the same seed."""
    stream, _ = _Generator(size, seed).run()
    return stream


def actor(size: int, rank: int, seed: int = 0) -> tuple[str, str]:
    """Id and name of the actor of activity rank ``rank`` (0 alleges most) in a case."""
    gen = _Generator(size, seed)
    index = rank % gen.actors
    return gen.actor_id(index), gen.actor_name(index)


def most_accused(size: int, rank: int, seed: int = 0) -> tuple[str, str]:
    """Id and name of the actor of rank ``rank`` among those claims accuse most."""
    gen = _Generator(size, seed)
    return actor(size, rank + gen.actors // 3, seed)


def write_jsonl(path: str | Path, size: int, seed: int = 0) -> int:
    """Write the case as JSON Lines; returns the number of records written."""
    written = 0
    with open(path, "wb") as fh:
        buffer = []
        for record in records(size, seed):
            buffer.append(orjson.dumps(record))
            if len(buffer) >= 10000:
                fh.write(b"\n".join(buffer) + b"\n")
                written += len(buffer)
                buffer = []
        if buffer:
            fh.write(b"\n".join(buffer) + b"\n")
            written += len(buffer)
    return written


def allegation_rows(size: int, seed: int = 0) -> Iterator[dict[str, str]]:
    """The case as rows of the flat allegations log: one row per claim."""
    gen = _Generator(size, seed)
    stream, case = gen.run()
    keep = {
        "Source": ("url", "title"),
        "Event": ("name",),
        "Claim": ("text", "date", "kind", "credibility"),
    }
    nodes: dict[str, tuple] = {}
    for record in stream:  # the links come last: every node is known by then
        fields = keep.get(record.get("label", ""))
        if fields:
            nodes[record["id"]] = tuple(record.get(f, "") for f in fields)
    claims = gen.n["Claim"]
    disputed = dispute_plan(claims, gen.n["DISPUTED_BY"])
    for c in range(claims):
        text, date, kind, credibility = nodes[f"claim-{c}"]
        url, title = nodes[_sid(case.claim_sources[c][0])]
        event = case.claim_event[c]
        by_actor = disputed[c] == BY_ACTOR  # as the DISPUTED_BY links say
        yield {
            "alleged_by": gen.actor_name(case.claim_actor[c]),
            "claim": text,
            "accused": gen.actor_name(case.claim_accused[c]),
            "event": case.event_name[event],
            "location": gen.location_name(case.event_location[event]),
            "date": date,
            "source_url": url,
            "source_title": title,
            "disputed_by": gen.actor_name(case.claim_accused[c]) if by_actor else "",
            "kind": kind,
            "credibility": str(credibility),
        }


def write_allegations_csv(path: str | Path, size: int, seed: int = 0) -> int:
    """Write the case as the flat allegations log; returns the number of rows."""
    written = 0
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        for row in allegation_rows(size, seed):
            writer.writerow(row)
            written += 1
    return written
