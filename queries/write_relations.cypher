// Write one batch of relations of one type between concepts (kg build).
// Idempotent: one relationship per (source, type, target), MERGEd.
// A relationship type cannot be a parameter: kg runs this statement once per
// type, with REL_TYPE replaced by one of kg.model.RELATION_TYPES (IS_A,
// PART_OF, USES, EXTENDS, ADDRESSES, COMPARED_WITH, RELATED_TO, PREREQUISITE_OF).
// Parameters:
//   $build  the id of this build
//   $rows   [{source, target, confidence, evidence_docs, evidence_lines,
//             evidence_texts, derived_from, cues}]
//   evidence_*: parallel lists, one entry per piece of evidence (document id,
//   1-based line, sentence); derived_from: JSON text (PREREQUISITE_OF) or null;
//   cues: the patterns that found the relation.
UNWIND $rows AS row
MATCH (s:Concept {id: row.source})
MATCH (t:Concept {id: row.target})
MERGE (s)-[r:REL_TYPE]->(t)
SET r.confidence = row.confidence, r.evidence_docs = row.evidence_docs,
    r.evidence_lines = row.evidence_lines, r.evidence_texts = row.evidence_texts,
    r.derived_from = row.derived_from, r.cues = row.cues, r.build = $build
