// Write one batch of MENTIONED_IN relationships (kg build): where a concept is
// mentioned. lines: the sorted line numbers; count: how many lines that is.
// Parameters:
//   $build  the id of this build
//   $rows   [{concept, doc, lines}]
UNWIND $rows AS row
MATCH (c:Concept {id: row.concept})
MATCH (d:Document {id: row.doc})
MERGE (c)-[m:MENTIONED_IN]->(d)
SET m.lines = row.lines,
    m.count = size(row.lines),
    m.build = $build
