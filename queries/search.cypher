// name: search
// description: Nodes (actors, events, places, claims, sources) by name, alias, title or words in them, ignoring case, accents and script.
// param text: string (required) — one or more words; each must begin a word of a name, alias, title or claim text
// param limit: integer = 50 — most rows returned
// derived key: key(text) — the matching key of `text`
// derived words: words(text) — the words of the key
// derived lucene: lucene(text) — the query for the full-text index: for each word w, `+(w* OR *\ w*)`
// example: -p text=Москалькова
// columns: id, label, name, exact
// nodes: id
//
// Names are compared by their matching keys (lower-case ASCII words:
// "Москалькова" and "Moskalkova" match alike), found through the
// `allegraph_names` full-text index. Exact matches of a whole name or alias
// come first. Claim texts longer than 300 characters are not searched.
CALL db.index.fulltext.queryNodes('allegraph_names', $lucene) YIELD node
WHERE all(w IN $words WHERE any(k IN node._keys WHERE k STARTS WITH w OR k CONTAINS ' ' + w))
RETURN node.id AS id,
       [l IN labels(node) WHERE l <> 'Entity'][0] AS label,
       coalesce(node.name, node.text, node.title) AS name,
       $key IN node._keys AS exact
ORDER BY exact DESC, label, id
LIMIT $limit
