// Write one batch of interview questions and what they are about (kg build).
// Parameters:
//   $build  the id of this build
//   $rows   [{id, doc, line, text, concepts, answer, ord}]  concepts: concept ids, in order;
//           answer: the text that follows the question in the note, or null
UNWIND $rows AS row
MERGE (q:Question {id: row.id})
SET q.doc = row.doc,
    q.line = row.line,
    q.text = row.text,
    q.concepts = row.concepts,
    q.answer = row.answer,
    q.ord = row.ord,
    q.build = $build
WITH q, row
UNWIND row.concepts AS concept_id
MATCH (c:Concept {id: concept_id})
MERGE (q)-[a:ABOUT]->(c)
SET a.build = $build
