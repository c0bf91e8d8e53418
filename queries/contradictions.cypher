// name: contradictions
// description: Pairs of claims that cannot both hold as stated: claims about the same event that accuse no actor in common, and a claim with a counter-claim that disputes it; with who alleges each and the reason in words.
// param limit: integer = 100 — most rows returned
// example:
// columns: claim, text, other, other_text, event, alleged_by, other_alleged_by, reason
// nodes: claim, other, event, alleged_by, other_alleged_by
//
// Two kinds of pair. Claims ABOUT the same event that each ACCUSE someone, and
// no one in common: one row per event (claim before other by id). A claim and a
// counter-claim it is DISPUTED_BY (claim: the disputed one): event is the first
// event (by id) both are about, if any. Neither says which claim is true.
// Claims are walked in id order from the Claim id index, so only the claims
// before the last row shown are read.
MATCH (c:Claim)
WHERE c.id IS NOT NULL
WITH c ORDER BY c.id
CALL (c) {
  MATCH (c)-[:ABOUT]->(e:Event)<-[:ABOUT]-(k:Claim)
  WHERE k.id > c.id
  WITH DISTINCT c, e, k
  WITH c, e, k,
       COLLECT { MATCH (c)-[:ACCUSES]->(x) RETURN DISTINCT x.id AS id ORDER BY id } AS mine,
       COLLECT { MATCH (k)-[:ACCUSES]->(x) RETURN DISTINCT x.id AS id ORDER BY id } AS theirs
  WHERE size(mine) > 0 AND size(theirs) > 0 AND none(x IN mine WHERE x IN theirs)
  RETURN k, e.id AS event,
         'both are about ' + e.id + '; ' + c.id + ' accuses ' +
         reduce(s = '', x IN mine | s + CASE WHEN s = '' THEN '' ELSE ', ' END + x) + ', ' +
         k.id + ' accuses ' +
         reduce(s = '', x IN theirs | s + CASE WHEN s = '' THEN '' ELSE ', ' END + x) +
         ': no one in common' AS reason
  UNION
  MATCH (c)-[:DISPUTED_BY]->(k:Claim)
  WITH DISTINCT c, k
  RETURN k,
         head(COLLECT {
           MATCH (c)-[:ABOUT]->(e:Event)<-[:ABOUT]-(k) RETURN DISTINCT e.id AS id ORDER BY id
         }) AS event,
         k.id + ' is a counter-claim that disputes ' + c.id AS reason
}
WITH c, k, event, reason
ORDER BY c.id, k.id, reason
LIMIT $limit
RETURN c.id AS claim,
       c.text AS text,
       k.id AS other,
       k.text AS other_text,
       event,
       COLLECT { MATCH (b)-[:ALLEGES]->(c) RETURN DISTINCT b.id AS id ORDER BY id } AS alleged_by,
       COLLECT { MATCH (b)-[:ALLEGES]->(k) RETURN DISTINCT b.id AS id ORDER BY id } AS other_alleged_by,
       reason
ORDER BY claim, other, reason
LIMIT $limit
