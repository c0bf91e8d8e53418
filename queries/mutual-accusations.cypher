// name: mutual-accusations
// description: Pairs of actors each of whom alleges claims that accuse the other, with those claims.
// param limit: integer = 100 — most rows returned
// example:
// columns: actor_a, actor_b, claims_by_a, claims_by_b
// nodes: actor_a, actor_b, claims_by_a, claims_by_b
//
// Each pair is listed once, with actor_a the smaller id.
MATCH (a:Person|Organization)-[:ALLEGES]->(:Claim)-[:ACCUSES]->(b:Person|Organization)
WHERE a.id < b.id
WITH DISTINCT a, b
WHERE EXISTS { (b)-[:ALLEGES]->(:Claim)-[:ACCUSES]->(a) }
RETURN a.id AS actor_a,
       b.id AS actor_b,
       COLLECT {
         MATCH (a)-[:ALLEGES]->(c:Claim)-[:ACCUSES]->(b) RETURN DISTINCT c.id AS id ORDER BY id
       } AS claims_by_a,
       COLLECT {
         MATCH (b)-[:ALLEGES]->(c:Claim)-[:ACCUSES]->(a) RETURN DISTINCT c.id AS id ORDER BY id
       } AS claims_by_b
ORDER BY actor_a, actor_b
LIMIT $limit
