// name: event-witnesses
// description: Who witnessed or took part in an event, in what role, and the claims about it.
// param event: string (required) — id, name or alias of the event
// param limit: integer = 200 — most rows returned
// derived eventKey: key(event) — the matching key of `event`: case, accents and script folded
// derived eventPhrase: phrase(event) — that key as an exact term of the name index
// example: -p event=baku-conference
// columns: event, relation, node, name, role
// nodes: event, node
//
// relation is WITNESSED or PARTICIPATED_IN for an actor (with the role the
// relationship gives), ABOUT for a claim (name is then the claim's text).
// the event by id (a constraint seek) or by name key (the allegraph_names index),
// never by filtering every event
CALL () {
  MATCH (e:Event {id: $event}) RETURN e
  UNION
  CALL db.index.fulltext.queryNodes('allegraph_names', $eventPhrase) YIELD node
  WITH node AS e WHERE e:Event AND $eventKey IN e._keys RETURN e
}
CALL (e) {
  MATCH (a:Person|Organization)-[r:WITNESSED|PARTICIPATED_IN]->(e)
  RETURN type(r) AS relation, a.id AS node, a.name AS name, r.role AS role
  UNION ALL
  MATCH (c:Claim)-[:ABOUT]->(e)
  RETURN 'ABOUT' AS relation, c.id AS node, c.text AS name, null AS role
}
RETURN e.id AS event, relation, node, name, role
ORDER BY event, relation, node, role
LIMIT $limit
