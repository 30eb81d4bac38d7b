// The numbers of kg stats: documents, concepts, questions, relations by type,
// concepts by category, and the build's notes (broken cycles, skipped files).
// Parameters:
//   $types  the relation types: kg.model.RELATION_TYPES
OPTIONAL MATCH (:Concept)-[r]->(:Concept)
WHERE type(r) IN $types
WITH type(r) AS type, count(r) AS n
ORDER BY type
WITH [pair IN collect([type, n]) WHERE pair[0] IS NOT NULL] AS relations_by_type
OPTIONAL MATCH (m:KgMeta {id: 'graph'})
RETURN COUNT { (:Document) } AS documents,
       COUNT { (:Concept) } AS concepts,
       COUNT { (:Question) } AS questions,
       relations_by_type,
       COLLECT {
         MATCH (c:Concept)
         WITH c.category AS category, count(*) AS n
         ORDER BY category
         RETURN [category, n]
       } AS concepts_by_category,
       m.meta AS meta
