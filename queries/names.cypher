// Every concept's names (kg search, and the closest names for an unknown one).
MATCH (c:Concept)
RETURN c.id AS id, c.name AS name, c.aliases AS aliases, c.mentions AS mentions
ORDER BY id
