// The claim status rule of allegraph.status, in Cypher: the one mirror of
// allegraph.status.decide. The Neo4j store runs it in the same transaction as
// every batch, for the claims the batch can change ($claims), and `allegraph
// reindex` for every claim; the canned queries read what it keeps. The policy
// (schema/status.yaml) comes as parameters: $counted (reliability grades that
// count), $ungraded (whether a source without a grade counts), $min.
//   _sourceCount  backing sources: own `sources` plus Sources that SUPPORT it
//   _independent  of those that count by grade, how many distinct origin
//                 publishers (an origin is the root of a source's DERIVED_FROM
//                 chain: the first root by id, else the first id reached; an
//                 origin without a publisher: itself)
//   _actors       who ALLEGES it, or ALLEGES a Claim that SUPPORTS it
//   _disputes     DISPUTED_BY relationships leaving it
//   _status       the status at the policy's threshold ($min)
UNWIND $claims AS cid
MATCH (c:Claim {id: cid})
WITH c,
     coalesce(c.sources, []) + COLLECT { MATCH (s:Source)-[:SUPPORTS]->(c) RETURN s.id } AS backing
WITH c, reduce(acc = [], sid IN backing | CASE WHEN sid IN acc THEN acc ELSE acc + sid END) AS sources
WITH c, sources,
     size(COLLECT {
       UNWIND sources AS sid
       OPTIONAL MATCH (s:Source {id: sid})
       WITH sid, s
       WHERE CASE WHEN s.reliability IS NULL OR s.reliability = '' THEN $ungraded
                  ELSE s.reliability IN $counted END
       CALL (s) {
         OPTIONAL MATCH (s)-[:DERIVED_FROM*0..]->(r:Source)
         WITH collect(DISTINCT r) AS reached
         WITH reached, [x IN reached WHERE NOT EXISTS { (x)-[:DERIVED_FROM]->() }] AS roots
         WITH CASE WHEN size(roots) > 0 THEN roots ELSE reached END AS candidates
         RETURN reduce(o = null, x IN candidates |
                       CASE WHEN o IS NULL OR x.id < o.id THEN x ELSE o END) AS origin
       }
       RETURN DISTINCT CASE WHEN origin IS NULL THEN 'id:' + sid
                            WHEN origin.publisher IS NULL OR origin.publisher = '' THEN 'id:' + origin.id
                            ELSE origin.publisher END AS publisher
     }) AS independent,
     size(COLLECT {
       MATCH (b)-[:ALLEGES]->(:Claim)-[:SUPPORTS*0..1]->(c) RETURN DISTINCT b.id AS id
     }) AS actors,
     COUNT { (c)-[:DISPUTED_BY]->() } AS disputes
WITH c, sources, independent, actors, disputes,
     independent >= $min OR actors >= $min AS corroborated
SET c._sourceCount = size(sources),
    c._independent = independent,
    c._actors = actors,
    c._disputes = disputes,
    c._status = CASE WHEN disputes > 0 AND corroborated THEN 'contested'
                     WHEN disputes > 0 THEN 'disputed'
                     WHEN corroborated THEN 'corroborated'
                     ELSE 'single-source' END
RETURN count(c) AS kept
