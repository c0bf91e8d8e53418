// name: first-said
// description: Where a claim was first said: its backing sources and their origins by published date, the earliest marked, with the DERIVED_FROM hops from each to its origin.
// param claim: string (required) — id or text of the claim
// param limit: integer = 200 — most rows returned
// derived claimKey: key(claim) — the matching key of `claim`: case, accents and script folded
// derived claimPhrase: phrase(claim) — that key as an exact term of the name index
// example: -p claim=c-garage-video
// columns: claim, source, title, published, first, backs, origin, chain, kinds
// nodes: claim, source, origin
//
// One row per backing Source (its own `sources` and the Sources that SUPPORT it)
// and per origin of one that does not back the claim itself (backs false). first
// is true for the row(s) with the earliest `published` date (by the earliest day
// it allows); undated sources are never first and come last. chain lists the
// sources from this one to its origin (the root of its DERIVED_FROM chain, as
// the status rule finds it), by the fewest hops (then the first ids); kinds the
// `kind` of each hop (reprint, translation, ...). Ids in `sources` that are not
// Source nodes are left out.
CALL () {
  MATCH (c:Claim {id: $claim}) RETURN c
  UNION
  CALL db.index.fulltext.queryNodes('allegraph_names', $claimPhrase) YIELD node
  WITH node AS c WHERE c:Claim AND $claimKey IN c._keys RETURN c
}
WITH c, reduce(acc = [], sid IN coalesce(c.sources, []) +
                 COLLECT { MATCH (s:Source)-[:SUPPORTS]->(c) RETURN s.id } |
               CASE WHEN sid IN acc THEN acc ELSE acc + sid END) AS sids
CALL (sids) {
  UNWIND sids AS sid
  MATCH (s:Source {id: sid})
  CALL (s) {
    OPTIONAL MATCH (s)-[:DERIVED_FROM*0..]->(r:Source)
    WITH collect(DISTINCT r) AS reached
    WITH reached, [x IN reached WHERE NOT EXISTS { (x)-[:DERIVED_FROM]->() }] AS roots
    WITH CASE WHEN size(roots) > 0 THEN roots ELSE reached END AS candidates
    RETURN reduce(o = null, x IN candidates |
                  CASE WHEN o IS NULL OR x.id < o.id THEN x ELSE o END) AS origin
  }
  CALL (s, origin) {
    MATCH p = (s)-[:DERIVED_FROM*0..]->(origin)
    WITH p, [n IN nodes(p) | n.id] AS ids
    ORDER BY length(p), ids
    LIMIT 1
    RETURN ids AS chain, [r IN relationships(p) | r.kind] AS kinds
  }
  RETURN collect({s: s, origin: origin, chain: chain, kinds: kinds, backs: true}) AS backing
}
WITH c, backing, [b IN backing | b.s.id] AS ids
WITH c, backing + [o IN reduce(acc = [], b IN backing |
                     CASE WHEN b.origin.id IN ids OR b.origin IN acc THEN acc ELSE acc + b.origin END) |
                   {s: o, origin: o, chain: [o.id], kinds: [], backs: false}] AS found
WITH c, found,
     reduce(m = null, f IN found |
            CASE WHEN f.s.publishedEarliest IS NOT NULL AND (m IS NULL OR f.s.publishedEarliest < m)
                 THEN f.s.publishedEarliest ELSE m END) AS earliest
UNWIND found AS f
RETURN c.id AS claim,
       f.s.id AS source,
       f.s.title AS title,
       f.s.published AS published,
       coalesce(f.s.publishedEarliest = earliest, false) AS first,
       f.backs AS backs,
       f.origin.id AS origin,
       f.chain AS chain,
       f.kinds AS kinds
ORDER BY claim, f.s.publishedEarliest, source
LIMIT $limit
