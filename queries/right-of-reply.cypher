// name: right-of-reply
// description: Accusations with no recorded response from the accused: no DISPUTED_BY by it or by a claim it alleges, no ALLEGES of its own about the same event; actors with the most such accusations first.
// param actor: string (optional) — id, name or alias of an accused actor: only the accusations against it
// param limit: integer = 100 — most rows returned
// derived actorKey: key(actor) — the matching key of `actor`: case, accents and script folded
// derived actorPhrase: phrase(actor) — that key as an exact term of the name index
// example: -p actor="Armed Forces of Ukraine"
// columns: accused, name, unanswered, claim, text, alleged_by
// nodes: accused, claim, alleged_by
//
// An accused actor has responded to a claim that ACCUSES it when the claim is
// DISPUTED_BY it, or by a counter-claim it ALLEGES, or when it ALLEGES the claim
// itself or another claim ABOUT an event the claim is about. unanswered: how many
// claims accuse the actor with no response from it (the rows of the actor).
CALL () {
  MATCH (a:Person {id: $actor}) RETURN a
  UNION
  MATCH (a:Organization {id: $actor}) RETURN a
  UNION
  UNWIND CASE WHEN $actor IS NULL THEN [] ELSE [$actorPhrase] END AS phrase
  CALL db.index.fulltext.queryNodes('allegraph_names', phrase) YIELD node
  WITH node AS a WHERE (a:Person OR a:Organization) AND $actorKey IN a._keys RETURN a
  UNION
  UNWIND CASE WHEN $actor IS NULL THEN [1] ELSE [] END AS everyone
  MATCH (:Claim)-[:ACCUSES]->(a)
  RETURN DISTINCT a
}
WITH a WHERE a:Person OR a:Organization
MATCH (c:Claim)-[:ACCUSES]->(a)
WITH DISTINCT a, c
WHERE NOT EXISTS { (c)-[:DISPUTED_BY]->(a) }
  AND NOT EXISTS { (c)-[:DISPUTED_BY]->(:Claim)<-[:ALLEGES]-(a) }
  AND NOT EXISTS { (a)-[:ALLEGES]->(c) }
  AND NOT EXISTS { (c)-[:ABOUT]->()<-[:ABOUT]-(:Claim)<-[:ALLEGES]-(a) }
WITH a, collect(c) AS claims
UNWIND claims AS c
WITH a, size(claims) AS unanswered, c
ORDER BY unanswered DESC, a.id, c.id
LIMIT $limit
RETURN a.id AS accused,
       a.name AS name,
       unanswered,
       c.id AS claim,
       c.text AS text,
       COLLECT { MATCH (b)-[:ALLEGES]->(c) RETURN DISTINCT b.id AS id ORDER BY id } AS alleged_by
ORDER BY unanswered DESC, accused, claim
LIMIT $limit
