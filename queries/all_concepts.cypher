// Every concept, with where it is mentioned (kg export).
MATCH (c:Concept)
RETURN c.id AS id, c.name AS name, c.aliases AS aliases, c.category AS category,
       c.mentions AS mentions, c.documents AS documents,
       c.definition AS definition, c.definition_doc AS definition_doc,
       c.definition_line AS definition_line, c.origin AS origin,
       [(c)-[m:MENTIONED_IN]->(d:Document) | [d.id, m.lines]] AS lines
ORDER BY id
