// name: event-witnesses
// description: Who witnessed or took part in an event, in what role, and the claims about it.
// param event: string (required) — id, name or alias of the event
// param limit: integer = 200 — most rows returned
// derived eventKey: key(event) — the matching key of `event`: case, accents and script folded
// example: -p event=baku-conference
// columns: event, relation, node, name, role
// nodes: event, node
//
// relation is WITNESSED or PARTICIPATED_IN for an actor (with the role the
// relationship gives), ABOUT for a claim (name is then the claim's text).
MATCH (e:Event)
WHERE e.id = $event OR $eventKey IN e._keys
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
