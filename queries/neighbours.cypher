// Concepts within $depth hops of a concept, in either direction, over some
// relation types, with their distance (kg related X --depth N --type T).
// Parameters:
//   $id     the concept id, e.g. 'lora'
//   $types  relation types to follow, e.g. ['IS_A', 'USES']; kg's default is
//           every stated type and RELATED_TO
//   $depth  the most hops, 1 to 6 (6: the bound written below)
// Asking for the shortest distance to each concept lets Neo4j walk the graph
// breadth-first, visiting each concept once (VarLengthExpand(Pruning,BFS)).
MATCH p = (c:Concept {id: $id})-[rels*1..6]-(other:Concept)
WHERE all(r IN rels WHERE type(r) IN $types) AND other <> c
WITH other, min(length(p)) AS depth
WHERE depth <= $depth
RETURN other.id AS id, depth
ORDER BY depth, id
