// name: single-source-claims
// description: Claims that are not corroborated: fewer than min independent sources and fewer than min backing actors (status single-source or disputed).
// param min: integer 1..1000 = 2 — independent sources or backing actors that make a claim corroborated
// param limit: integer = 100 — most rows returned
// example:
// columns: claim, text, status, independent_sources, sources, actors
// nodes: claim, sources, actors
//
// Every claim keeps its status counts as data loads (graph/stores/claim_status.cypher,
// the Cypher of allegraph.status): _independent (sources with different publishers;
// a source with no publisher counts on its own), _actors (who ALLEGES the claim or a
// claim that SUPPORTS it), _disputes, _sourceCount. A threshold compares them.
MATCH (c:Claim)
WHERE c._independent < $min AND c._actors < $min
WITH c, false AS corroborated
ORDER BY c.id
LIMIT $limit
RETURN c.id AS claim,
       c.text AS text,
       CASE WHEN c._disputes > 0 AND corroborated THEN 'contested'
            WHEN c._disputes > 0 THEN 'disputed'
            WHEN corroborated THEN 'corroborated'
            ELSE 'single-source' END AS status,
       c._independent AS independent_sources,
       COLLECT {
         UNWIND coalesce(c.sources, []) + COLLECT { MATCH (s:Source)-[:SUPPORTS]->(c) RETURN s.id } AS sid
         RETURN DISTINCT sid ORDER BY sid
       } AS sources,
       COLLECT {
         MATCH (b)-[:ALLEGES]->(:Claim)-[:SUPPORTS*0..1]->(c) RETURN DISTINCT b.id AS id ORDER BY id
       } AS actors
ORDER BY claim
LIMIT $limit
