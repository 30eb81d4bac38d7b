// Interview questions about any of some concepts, in the order of the notes
// (kg questions X, kg study-order).
// Parameters:
//   $ids  concept ids, e.g. ['lora', 'qlora']
UNWIND $ids AS id
MATCH (q:Question)-[:ABOUT]->(:Concept {id: id})
WITH DISTINCT q
RETURN q.doc AS doc, q.line AS line, q.text AS text, q.concepts AS concepts, q.answer AS answer
ORDER BY q.ord
