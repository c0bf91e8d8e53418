// name: mutual-accusations
// description: Pairs of actors each of whom alleges claims that accuse the other, with those claims.
// param limit: integer = 100 — most rows returned
// example:
// columns: actor_a, actor_b, claims_by_a, claims_by_b
// nodes: actor_a, actor_b, claims_by_a, claims_by_b
//
// Each pair is listed once, with actor_a the smaller id.
// One pass over ALLEGES-ACCUSES paths: each directed pair with its claims, then the
// pairs that go both ways (no look-up per pair: a hub actor costs its paths once).
MATCH (a:Person|Organization)-[:ALLEGES]->(c:Claim)-[:ACCUSES]->(b:Person|Organization)
WHERE a <> b
WITH a.id AS x, b.id AS y, collect(DISTINCT c.id) AS claims
WITH CASE WHEN x < y THEN x ELSE y END AS actor_a,
     CASE WHEN x < y THEN y ELSE x END AS actor_b,
     CASE WHEN x < y THEN claims ELSE [] END AS by_a,
     CASE WHEN x < y THEN [] ELSE claims END AS by_b
WITH actor_a, actor_b,
     reduce(acc = [], l IN collect(by_a) | acc + l) AS by_a,
     reduce(acc = [], l IN collect(by_b) | acc + l) AS by_b
WHERE size(by_a) > 0 AND size(by_b) > 0
RETURN actor_a,
       actor_b,
       COLLECT { UNWIND by_a AS id RETURN id ORDER BY id } AS claims_by_a,
       COLLECT { UNWIND by_b AS id RETURN id ORDER BY id } AS claims_by_b
ORDER BY actor_a, actor_b
LIMIT $limit
