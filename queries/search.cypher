// name: search
// description: Nodes (actors, events, places, claims, sources) by name, alias, title or words in them, ignoring case, accents and script.
// param text: string (required) — one or more words; each must begin a word of a name, alias, title or claim text
// param limit: integer = 50 — most rows returned
// derived key: key(text) — the matching key of `text`
// derived words: words(text) — the words of the key
// derived phrase: phrase(text) — the key as an exact term of the name index
// example: -p text=Москалькова
// columns: id, label, name, exact
// nodes: id
//
// Names are compared by their matching keys (lower-case ASCII words:
// "Москалькова" and "Moskalkova" match alike), found through a
// full-text index of those keys. Exact matches of a whole name or alias
// come first. Claim texts longer than 300 characters are not searched.
// exact matches of a whole name or alias: the key as one term of `allegraph_names`
// (keyword-analysed), a handful of nodes, so that no candidate's keys are read below
CALL db.index.fulltext.queryNodes('allegraph_names', $phrase) YIELD node
WITH node WHERE $key IN node._keys
WITH collect(node) AS exact
// The candidates come from `allegraph_name_words`: the same keys split into words at
// their single spaces (whitespace-analysed), so `+w*` for each word keeps exactly the
// nodes where each word begins a word of one of their keys (keys are lower-case ASCII
// words: no escaping), with no leading wildcard over every key.
CALL db.index.fulltext.queryNodes('allegraph_name_words',
                                  reduce(q = '', w IN $words | q + ' +' + w + '*'))
YIELD node
RETURN node.id AS id,
       [l IN labels(node) WHERE l <> 'Entity'][0] AS label,
       coalesce(node.name, node.text, node.title) AS name,
       node IN exact AS exact
ORDER BY exact DESC, label, id
LIMIT $limit
