// name: source-impact
// description: Everything that rests on a source, and what would be left with no source if it were withdrawn.
// param source: string (required) — id, title or url of the Source
// param limit: integer = 500 — most rows returned
// derived sourceKey: key(source) — the matching key of `source`: case, accents and script folded
// example: -p source=video-garage
// columns: source, node, relationship, type, name, via, left_without_source
// nodes: source, node
// links: relationship
//
// One row per node (node set) or relationship (relationship set) that rests
// on the source. via says how: it lists the source in its `sources`, it
// CITES the source, or the source SUPPORTS it. left_without_source is true
// when nothing else would back it: no other id in its `sources` and (for a
// claim) no other Source that SUPPORTS it.
MATCH (s:Source)
WHERE s.id = $source OR $sourceKey IN s._keys
CALL (s) {
  MATCH (n)
  WHERE n <> s
    AND (s.id IN n.sources OR EXISTS { (s)-[:SUPPORTS]->(n) } OR EXISTS { (n)-[:CITES]->(s) })
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
  MATCH ()-[r]->()
  WHERE s.id IN r.sources
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
