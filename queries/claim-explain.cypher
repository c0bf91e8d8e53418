// name: claim-explain
// description: Why a claim has its status: the rule and policy applied, every backing source (counted or not, and why), every backing actor, every dispute and its stance, every piece of evidence and the caveat it leaves.
// param claim: string (required) — id or text of the claim
// param min: integer 1..1000 = policy — independent sources or backing actors that make a claim corroborated
// param limit: integer = 1000 — most rows returned
// derived claimKey: key(claim) — the matching key of `claim`: case, accents and script folded
// derived claimPhrase: phrase(claim) — that key as an exact term of the name index
// policy: counted, ungraded, statuses, evidenceCounted
// example: -p claim=c-garage-video
// columns: claim, status, part, item, name, publisher, reliability, origin, counted, stance, why
// nodes: claim, item
//
// The rows, in this order: part `status` (item: the claim; why: the counts the
// status is decided from), part `policy` (why: the reliability grades that count,
// $counted, and whether a source without a grade counts, $ungraded: schema/status.yaml),
// a `source` row per backing source (its own `sources` and the Sources that
// SUPPORT it; origin: the root of its DERIVED_FROM chain; counted: whether it
// adds one to the independent sources; why: "counted", "copy of X", "same
// publisher as Y", "reliability E not counted", ...), an `actor` row per actor
// and way it backs the claim (it ALLEGES it, or a claim that SUPPORTS it), a
// `dispute` row per DISPUTED_BY (an actor, or a counter-claim with who alleges it;
// stance: as recorded on it, else retraction when who disputes includes one who
// ALLEGES the claim, denial when all of them are among those it ACCUSES, rebuttal
// otherwise; the statuses come in precedence order as $statuses), an `evidence` row
// per Evidence that SUPPORTS it (counted: its verification state, unverified when
// it has none, is one of $evidenceCounted, and it then adds one independent source;
// why: the state), and a `caveat` row when it has evidence and none of it counts
// ("evidence not verified") or some of it is fabricated ("evidence fabricated").
// The same rule as graph/stores/claim_status.cypher, computed here for one claim.
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
  OPTIONAL MATCH (s:Source {id: sid})
  CALL (s) {
    OPTIONAL MATCH (s)-[:DERIVED_FROM*0..]->(r:Source)
    WITH collect(DISTINCT r) AS reached
    WITH reached, [x IN reached WHERE NOT EXISTS { (x)-[:DERIVED_FROM]->() }] AS roots
    WITH CASE WHEN size(roots) > 0 THEN roots ELSE reached END AS candidates
    RETURN reduce(o = null, x IN candidates |
                  CASE WHEN o IS NULL OR x.id < o.id THEN x ELSE o END) AS origin
  }
  RETURN collect({
    sid: sid, title: s.title, publisher: s.publisher, grade: s.reliability,
    oid: coalesce(origin.id, sid),
    key: CASE WHEN origin IS NULL THEN 'id:' + sid
              WHEN origin.publisher IS NULL OR origin.publisher = '' THEN 'id:' + origin.id
              ELSE origin.publisher END,
    graded: CASE WHEN s.reliability IS NULL OR s.reliability = '' THEN $ungraded
                 ELSE s.reliability IN $counted END
  }) AS found
}
// of the counted sources of one origin publisher, one counts: an origin before a copy,
// then the first by id
WITH c, [it IN found | it {.*, one: reduce(b = null, x IN found |
    CASE WHEN x.graded AND x.key = it.key AND
              (b IS NULL OR (CASE WHEN x.oid = x.sid THEN '0' ELSE '1' END) + x.sid <
                            (CASE WHEN b.oid = b.sid THEN '0' ELSE '1' END) + b.sid)
         THEN x ELSE b END).sid}] AS found
WITH c, [it IN found | {
    step: 2, part: 'source', item: it.sid, name: it.title, publisher: it.publisher,
    reliability: it.grade, origin: it.oid, counted: it.one IS NOT NULL AND it.one = it.sid,
    why: CASE WHEN NOT it.graded AND it.grade IS NOT NULL AND it.grade <> ''
                THEN 'reliability ' + it.grade + ' not counted'
              WHEN NOT it.graded THEN 'ungraded, not counted'
              WHEN it.one = it.sid AND it.oid = it.sid THEN 'counted'
              WHEN it.one = it.sid THEN 'counted, for its origin ' + it.oid
              WHEN it.oid <> it.sid AND [x IN found WHERE x.sid = it.one][0].oid = it.oid
                THEN 'copy of ' + it.oid
              WHEN it.oid <> it.sid THEN 'copy of ' + it.oid + ', same publisher as ' + it.one
              ELSE 'same publisher as ' + it.one END
  }] AS sources
WITH c, sources, COLLECT {
  MATCH (a)-[:ALLEGES]->(c)
  RETURN {step: 3, part: 'actor', item: a.id, name: a.name, counted: true,
          why: 'alleges it'} AS actor
  UNION
  MATCH (a)-[:ALLEGES]->(o:Claim)-[:SUPPORTS]->(c)
  RETURN {step: 3, part: 'actor', item: a.id, name: a.name, counted: true,
          why: 'alleges ' + o.id + ', which supports it'} AS actor
} AS actors
WITH c, sources, actors,
     COLLECT { MATCH (a)-[:ALLEGES]->(c) RETURN a.id } AS allegers,
     COLLECT { MATCH (c)-[:ACCUSES]->(a) RETURN a.id } AS accused
