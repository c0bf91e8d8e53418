// name: disputed-claims
// description: Each disputed claim with who alleges it, the actors who dispute it, and the counter-claims (with who alleges those).
// param limit: integer = 100 — most rows returned
// example:
// columns: claim, text, alleged_by, disputed_by, counter_claims, counter_alleged_by
// nodes: claim, alleged_by, disputed_by, counter_claims, counter_alleged_by
MATCH (c:Claim)
WHERE EXISTS { (c)-[:DISPUTED_BY]->() }
RETURN c.id AS claim,
       c.text AS text,
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
