// name: search
// description: Nodes (actors, events, places, claims, sources) by name, alias, title or words in them, ignoring case, accents and script.
// param text: string (required) — one or more words; each must begin a word of a name, alias, title or claim text
// param limit: integer = 50 — most rows returned
// derived key: key(text) — the matching key of `text`
// derived words: words(text) — the words of the key
// derived prefixes: prefixes(text) — the query for the word index: for each word w, `+w*`
// example: -p text=Москалькова
// columns: id, label, name, exact
// nodes: id
//
// Names are compared by their matching keys (lower-case ASCII words:
// "Москалькова" and "Moskalkova" match alike), found through a
// full-text index of those keys. Exact matches of a whole name or alias
// come first. Claim texts longer than 300 characters are not searched.
CALL db.index.fulltext.queryNodes('allegraph_name_words', $prefixes) YIELD node
// The candidates come from `allegraph_name_words` (the same keys split into words,
// so each word is a prefix query on one term: no leading wildcard over every key);
// the filter keeps exactly the nodes where each word begins a word of a key.
WHERE all(w IN $words WHERE any(k IN node._keys WHERE k STARTS WITH w OR k CONTAINS ' ' + w))
RETURN node.id AS id,
       [l IN labels(node) WHERE l <> 'Entity'][0] AS label,
       coalesce(node.name, node.text, node.title) AS name,
       $key IN node._keys AS exact
ORDER BY exact DESC, label, id
LIMIT $limit