WITH c, sources, actors,
     COLLECT {
       MATCH (c)-[d:DISPUTED_BY]->(t)
       WITH d, t, COLLECT { MATCH (a)-[:ALLEGES]->(t) RETURN a.id ORDER BY a.id } AS alleging
       WITH d, t, alleging, CASE WHEN t:Claim THEN alleging ELSE [t.id] END AS by
       WITH d, t, alleging,
            CASE WHEN any(x IN by WHERE x IN allegers) THEN 'retraction'
                 WHEN size(by) > 0 AND all(x IN by WHERE x IN accused) THEN 'denial'
                 ELSE 'rebuttal' END AS derived
       RETURN {step: 4, part: 'dispute', item: t.id, name: coalesce(t.name, t.text),
               stance: coalesce(d.stance, derived),
               why: CASE WHEN t:Claim AND size(alleging) > 0
                           THEN 'counter-claim, alleged by ' +
                                reduce(s = '', x IN alleging | s + CASE WHEN s = '' THEN '' ELSE ', ' END + x)
                         WHEN t:Claim THEN 'counter-claim'
                         ELSE 'disputes it' END + '; ' +
                    CASE WHEN d.stance IS NOT NULL THEN 'stance as recorded'
                         WHEN derived = 'retraction' THEN 'by one who alleges it'
                         WHEN derived = 'denial' THEN 'by those it accuses'
                         ELSE 'by a third party' END}
     } AS disputes
WITH c, sources, actors, disputes, [e IN COLLECT {
       MATCH (e:Evidence)-[:SUPPORTS]->(c)
       RETURN {id: e.id, title: e.title, state: coalesce(e.verification, 'unverified')} AS e
     } | e {.*, counted: e.state IN $evidenceCounted}] AS evidence
WITH c, sources, actors, disputes, evidence,
     CASE WHEN any(e IN evidence WHERE e.state = 'fabricated') THEN 'evidence fabricated'
          WHEN size(evidence) > 0 AND none(e IN evidence WHERE e.counted)
            THEN 'evidence not verified' END AS caveat,
     size([s IN sources WHERE s.counted]) + size([e IN evidence WHERE e.counted]) AS independent,
     size(reduce(acc = [], a IN actors | CASE WHEN a.item IN acc THEN acc ELSE acc + a.item END)) AS backing
WITH c, sources, actors, disputes, evidence, caveat, independent, backing,
     size(disputes) AS disputed,
     size([d IN disputes WHERE d.stance = 'denial']) AS denials,
     size([d IN disputes WHERE d.stance = 'retraction']) AS retractions,
     independent >= $min OR backing >= $min AS corroborated
WITH c, sources, actors, disputes, evidence, caveat, independent, backing, disputed,
     denials, retractions,
     head([s IN $statuses WHERE all(w IN s.when WHERE
         (w = 'retraction' AND retractions > 0) OR (w = 'denial' AND denials > 0) OR
         (w = 'rebuttal' AND disputed - denials - retractions > 0) OR
         (w = 'corroborated' AND corroborated)) | s.name]) AS status
UNWIND [
  {step: 0, part: 'status', item: c.id, name: c.text,
   why: 'independent sources ' + toString(independent) + ', backing actors ' +
        toString(backing) + ', disputes ' + toString(disputed) + ', denials ' +
        toString(denials) + ', retractions ' + toString(retractions) + ', min ' + toString($min)},
  {step: 1, part: 'policy',
   why: 'counted reliability ' + reduce(s = '', g IN $counted | s + CASE WHEN s = '' THEN '' ELSE ', ' END + g) +
        CASE WHEN $ungraded THEN '; ungraded counted' ELSE '; ungraded not counted' END +
        '; statuses ' + reduce(s = '', x IN $statuses | s + CASE WHEN s = '' THEN '' ELSE ' > ' END + x.name) +
        '; counted evidence ' + reduce(s = '', x IN $evidenceCounted | s + CASE WHEN s = '' THEN '' ELSE ', ' END + x)}
] + sources + actors + disputes +
  [e IN evidence | {step: 5, part: 'evidence', item: e.id, name: e.title, counted: e.counted,
                    why: e.state + CASE WHEN e.counted THEN ', counted as an independent source'
                                        ELSE ', not counted' END}] +
  CASE WHEN caveat IS NULL THEN [] ELSE [{step: 6, part: 'caveat', item: c.id, why: caveat}] END
  AS row
RETURN c.id AS claim,
       status,
       row.part AS part,
       row.item AS item,
       row.name AS name,
       row.publisher AS publisher,
       row.reliability AS reliability,
       row.origin AS origin,
       row.counted AS counted,
       row.stance AS stance,
       row.why AS why
ORDER BY claim, row.step, item, why
LIMIT $limit
