// Indexes for people querying the graph (Neo4j Browser, `kg query`).
// Applied by `kg build --backend neo4j` (IF NOT EXISTS).

// Full-text search over every name of a concept, Chinese or English. The cjk
// analyzer splits Han characters into bigrams, so '归一化' finds 批归一化 and
// 层归一化; Latin words are matched as words ('normalization').
//   CALL db.index.fulltext.queryNodes('kg_concept_names', '归一化') YIELD node, score
//   RETURN node.name, score
CREATE FULLTEXT INDEX kg_concept_names IF NOT EXISTS
FOR (c:Concept) ON EACH [c.name, c.aliases]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};

// Concepts by category: MATCH (c:Concept {category: 'optimizer'}) RETURN c.name
CREATE INDEX kg_concept_category IF NOT EXISTS
FOR (c:Concept) ON (c.category);

// Questions of one document: MATCH (q:Question {doc: $doc}) RETURN q.line, q.text
CREATE INDEX kg_question_doc IF NOT EXISTS
FOR (q:Question) ON (q.doc);
