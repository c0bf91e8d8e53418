// name: claim-status
// description: Every claim with its derived status (retracted, contested, disputed, denied, corroborated, single-source: schema/status.yaml), the counts behind it, and the caveat its evidence leaves.
// param min: integer 1..1000 = policy — independent sources or backing actors that make a claim corroborated
// param limit: integer = 1000 — most rows returned
// policy: statuses, evidenceCounted
// example:
// columns: claim, text, status, source_count, independent_sources, actor_count, disputes, denials, retractions, caveat
// nodes: claim
//
// Every claim keeps its status counts as data loads (graph/stores/claim_status.cypher,
// the Cypher of allegraph.status): _independent (backing sources whose reliability
// grade the policy counts, by the publisher of their origin: copies count once;
// docs/model.md, "Claim status"), _actors (who ALLEGES the claim or a
// claim that SUPPORTS it), _disputes (of which _denials and _retractions, by
// stance; the rest are rebuttals or corrections), _sourceCount. A threshold
// compares them; the statuses come in precedence order as $statuses. _independent
// counts each Evidence that SUPPORTS the claim in a state of $evidenceCounted;
// caveat: "evidence fabricated" when some of its evidence is, "evidence not
// verified" when it has evidence and none of it counts (allegraph.status).
MATCH (c:Claim)
// The claims are read in id order from the Claim id index (`c.id IS NOT NULL` lets
// the planner walk it), so only the first $limit are read: no scan, no sort.
WHERE c.id IS NOT NULL
WITH c ORDER BY c.id LIMIT $limit
WITH c, c._independent >= $min OR c._actors >= $min AS corroborated,
     COLLECT { MATCH (e:Evidence)-[:SUPPORTS]->(c)
               RETURN coalesce(e.verification, 'unverified') } AS states
RETURN c.id AS claim,
       c.text AS text,
       head([s IN $statuses WHERE all(w IN s.when WHERE
           (w = 'retraction' AND c._retractions > 0) OR (w = 'denial' AND c._denials > 0) OR
           (w = 'rebuttal' AND c._disputes - c._denials - c._retractions > 0) OR
           (w = 'corroborated' AND corroborated)) | s.name]) AS status,
       c._sourceCount AS source_count,
       c._independent AS independent_sources,
       c._actors AS actor_count,
       c._disputes AS disputes,
       c._denials AS denials,
       c._retractions AS retractions,
       CASE WHEN 'fabricated' IN states THEN 'evidence fabricated'
            WHEN size(states) > 0 AND none(s IN states WHERE s IN $evidenceCounted)
              THEN 'evidence not verified' END AS caveat
ORDER BY claim
LIMIT $limit
