// Facts about the stored graph: which build wrote it and when, the model
// version, and the build's notes (broken prerequisite cycles, skipped files).
// No row: nothing has been built in this database yet.
MATCH (m:KgMeta {id: 'graph'})
RETURN m.format AS format, m.build AS build, toString(m.built_at) AS built_at, m.meta AS meta
