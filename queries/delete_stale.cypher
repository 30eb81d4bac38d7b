// Remove what the build did not write (kg build, last step): documents no
// longer given with their mentions, concepts and questions that are gone,
// relations no longer found. Everything kg writes carries the build id; what
// carries another one (or none) is stale.
// Parameters:
//   $build  the id of this build
OPTIONAL MATCH (:Concept|Question)-[r]->()
WHERE coalesce(r.build, '') <> $build
DELETE r
WITH count(r) AS relationships
OPTIONAL MATCH (n:Document|Concept|Question)
WHERE coalesce(n.build, '') <> $build
DETACH DELETE n
RETURN count(n) AS nodes, relationships
