// Every relation a concept takes part in, either direction, with its evidence
// (kg show X).
// Parameters:
//   $id     the concept id, e.g. 'qlora'
//   $types  the relation types: kg.model.RELATION_TYPES
MATCH (:Concept {id: $id})-[r]-(:Concept)
WHERE type(r) IN $types
WITH DISTINCT r
RETURN startNode(r).id AS source, type(r) AS type, endNode(r).id AS target,
       r.confidence AS confidence,
       r.evidence_docs AS evidence_docs, r.evidence_lines AS evidence_lines,
       r.evidence_texts AS evidence_texts,
       r.derived_from AS derived_from, r.cues AS cues
ORDER BY type, source, target
