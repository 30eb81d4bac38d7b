// Unique ids of the kg graph in Neo4j. Applied by `kg build --backend neo4j`
// before every build (IF NOT EXISTS: applying them again changes nothing).
// Each constraint also gives the id a range index, so MERGE and lookups by id
// are index seeks.

CREATE CONSTRAINT kg_document_id IF NOT EXISTS
FOR (d:Document) REQUIRE d.id IS UNIQUE;

CREATE CONSTRAINT kg_concept_id IF NOT EXISTS
FOR (c:Concept) REQUIRE c.id IS UNIQUE;

CREATE CONSTRAINT kg_question_id IF NOT EXISTS
FOR (q:Question) REQUIRE q.id IS UNIQUE;

// The one node with facts about the stored graph (build id, broken cycles, skipped files).
CREATE CONSTRAINT kg_meta_id IF NOT EXISTS
FOR (m:KgMeta) REQUIRE m.id IS UNIQUE;

// The build lock: a second (:KgLock {id: 'build'}) cannot be created while one exists.
CREATE CONSTRAINT kg_lock_id IF NOT EXISTS
FOR (l:KgLock) REQUIRE l.id IS UNIQUE;

// What the user has learned (kg learned): one node per concept, kept across builds.
CREATE CONSTRAINT kg_learned_id IF NOT EXISTS
FOR (l:KgLearned) REQUIRE l.id IS UNIQUE;
