// Concepts by id, with where they are mentioned (kg show, and the names and
// places that every answer prints).
// Parameters:
//   $ids  concept ids, e.g. ['lora', 'qlora']
UNWIND $ids AS id
MATCH (c:Concept {id: id})
RETURN c.id AS id, c.name AS name, c.aliases AS aliases, c.category AS category,
       c.mentions AS mentions, c.documents AS documents,
       c.definition AS definition, c.definition_doc AS definition_doc,
       c.definition_line AS definition_line, c.origin AS origin,
       [(c)-[m:MENTIONED_IN]->(d:Document) | [d.id, m.lines]] AS lines
