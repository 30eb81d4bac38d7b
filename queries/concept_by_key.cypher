// Which concept goes by a name (kg show X, and every command that takes a name).
// Parameters:
//   $key  the name's comparison key, kg.names.name_key(name): NFKC, case-folded,
//         without spaces, hyphens, dots ('Q-Former' -> 'qformer', 'ＢＮ' -> 'bn')
// When several concepts share the key, kg takes the most mentioned (then the
// smallest id).
MATCH (c:Concept)
WHERE $key IN c.alias_keys
RETURN c.id AS id, c.mentions AS mentions
ORDER BY mentions DESC, id
