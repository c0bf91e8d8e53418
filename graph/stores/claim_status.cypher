// The claim status rule of allegraph.status, in Cypher: the one mirror of
// allegraph.status.decide. The Neo4j store runs it in the same transaction as
// every batch, for the claims the batch can change ($claims), and `allegraph
// reindex` for every claim; the canned queries read what it keeps. The policy
// (schema/status.yaml) comes as parameters: $counted (reliability grades that
// count), $ungraded (whether a source without a grade counts), $min, $statuses
// (each {name, when}, in precedence order: the first whose conditions hold).
//   _sourceCount  backing sources: own `sources` plus Sources that SUPPORT it
//   _independent  of those that count by grade, how many distinct origin
//                 publishers (an origin is the root of a source's DERIVED_FROM
//                 chain: the first root by id, else the first id reached; an
//                 origin without a publisher: itself); plus each Evidence that
//                 SUPPORTS it in a state $evidenceCounted names (no state: unverified)
//   _actors       who ALLEGES it, or ALLEGES a Claim that SUPPORTS it
//   _disputes     DISPUTED_BY relationships leaving it
//   _denials, _retractions  of those, how many have the stance denial, retraction
//                 (the stance given on the relationship; else retraction when who
//                 disputes (the actor, or those who ALLEGE the counter-claim)
//                 includes one who ALLEGES the claim, denial when all of them are
//                 among those it ACCUSES, rebuttal otherwise)
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
     }) + COUNT {
       MATCH (e:Evidence)-[:SUPPORTS]->(c)
       WHERE coalesce(e.verification, 'unverified') IN $evidenceCounted
     } AS independent,
     size(COLLECT {
       MATCH (b)-[:ALLEGES]->(:Claim)-[:SUPPORTS*0..1]->(c) RETURN DISTINCT b.id AS id
     }) AS actors,
     COLLECT { MATCH (a)-[:ALLEGES]->(c) RETURN a.id } AS allegers,
     COLLECT { MATCH (c)-[:ACCUSES]->(a) RETURN a.id } AS accused
WITH c, sources, independent, actors, COLLECT {
       MATCH (c)-[d:DISPUTED_BY]->(t)
       WITH d, CASE WHEN t:Claim THEN COLLECT { MATCH (a)-[:ALLEGES]->(t) RETURN a.id }
                    ELSE [t.id] END AS by
       RETURN coalesce(d.stance,
                       CASE WHEN any(x IN by WHERE x IN allegers) THEN 'retraction'
                            WHEN size(by) > 0 AND all(x IN by WHERE x IN accused) THEN 'denial'
                            ELSE 'rebuttal' END) AS stance
     } AS stances
WITH c, sources, independent, actors, size(stances) AS disputes,
     size([s IN stances WHERE s = 'denial']) AS denials,
     size([s IN stances WHERE s = 'retraction']) AS retractions,
     independent >= $min OR actors >= $min AS corroborated
SET c._sourceCount = size(sources),
    c._independent = independent,
    c._actors = actors,
    c._disputes = disputes,
    c._denials = denials,
    c._retractions = retractions,
    c._status = head([s IN $statuses WHERE all(w IN s.when WHERE
                        (w = 'retraction' AND retractions > 0) OR
                        (w = 'denial' AND denials > 0) OR
                        (w = 'rebuttal' AND disputes - denials - retractions > 0) OR
                        (w = 'corroborated' AND corroborated)) | s.name])
RETURN count(c) AS kept
