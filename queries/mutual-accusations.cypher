// name: mutual-accusations
// description: Pairs of actors each of whom alleges claims that accuse the other, with those claims.
// param limit: integer = 100 — most rows returned
// example:
// columns: actor_a, actor_b, claims_by_a, claims_by_b
// nodes: actor_a, actor_b, claims_by_a, claims_by_b
//
// Each pair is listed once, with actor_a the smaller id.
// The pairs are kept as data loads (graph/stores/mutual_accusations.cypher: each
// actor's `_mutual`, found through the index on `_mutualCount`): a look-up, not a pass over every
// accusation. Each pair is checked again here as its claims are gathered.
CALL () {
  MATCH (x:Person) WHERE x._mutualCount > 0 RETURN x
  UNION
  MATCH (x:Organization) WHERE x._mutualCount > 0 RETURN x
}
UNWIND x._mutual AS y
WITH DISTINCT CASE WHEN x.id < y THEN x.id ELSE y END AS first,
              CASE WHEN x.id < y THEN y ELSE x.id END AS second
ORDER BY first, second
// per first actor, its claims against the others and theirs against it, gathered
// from its own relationships once (not once per pair: a partner may be a hub)
WITH first, collect(second) AS seconds
CALL (first) {
  MATCH (a:Person {id: first}) RETURN a
  UNION
  MATCH (a:Organization {id: first}) RETURN a
}
CALL (a, seconds) {
  CALL (a, seconds) {
    MATCH (a)-[:ALLEGES]->(c:Claim)
    MATCH (c)-[:ACCUSES]->(b)
    WHERE b.id IN seconds AND (b:Person OR b:Organization)
    RETURN b.id AS second, c.id AS claim, true AS mine
    UNION ALL
    MATCH (a)<-[:ACCUSES]-(c:Claim)
    MATCH (c)<-[:ALLEGES]-(b)
    WHERE b.id IN seconds AND (b:Person OR b:Organization)
    RETURN b.id AS second, c.id AS claim, false AS mine
  }
  WITH second,
       collect(DISTINCT CASE WHEN mine THEN claim END) AS by_a,
       collect(DISTINCT CASE WHEN NOT mine THEN claim END) AS by_b
  WHERE size(by_a) > 0 AND size(by_b) > 0
  RETURN second,
         COLLECT { UNWIND by_a AS id RETURN id ORDER BY id } AS claims_by_a,
         COLLECT { UNWIND by_b AS id RETURN id ORDER BY id } AS claims_by_b
  ORDER BY second
}
// first is a.id, in order already: the limit ends the look-ups
RETURN first AS actor_a,
       second AS actor_b,
       claims_by_a,
       claims_by_b
ORDER BY actor_a, actor_b
LIMIT $limit
