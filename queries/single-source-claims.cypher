// name: single-source-claims
// description: Claims that are not corroborated: fewer than min independent sources and fewer than min backing actors (status single-source, or one of a disputed claim).
// param min: integer 1..1000 = policy — independent sources or backing actors that make a claim corroborated
// param limit: integer = 100 — most rows returned
// policy: statuses
// example:
// columns: claim, text, status, independent_sources, sources, actors
// nodes: claim, sources, actors
//
// Every claim keeps its status counts as data loads (graph/stores/claim_status.cypher,
// the Cypher of allegraph.status): _independent (backing sources whose reliability
// grade the policy counts, by the publisher of their origin: copies count once;
// docs/model.md, "Claim status"), _actors (who ALLEGES the claim or a
// claim that SUPPORTS it), _disputes, _sourceCount. A threshold compares them.
MATCH (top:Claim)
WHERE top._independent IS NOT NULL
WITH top._independent AS highest
ORDER BY highest DESC
LIMIT 1
// For each count of independent sources under $min (up to the highest there is),
// the claims with that count are read in id order from the (_independent, id)
// index, those with enough backing actors skipped, at most $limit each; the lists
// are merged by id. Only the first rows of each count are read.
UNWIND range(0, CASE WHEN highest < $min THEN highest ELSE $min - 1 END) AS independent
CALL (independent) {
  MATCH (c:Claim)
  WHERE c._independent = independent AND c.id IS NOT NULL AND c._actors < $min
  RETURN c
  ORDER BY c._independent, c.id
  LIMIT $limit
}
WITH c, false AS corroborated
ORDER BY c.id
LIMIT $limit
RETURN c.id AS claim,
       c.text AS text,
       head([s IN $statuses WHERE all(w IN s.when WHERE
           (w = 'retraction' AND c._retractions > 0) OR (w = 'denial' AND c._denials > 0) OR
           (w = 'rebuttal' AND c._disputes - c._denials - c._retractions > 0) OR
           (w = 'corroborated' AND corroborated)) | s.name]) AS status,
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
