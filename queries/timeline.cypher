// name: timeline
// description: Events and claims in date order, optionally only those of an actor, a place or a period.
// param actor: string (optional) — id, name or alias of an actor: only events and claims directly linked to it
// param location: string (optional) — id, name or alias of a place: only events there (or in a place inside it) and claims about them
// param from: date (optional) — EDTF date: only what may have happened on or after it
// param to: date (optional) — EDTF date: only what may have happened on or before it
// param limit: integer = 200 — most rows returned
// derived actorKey: key(actor) — the matching key of `actor`
// derived actorPhrase: phrase(actor) — the actor's key as an exact term of the name index
// derived locationKey: key(location) — the matching key of `location`
// derived locationPhrase: phrase(location) — the place's key as an exact term of the name index
// derived fromDate: earliest(from) — the first day `from` allows (ISO date)
// derived toDate: latest(to) — the last day `to` allows (ISO date)
// example: -p location=Russia
// columns: earliest, latest, date, label, id, name
// nodes: id
//
// Dates are uncertain: each item spans earliest..latest (the EDTF `date` as
// written is shown too). Items are placed by their earliest day (by their
// latest when the start is open); undated items come last, and are left out
// when a period is given. An item is in the period when its span overlaps it.
// A place contains the places LOCATED_IN it, up to 10 steps down.
// the candidates come from the actor (found by id or the allegraph_names index) or
// else from the place (its events, those in places inside it, the claims about
// them); only with neither are all events and claims read
CALL () {
  CALL () {
    MATCH (a:Person {id: $actor}) RETURN a
    UNION
    MATCH (a:Organization {id: $actor}) RETURN a
    UNION
    UNWIND CASE WHEN $actor IS NULL THEN [] ELSE [$actorPhrase] END AS phrase
    CALL db.index.fulltext.queryNodes('allegraph_names', phrase) YIELD node
    WITH node AS a WHERE (a:Person OR a:Organization) AND $actorKey IN a._keys RETURN a
  }
  MATCH (n:Event|Claim)--(a)
  RETURN n
  UNION
  CALL () {
    MATCH (l:Location {id: $location}) WHERE $actor IS NULL RETURN l
    UNION
    UNWIND CASE WHEN $actor IS NULL AND $location IS NOT NULL THEN [$locationPhrase] ELSE [] END
      AS phrase
    CALL db.index.fulltext.queryNodes('allegraph_names', phrase) YIELD node
    WITH node AS l WHERE l:Location AND $locationKey IN l._keys RETURN l
  }
  MATCH (n)-[:ABOUT*0..1]->(:Event)-[:OCCURRED_AT]->(:Location)-[:LOCATED_IN*0..10]->(l)
  WHERE n:Event OR n:Claim
  RETURN n
  UNION
  // a period alone: every event and claim is read
  UNWIND CASE WHEN $actor IS NULL AND $location IS NULL
                   AND ($fromDate IS NOT NULL OR $toDate IS NOT NULL) THEN [true] ELSE [] END
    AS everything
  CALL (everything) {
    MATCH (n:Event|Claim) WHERE everything RETURN n
  }
  RETURN n
  UNION
  // no filter: only the first rows are read, from the earliest/latest indexes
  UNWIND CASE WHEN $actor IS NULL AND $location IS NULL AND $fromDate IS NULL AND $toDate IS NULL
              THEN [true] ELSE [] END AS everything
  CALL (everything) {
    // the first $limit by earliest day of each label, in index order; `bound` is the
    // earliest day of the $limit-th of them all (null when there are fewer)
    CALL (everything) {
      MATCH (e:Event) WHERE everything AND e.earliest IS NOT NULL
      RETURN e AS first ORDER BY e.earliest LIMIT $limit
      UNION ALL
      MATCH (c:Claim) WHERE everything AND c.earliest IS NOT NULL
      RETURN c AS first ORDER BY c.earliest LIMIT $limit
    }
    WITH first ORDER BY first.earliest LIMIT $limit
    WITH collect(first.earliest) AS days
    WITH CASE WHEN size(days) >= $limit THEN days[-1] END AS bound
    // nothing placed after `bound` can come first: those with an earliest day up to
    // it, those placed by their latest day (open start) up to it
    CALL (bound) {
      CALL (bound) {
        MATCH (n:Event) WHERE n.earliest <= bound RETURN n
        UNION ALL
        MATCH (n:Claim) WHERE n.earliest <= bound RETURN n
        UNION ALL
        MATCH (n:Event) WHERE n.latest <= bound AND n.earliest IS NULL RETURN n
        UNION ALL
        MATCH (n:Claim) WHERE n.latest <= bound AND n.earliest IS NULL RETURN n
        UNION ALL
        UNWIND CASE WHEN bound IS NULL THEN [true] ELSE [] END AS all
        MATCH (n:Event|Claim) WHERE all AND (n.earliest IS NOT NULL OR n.latest IS NOT NULL)
        RETURN n
      }
      RETURN collect(n) AS dated
    }
    // undated items come last, by label and id: read only when too few are dated
    CALL (dated) {
      CALL (dated) {
        UNWIND CASE WHEN size(dated) < $limit THEN [true] ELSE [] END AS few
        MATCH (c:Claim) WHERE few AND c.id IS NOT NULL AND c.earliest IS NULL AND c.latest IS NULL
        RETURN c AS n ORDER BY c.id LIMIT $limit
        UNION ALL
        UNWIND CASE WHEN size(dated) < $limit THEN [true] ELSE [] END AS few
        MATCH (e:Event) WHERE few AND e.id IS NOT NULL AND e.earliest IS NULL AND e.latest IS NULL
        RETURN e AS n ORDER BY e.id LIMIT $limit
      }
      RETURN collect(n) AS undated
    }
    UNWIND dated + undated AS n
    RETURN n
  }
  RETURN n
}
// what came from the actor is linked to it, what came from the place is there: the
// place is checked here only when an actor is given too
WITH n
WHERE ($actor IS NULL OR $location IS NULL OR EXISTS {
        MATCH (n)-[:ABOUT*0..1]->(:Event)-[:OCCURRED_AT]->(:Location)
              -[:LOCATED_IN*0..10]->(l:Location)
        WHERE l.id = $location OR $locationKey IN l._keys
      })
  AND (($fromDate IS NULL AND $toDate IS NULL) OR n.earliest IS NOT NULL OR n.latest IS NOT NULL)
  AND ($toDate IS NULL OR n.earliest IS NULL OR n.earliest <= $toDate)
  AND ($fromDate IS NULL OR n.latest IS NULL OR n.latest >= $fromDate)
// the page by `_order`, the order below as one kept string (Neo4jStore): one property of
// each item read, not four, when an actor has tens of thousands
WITH n ORDER BY n._order LIMIT $limit
RETURN n.earliest AS earliest,
       n.latest AS latest,
       n.date AS date,
       CASE WHEN n:Event THEN 'Event' ELSE 'Claim' END AS label,
       n.id AS id,
       coalesce(n.name, n.text) AS name
ORDER BY coalesce(earliest, latest), coalesce(latest, earliest), label, id
LIMIT $limit
