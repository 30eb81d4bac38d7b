// Write one batch of relations between concepts (kg build). Idempotent: one
// relationship per (source, type, target), MERGEd.
// A relationship type cannot be a parameter, so each type has its own MERGE and
// row.type picks one of them; a row whose type is not listed writes nothing
// (kg checks the types against kg.model.RELATION_TYPES before writing).
// Parameters:
//   $build  the id of this build
//   $rows   [{source, target, type, confidence, evidence_docs, evidence_lines,
//             evidence_texts, derived_from, cues}]
//   evidence_*: parallel lists, one entry per piece of evidence (document id,
//   1-based line, sentence); derived_from: JSON text (PREREQUISITE_OF) or null;
//   cues: the patterns that found the relation.
UNWIND $rows AS row
MATCH (s:Concept {id: row.source})
MATCH (t:Concept {id: row.target})
FOREACH (_ IN CASE WHEN row.type = 'IS_A' THEN [1] ELSE [] END |
  MERGE (s)-[r:IS_A]->(t)
  SET r.confidence = row.confidence, r.evidence_docs = row.evidence_docs,
      r.evidence_lines = row.evidence_lines, r.evidence_texts = row.evidence_texts,
      r.derived_from = row.derived_from, r.cues = row.cues, r.build = $build)
FOREACH (_ IN CASE WHEN row.type = 'PART_OF' THEN [1] ELSE [] END |
  MERGE (s)-[r:PART_OF]->(t)
  SET r.confidence = row.confidence, r.evidence_docs = row.evidence_docs,
      r.evidence_lines = row.evidence_lines, r.evidence_texts = row.evidence_texts,
      r.derived_from = row.derived_from, r.cues = row.cues, r.build = $build)
FOREACH (_ IN CASE WHEN row.type = 'USES' THEN [1] ELSE [] END |
  MERGE (s)-[r:USES]->(t)
  SET r.confidence = row.confidence, r.evidence_docs = row.evidence_docs,
      r.evidence_lines = row.evidence_lines, r.evidence_texts = row.evidence_texts,
      r.derived_from = row.derived_from, r.cues = row.cues, r.build = $build)
FOREACH (_ IN CASE WHEN row.type = 'EXTENDS' THEN [1] ELSE [] END |
  MERGE (s)-[r:EXTENDS]->(t)
  SET r.confidence = row.confidence, r.evidence_docs = row.evidence_docs,
      r.evidence_lines = row.evidence_lines, r.evidence_texts = row.evidence_texts,
      r.derived_from = row.derived_from, r.cues = row.cues, r.build = $build)
FOREACH (_ IN CASE WHEN row.type = 'ADDRESSES' THEN [1] ELSE [] END |
  MERGE (s)-[r:ADDRESSES]->(t)
  SET r.confidence = row.confidence, r.evidence_docs = row.evidence_docs,
      r.evidence_lines = row.evidence_lines, r.evidence_texts = row.evidence_texts,
      r.derived_from = row.derived_from, r.cues = row.cues, r.build = $build)
FOREACH (_ IN CASE WHEN row.type = 'COMPARED_WITH' THEN [1] ELSE [] END |
  MERGE (s)-[r:COMPARED_WITH]->(t)
  SET r.confidence = row.confidence, r.evidence_docs = row.evidence_docs,
      r.evidence_lines = row.evidence_lines, r.evidence_texts = row.evidence_texts,
      r.derived_from = row.derived_from, r.cues = row.cues, r.build = $build)
FOREACH (_ IN CASE WHEN row.type = 'RELATED_TO' THEN [1] ELSE [] END |
  MERGE (s)-[r:RELATED_TO]->(t)
  SET r.confidence = row.confidence, r.evidence_docs = row.evidence_docs,
      r.evidence_lines = row.evidence_lines, r.evidence_texts = row.evidence_texts,
      r.derived_from = row.derived_from, r.cues = row.cues, r.build = $build)
FOREACH (_ IN CASE WHEN row.type = 'PREREQUISITE_OF' THEN [1] ELSE [] END |
  MERGE (s)-[r:PREREQUISITE_OF]->(t)
  SET r.confidence = row.confidence, r.evidence_docs = row.evidence_docs,
      r.evidence_lines = row.evidence_lines, r.evidence_texts = row.evidence_texts,
      r.derived_from = row.derived_from, r.cues = row.cues, r.build = $build)
