// name: allegations-by
// description: The claims an actor alleges, with the date, derived status and backing sources of each.
// param actor: string (required) — id, name or alias of the actor (Person or Organization)
// param min: integer 1..1000 = policy — independent sources or backing actors that make a claim corroborated
// param limit: integer = 100 — most rows returned
// derived actorKey: key(actor) — the matching key of `actor`: case, accents and script folded
// derived actorPhrase: phrase(actor) — that key as an exact term of the name index
// policy: statuses
// example: -p actor="Tatiana Moskalkova"
// columns: actor, claim, text, date, status, sources
// nodes: actor, claim, sources
//
// date is the allegation's own date, else the claim's. Rows come in date
// order (by the earliest day that date allows; undated last). Status as in
// claim-status: sources are the claim's sources plus Sources that SUPPORT it.
// the actor by id (a constraint seek) or by name key (the allegraph_names index),
// never by filtering every actor
CALL () {
  MATCH (a:Person {id: $actor}) RETURN a
  UNION
  MATCH (a:Organization {id: $actor}) RETURN a
  UNION
  CALL db.index.fulltext.queryNodes('allegraph_names', $actorPhrase) YIELD node
  WITH node AS a WHERE $actorKey IN a._keys RETURN a
}
WITH a, a.id AS actor WHERE a:Person OR a:Organization
MATCH (a)-[r:ALLEGES]->(c:Claim)
// the page first, by date alone (an actor may allege tens of thousands of claims):
// status and sources are worked out for its rows only
WITH actor, r, c, CASE WHEN r.date IS NOT NULL THEN r.earliest ELSE c.earliest END AS day
ORDER BY day, actor, c.id
LIMIT $limit
// the claim's kept status counts (graph/stores/claim_status.cypher) at threshold $min
WITH actor, r, c, day, c._independent >= $min OR c._actors >= $min AS corroborated
RETURN actor,
       c.id AS claim,
       c.text AS text,
       CASE WHEN r.date IS NOT NULL THEN r.date ELSE c.date END AS date,
       head([s IN $statuses WHERE all(w IN s.when WHERE
           (w = 'retraction' AND c._retractions > 0) OR (w = 'denial' AND c._denials > 0) OR
           (w = 'rebuttal' AND c._disputes - c._denials - c._retractions > 0) OR
           (w = 'corroborated' AND corroborated)) | s.name]) AS status,
       COLLECT {
         UNWIND coalesce(c.sources, []) + COLLECT { MATCH (s:Source)-[:SUPPORTS]->(c) RETURN s.id } AS sid
         RETURN DISTINCT sid ORDER BY sid
       } AS sources
ORDER BY day, actor, claim
LIMIT $limit
