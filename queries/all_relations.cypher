// Every relation between concepts, with its evidence (kg export).
// Parameters:
//   $types  the relation types: kg.model.RELATION_TYPES
MATCH (s:Concept)-[r]->(t:Concept)
WHERE type(r) IN $types
RETURN s.id AS source, type(r) AS type, t.id AS target,
       r.confidence AS confidence,
       r.evidence_docs AS evidence_docs, r.evidence_lines AS evidence_lines,
       r.evidence_texts AS evidence_texts,
       r.derived_from AS derived_from, r.cues AS cues
ORDER BY source, type, target
