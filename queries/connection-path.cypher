// name: connection-path
// description: The shortest paths between two actors through any relationship, whatever its direction.
// param a: string (required) — id, name or alias of the first actor
// param b: string (required) — id, name or alias of the second actor
// param max_hops: integer 1..10 = 4 — longest path shown (the search goes no further than 10)
// param limit: integer = 25 — most paths returned
// derived aKey: key(a) — the matching key of `a`
// derived aPhrase: phrase(a) — that key as an exact term of the name index
// derived bKey: key(b) — the matching key of `b`
// derived bPhrase: phrase(b) — that key as an exact term of the name index
// example: -p a=ICRC -p b="Armed Forces of Ukraine"
// columns: a, b, hops, path, nodes, relationships
// nodes: nodes
// links: relationships
//
// path reads like Cypher: `x -[ALLEGES]-> claim <-[DISPUTED_BY]- y`.
// Every relationship is a step, so two relationships between the same two
// nodes make two paths.
CALL () {
  // each actor by id (a constraint seek) or by name key (the allegraph_names index),
  // never by filtering every actor
  MATCH (x:Person {id: $a}) RETURN x
  UNION
  MATCH (x:Organization {id: $a}) RETURN x
  UNION
  CALL db.index.fulltext.queryNodes('allegraph_names', $aPhrase) YIELD node
  WITH node AS x WHERE (x:Person OR x:Organization) AND $aKey IN x._keys RETURN x
}
CALL () {
  MATCH (y:Person {id: $b}) RETURN y
  UNION
  MATCH (y:Organization {id: $b}) RETURN y
  UNION
  CALL db.index.fulltext.queryNodes('allegraph_names', $bPhrase) YIELD node
  WITH node AS y WHERE (y:Person OR y:Organization) AND $bKey IN y._keys RETURN y
}
WITH x, y
WHERE y <> x
MATCH p = allShortestPaths((x)-[*..10]-(y))
WITH x, y, p
WHERE length(p) <= $max_hops
WITH x, y, p, nodes(p) AS ns, relationships(p) AS rs
RETURN x.id AS a,
       y.id AS b,
       length(p) AS hops,
       reduce(text = x.id, i IN range(0, size(rs) - 1) |
         text + CASE WHEN startNode(rs[i]) = ns[i] THEN ' -[' + type(rs[i]) + ']-> '
                     ELSE ' <-[' + type(rs[i]) + ']- ' END + ns[i + 1].id) AS path,
       [n IN ns | n.id] AS nodes,
       [r IN rs | r.id] AS relationships
ORDER BY a, b, path, relationships
LIMIT $limit
