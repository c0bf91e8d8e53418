// name: allegations-by
// description: The claims an actor alleges, with the date, derived status and backing sources of each.
// param actor: string (required) — id, name or alias of the actor (Person or Organization)
// param min: integer 1..1000 = 2 — independent sources or backing actors that make a claim corroborated
// param limit: integer = 100 — most rows returned
// derived actorKey: key(actor) — the matching key of `actor`: case, accents and script folded
// example: -p actor="Tatiana Moskalkova"
// columns: actor, claim, text, date, status, sources
// nodes: actor, claim, sources
//
// date is the allegation's own date, else the claim's. Rows come in date
// order (by the earliest day that date allows; undated last). Status as in
// claim-status: sources are the claim's sources plus Sources that SUPPORT it.
MATCH (a:Person|Organization)-[r:ALLEGES]->(c:Claim)
WHERE a.id = $actor OR $actorKey IN a._keys
WITH a, r, c,
     coalesce(c.sources, []) + COLLECT { MATCH (s:Source)-[:SUPPORTS]->(c) RETURN s.id } AS backing
WITH a, r, c,
     reduce(acc = [], sid IN backing | CASE WHEN sid IN acc THEN acc ELSE acc + sid END) AS sources
WITH a, r, c, sources,
     size(COLLECT {
       UNWIND sources AS sid
       OPTIONAL MATCH (s:Source {id: sid})
       RETURN DISTINCT CASE WHEN s.publisher IS NULL OR s.publisher = '' THEN 'id:' + sid
                            ELSE s.publisher END AS publisher
     }) AS independent,
     size(COLLECT {
       MATCH (b)-[:ALLEGES]->(:Claim)-[:SUPPORTS*0..1]->(c) RETURN DISTINCT b.id AS id
     }) AS actors,
     COUNT { (c)-[:DISPUTED_BY]->() } > 0 AS disputed
WITH a, r, c, sources, disputed, independent >= $min OR actors >= $min AS corroborated
RETURN a.id AS actor,
       c.id AS claim,
       c.text AS text,
       CASE WHEN r.date IS NOT NULL THEN r.date ELSE c.date END AS date,
       CASE WHEN disputed AND corroborated THEN 'contested'
            WHEN disputed THEN 'disputed'
            WHEN corroborated THEN 'corroborated'
            ELSE 'single-source' END AS status,
       COLLECT { UNWIND sources AS sid RETURN sid ORDER BY sid } AS sources
ORDER BY CASE WHEN r.date IS NOT NULL THEN r.earliest ELSE c.earliest END, actor, claim
LIMIT $limit
