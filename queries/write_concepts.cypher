// Write one batch of concepts (kg build). Idempotent: MERGE on the id.
// Parameters:
//   $build  the id of this build
//   $rows   [{id, name, aliases, alias_keys, category, mentions, documents,
//             definition, definition_doc, definition_line, origin}]
//   alias_keys: kg.names.name_key of the name and of every alias (exact lookup);
//   definition*: the sentence that defines the concept and where it is, or null.
UNWIND $rows AS row
MERGE (c:Concept {id: row.id})
SET c.name = row.name,
    c.aliases = row.aliases,
    c.alias_keys = row.alias_keys,
    c.category = row.category,
    c.mentions = row.mentions,
    c.documents = row.documents,
    c.definition = row.definition,
    c.definition_doc = row.definition_doc,
    c.definition_line = row.definition_line,
    c.origin = row.origin,
    c.build = $build
