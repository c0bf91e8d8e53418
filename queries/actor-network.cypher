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
CALL () {
  MATCH (a:Person {id: $actor}) RETURN a
  UNION
  MATCH (a:Organization {id: $actor}) RETURN a
  UNION
  CALL db.index.fulltext.queryNodes('allegraph_names', $actorPhrase) YIELD node
  WITH node AS a WHERE $actorKey IN a._keys RETURN a
}
WITH a, a.id AS actor WHERE a:Person OR a:Organization
// an actor with at least $limit neighbours fills the page at distance 1 (rows come
// nearest first): its neighbours are read once and nothing further
CALL (a) {
  WITH a, COLLECT { MATCH (a)--(m) WHERE m <> a RETURN DISTINCT m } AS near
  CALL (a, near) {
    WITH a, near WHERE $depth = 1 OR size(near) + 1 >= $limit
    UNWIND [a] + near AS n
    RETURN n, CASE WHEN n = a THEN 0 ELSE 1 END AS distance
    UNION ALL
    // as far as $depth goes and no further (a pattern's bound cannot be a parameter:
    // one branch per depth, the others match nothing)
    WITH a, near WHERE $depth > 1 AND size(near) + 1 < $limit
    CALL (a) {
      MATCH p = (a)-[*0..2]-(n) WHERE $depth = 2 RETURN n, min(length(p)) AS distance
      UNION ALL
      MATCH p = (a)-[*0..3]-(n) WHERE $depth = 3 RETURN n, min(length(p)) AS distance
      UNION ALL
      MATCH p = (a)-[*0..4]-(n) WHERE $depth = 4 RETURN n, min(length(p)) AS distance
    }
    RETURN n, distance
  }
  RETURN n, distance
}
RETURN actor,
       n.id AS node,
       [l IN labels(n) WHERE l <> 'Entity'][0] AS label,
       coalesce(n.name, n.text, n.title) AS name,
       distance
ORDER BY distance, actor, node
LIMIT $limit
