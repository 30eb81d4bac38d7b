// The notes the graph was built from, in the order of the build (kg show,
// kg questions, kg study-order print their paths; kg export lists them).
MATCH (d:Document)
RETURN d.id AS id, d.path AS path, d.title AS title, d.sha256 AS sha256, d.lines AS lines
ORDER BY d.ord
