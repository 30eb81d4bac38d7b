// Write one batch of documents (kg build). Idempotent: MERGE on the id.
// Parameters:
//   $build  the id of this build; what does not carry it at the end is removed
//   $rows   [{id, path, title, sha256, lines, ord}]  ord = position in the build
UNWIND $rows AS row
MERGE (d:Document {id: row.id})
SET d.path = row.path,
    d.title = row.title,
    d.sha256 = row.sha256,
    d.lines = row.lines,
    d.ord = row.ord,
    d.build = $build
