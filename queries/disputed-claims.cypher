// name: disputed-claims
// description: Each disputed claim with its status (retracted, contested, disputed, denied), who alleges it, the actors who dispute it, and the counter-claims (with who alleges those).
// param limit: integer = 100 — most rows returned
// policy: disputing
// example:
// columns: claim, text, status, alleged_by, disputed_by, counter_claims, counter_alleged_by
// nodes: claim, alleged_by, disputed_by, counter_claims, counter_alleged_by
UNWIND $disputing AS status
// A claim is disputed when a DISPUTED_BY leaves it: its kept status is then one of
// the statuses with a dispute among their conditions ($disputing: schema/status.yaml),
// whatever the threshold (graph/stores/claim_status.cypher). Each is read in id order
// from the (_status, id) index, at most $limit claims each; they are merged by id.
CALL (status) {
  MATCH (c:Claim)
  WHERE c._status = status AND c.id IS NOT NULL AND c._disputes > 0
  RETURN c
  ORDER BY c._status, c.id
  LIMIT $limit
}
WITH c
ORDER BY c.id
LIMIT $limit
RETURN c.id AS claim,
       c.text AS text,
       c._status AS status,
       COLLECT { MATCH (b)-[:ALLEGES]->(c) RETURN DISTINCT b.id AS id ORDER BY id } AS alleged_by,
       COLLECT {
         MATCH (c)-[:DISPUTED_BY]->(d:Person|Organization) RETURN DISTINCT d.id AS id ORDER BY id
       } AS disputed_by,
       COLLECT {
         MATCH (c)-[:DISPUTED_BY]->(d:Claim) RETURN DISTINCT d.id AS id ORDER BY id
       } AS counter_claims,
       COLLECT {
         MATCH (c)-[:DISPUTED_BY]->(:Claim)<-[:ALLEGES]-(b) RETURN DISTINCT b.id AS id ORDER BY id
       } AS counter_alleged_by
ORDER BY claim
LIMIT $limit
