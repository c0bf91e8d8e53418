// The accusation pairs the mutual-accusations query reads, kept as data loads.
// For each actor x of $actors: _mutual = the sorted ids of the other actors y
// such that x ALLEGES a Claim that ACCUSES y and y ALLEGES a Claim that ACCUSES x,
// and _mutualCount its size (indexed); neither property when there are none.
// Both ends of a pair are recomputed whenever a batch can change it
// (Neo4jStore._keep_mutual); `allegraph reindex` recomputes every actor. The
// query re-checks each pair and gathers its claims.
UNWIND $actors AS xid
MATCH (x:Entity {id: xid})
WITH x,
     CASE WHEN x:Person OR x:Organization THEN COLLECT {
       MATCH (y:Person|Organization)-[:ALLEGES]->(:Claim)-[:ACCUSES]->(x)
       WHERE y <> x
       RETURN DISTINCT y.id
     } ELSE [] END AS accusers
WITH x, CASE WHEN size(accusers) = 0 THEN [] ELSE COLLECT {
       MATCH (x)-[:ALLEGES]->(:Claim)-[:ACCUSES]->(y:Person|Organization)
       WHERE y.id IN accusers
       RETURN DISTINCT y.id AS id ORDER BY id
     } END AS mutual
SET x._mutual = CASE WHEN size(mutual) > 0 THEN mutual END,
    x._mutualCount = CASE WHEN size(mutual) > 0 THEN size(mutual) END
RETURN count(x) AS kept
