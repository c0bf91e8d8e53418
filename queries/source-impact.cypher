// name: source-impact
// description: Everything that rests on a source, and what would be left with no source if it were withdrawn.
// param source: string (required) — id, title or url of the Source
// param limit: integer = 500 — most rows returned
// derived sourceKey: key(source) — the matching key of `source`: case, accents and script folded
// derived sourcePhrase: phrase(source) — that key as an exact term of the name index
// example: -p source=art-1
// columns: source, node, relationship, type, name, via, left_without_source
// nodes: source, node
// links: relationship
//
// One row per node (node set) or relationship (relationship set) that rests
// on the source. via says how: it lists the source in its `sources`, it
// CITES the source, or the source SUPPORTS it. left_without_source is true
// when nothing else would back it: no other id in its `sources` and (for a
// claim) no other Source that SUPPORTS it.
// the source by id (a constraint seek) or by name key (the allegraph_names index);
// what lists it in `sources` through the allegraph_node_sources and
// allegraph_link_sources indexes (its id as one exact term), never a scan
CALL () {
  MATCH (s:Source {id: $source}) RETURN s
  UNION
  CALL db.index.fulltext.queryNodes('allegraph_names', $sourcePhrase) YIELD node
  WITH node AS s WHERE s:Source AND $sourceKey IN s._keys RETURN s
}
WITH s, '"' + replace(replace(s.id, '\\', '\\\\'), '"', '\\"') + '"' AS term
CALL (s, term) {
  CALL (s, term) {
    CALL db.index.fulltext.queryNodes('allegraph_node_sources', term) YIELD node
    WITH node AS n WHERE s.id IN n.sources RETURN n
    UNION
    MATCH (s)-[:SUPPORTS]->(n) RETURN n
    UNION
    MATCH (n)-[:CITES]->(s) RETURN n
  }
  WITH n
  WHERE n <> s
  WITH n,
       coalesce(n.sources, []) + COLLECT { MATCH (o:Source)-[:SUPPORTS]->(n) RETURN o.id } AS backing
  RETURN n.id AS node,
         null AS relationship,
         [l IN labels(n) WHERE l <> 'Entity'][0] AS type,
         coalesce(n.name, n.text, n.title) AS name,
         [how IN [CASE WHEN EXISTS { (n)-[:CITES]->(s) } THEN 'CITES' END,
                  CASE WHEN EXISTS { (s)-[:SUPPORTS]->(n) } THEN 'SUPPORTS' END,
                  CASE WHEN s.id IN n.sources THEN 'sources' END]
          WHERE how IS NOT NULL] AS via,
         size([x IN backing WHERE x <> s.id]) = 0 AS left_without_source
  UNION ALL
  CALL db.index.fulltext.queryRelationships('allegraph_link_sources', term) YIELD relationship
  WITH relationship AS r WHERE s.id IN r.sources
  RETURN null AS node,
         r.id AS relationship,
         type(r) AS type,
         null AS name,
         ['sources'] AS via,
         size([x IN r.sources WHERE x <> s.id]) = 0 AS left_without_source
}
RETURN s.id AS source, node, relationship, type, name, via, left_without_source
ORDER BY source, node, relationship
LIMIT $limit
