// What to learn before some concepts: every PREREQUISITE_OF edge leading into
// them or into their prerequisites, up to $depth levels (kg prereqs X,
// kg study-order X Y).
// Parameters:
//   $ids    the concepts, e.g. ['qlora', 'blip2']
//   $depth  how many levels of prerequisites, or null for all of them
// level: how far the edge's target is from the nearest of $ids (0: one of them);
// asking for the smallest lets Neo4j walk breadth-first (Pruning,BFS).
MATCH p = (before:Concept)-[:PREREQUISITE_OF*0..]->(t:Concept)
WHERE t.id IN $ids
WITH before, min(length(p)) AS level
WHERE $depth IS NULL OR level < $depth
MATCH (s:Concept)-[r:PREREQUISITE_OF]->(before)
RETURN s.id AS source, type(r) AS type, before.id AS target, level,
       r.confidence AS confidence,
       r.evidence_docs AS evidence_docs, r.evidence_lines AS evidence_lines,
       r.evidence_texts AS evidence_texts,
       r.derived_from AS derived_from, r.cues AS cues
ORDER BY source, target
