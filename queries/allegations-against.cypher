// name: allegations-against
// description: The claims that accuse an actor, who alleges each, and who or what disputes it.
// param actor: string (required) — id, name or alias of the accused (Person or Organization)
// param limit: integer = 100 — most rows returned
// derived actorKey: key(actor) — the matching key of `actor`: case, accents and script folded
// derived actorPhrase: phrase(actor) — that key as an exact term of the name index
// example: -p actor="Armed Forces of Ukraine"
// columns: accused, claim, text, alleged_by, disputed_by
// nodes: accused, claim, alleged_by, disputed_by
//
// disputed_by holds both actors and counter-claims (see disputed-claims).
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
WITH a WHERE a:Person OR a:Organization
MATCH (c:Claim)-[:ACCUSES]->(a)
WITH DISTINCT a, c
RETURN a.id AS accused,
       c.id AS claim,
       c.text AS text,
       COLLECT { MATCH (b)-[:ALLEGES]->(c) RETURN DISTINCT b.id AS id ORDER BY id } AS alleged_by,
       COLLECT { MATCH (c)-[:DISPUTED_BY]->(d) RETURN DISTINCT d.id AS id ORDER BY id } AS disputed_by
ORDER BY accused, claim
LIMIT $limit
