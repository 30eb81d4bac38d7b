// The concepts the user marked learned (kg learned list, and every study plan).
// (:KgLearned) nodes are not written by kg build, so they survive rebuilds;
// `name` finds the concept again should a rebuild give it another id.
MATCH (l:KgLearned)
RETURN l.id AS id, l.name AS name
ORDER BY l.id
