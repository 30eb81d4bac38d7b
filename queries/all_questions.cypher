// Every interview question found in the notes, in the order of the notes (kg export).
MATCH (q:Question)
RETURN q.doc AS doc, q.line AS line, q.text AS text, q.concepts AS concepts, q.answer AS answer
ORDER BY q.ord
