// name: corroborated-claims
// description: Claims backed by at least min independent sources or actors (status corroborated or contested), most independent sources first.
// param min: integer 1..1000 = 2 — independent sources or backing actors that make a claim corroborated
// param limit: integer = 100 — most rows returned
// example: -p min=1
// columns: claim, text, status, independent_sources, sources, actors
// nodes: claim, sources, actors
//
// Backing sources and actors are counted as in claim-status: sources with
// different publishers are independent (a source with no publisher counts on
// its own); actors are those that ALLEGE the claim or a claim that SUPPORTS it.
MATCH (c:Claim)
WITH c,
     coalesce(c.sources, []) + COLLECT { MATCH (s:Source)-[:SUPPORTS]->(c) RETURN s.id } AS backing
WITH c, reduce(acc = [], sid IN backing | CASE WHEN sid IN acc THEN acc ELSE acc + sid END) AS sources
WITH c, sources,
     size(COLLECT {
       UNWIND sources AS sid
       OPTIONAL MATCH (s:Source {id: sid})
       RETURN DISTINCT CASE WHEN s.publisher IS NULL OR s.publisher = '' THEN 'id:' + sid
                            ELSE s.publisher END AS publisher
     }) AS independent,
     COLLECT {
       MATCH (b)-[:ALLEGES]->(:Claim)-[:SUPPORTS*0..1]->(c) RETURN DISTINCT b.id AS id ORDER BY id
     } AS actors,
     COUNT { (c)-[:DISPUTED_BY]->() } > 0 AS disputed
WITH c, sources, independent, actors, disputed,
     independent >= $min OR size(actors) >= $min AS corroborated
WHERE corroborated
RETURN c.id AS claim,
       c.text AS text,
       CASE WHEN disputed AND corroborated THEN 'contested'
            WHEN disputed THEN 'disputed'
            WHEN corroborated THEN 'corroborated'
            ELSE 'single-source' END AS status,
       independent AS independent_sources,
       COLLECT { UNWIND sources AS sid RETURN sid ORDER BY sid } AS sources,
       actors
ORDER BY independent_sources DESC, claim
LIMIT $limit
