// name: corroborated-claims
// description: Claims backed by at least min independent sources or actors (status corroborated, or one of a disputed claim), most independent sources first.
// param min: integer 1..1000 = policy — independent sources or backing actors that make a claim corroborated
// param limit: integer = 100 — most rows returned
// policy: statuses
// example: -p min=1
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
// The counts of independent sources are walked from the highest down. A count of
// at least $min: every claim with it, in id order from the (_independent, id)
// index, read lazily; a lower count: the claims with it and at least $min backing
// actors, from the (_independent, _actors) index, sorted by id. Reading stops once
// $limit claims are found.
UNWIND range(highest, 0, -1) AS independent
CALL (independent) {
  UNWIND CASE WHEN independent >= $min THEN [independent] ELSE [] END AS enough
  MATCH (c:Claim)
  WHERE c._independent = enough AND c.id IS NOT NULL
  RETURN c
  ORDER BY c._independent, c.id
  LIMIT $limit
  UNION ALL
  UNWIND CASE WHEN independent < $min THEN [independent] ELSE [] END AS few
  MATCH (c:Claim)
  USING INDEX c:Claim(_independent, _actors)
  WHERE c._independent = few AND c._actors >= $min
  RETURN c
  ORDER BY c.id
  LIMIT $limit
}
WITH c, true AS corroborated
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
ORDER BY independent_sources DESC, claim
LIMIT $limit
