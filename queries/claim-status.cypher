// name: claim-status
// description: Every claim with its derived status (disputed, corroborated, contested, single-source) and the counts behind it.
// param min: integer 1..1000 = 2 — independent sources or backing actors that make a claim corroborated
// param limit: integer = 1000 — most rows returned
// example:
// columns: claim, text, status, source_count, independent_sources, actor_count, disputes
// nodes: claim
//
// A claim's backing sources are its own `sources` plus every Source that
// SUPPORTS it; sources with different publishers are independent (a source
// with no publisher counts on its own). Its backing actors are those that
// ALLEGE it or a claim that SUPPORTS it. Corroborated: at least $min
// independent sources or backing actors. Disputed: a DISPUTED_BY leaves it.
// Contested: both. Single-source: neither.
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
     size(COLLECT {
       MATCH (b)-[:ALLEGES]->(:Claim)-[:SUPPORTS*0..1]->(c) RETURN DISTINCT b.id AS id
     }) AS actors,
     COUNT { (c)-[:DISPUTED_BY]->() } AS disputes
WITH c, sources, independent, actors, disputes,
     independent >= $min OR actors >= $min AS corroborated
RETURN c.id AS claim,
       c.text AS text,
       CASE WHEN disputes > 0 AND corroborated THEN 'contested'
            WHEN disputes > 0 THEN 'disputed'
            WHEN corroborated THEN 'corroborated'
            ELSE 'single-source' END AS status,
       size(sources) AS source_count,
       independent AS independent_sources,
       actors AS actor_count,
       disputes
ORDER BY claim
LIMIT $limit
