// name: actor-network
// description: The ego network of an actor: every node within depth relationships of it, whatever their direction, nearest first.
// param actor: string (required) — id, name or alias of the actor
// param depth: integer 1..4 = 2 — how many relationships away to go
// param limit: integer = 500 — most nodes returned
// derived actorKey: key(actor) — the matching key of `actor`
// derived actorPhrase: phrase(actor) — that key as an exact term of the name index
// example: -p actor=ICRC -p depth=1
// columns: actor, node, label, name, distance
// nodes: actor, node
//
// The actor itself comes first, at distance 0. A view draws these nodes and
// the relationships between them.
// the actor by id (a constraint seek) or by name key (the allegraph_names index),
// never by filtering every actor
CALL {
  MATCH (a:Person {id: $actor}) RETURN a
  UNION
  MATCH (a:Organization {id: $actor}) RETURN a
  UNION
  CALL db.index.fulltext.queryNodes('allegraph_names', $actorPhrase) YIELD node
  WITH node AS a WHERE $actorKey IN a._keys RETURN a
}
WITH a WHERE a:Person OR a:Organization
// as far as $depth goes and no further (a pattern's bound cannot be a parameter:
// one branch per depth, the others match nothing)
CALL (a) {
  MATCH p = (a)-[*0..1]-(n) WHERE $depth = 1 RETURN n, min(length(p)) AS distance
  UNION ALL
  MATCH p = (a)-[*0..2]-(n) WHERE $depth = 2 RETURN n, min(length(p)) AS distance
  UNION ALL
  MATCH p = (a)-[*0..3]-(n) WHERE $depth = 3 RETURN n, min(length(p)) AS distance
  UNION ALL
  MATCH p = (a)-[*0..4]-(n) WHERE $depth = 4 RETURN n, min(length(p)) AS distance
}
RETURN a.id AS actor,
       n.id AS node,
       [l IN labels(n) WHERE l <> 'Entity'][0] AS label,
       coalesce(n.name, n.text, n.title) AS name,
       distance
ORDER BY distance, actor, node
LIMIT $limit
