// Record the build (kg build, last step before removing what is stale).
// Parameters:
//   $build   the id of this build
//   $meta    JSON text: broken_cycles, skipped files, extractor version
//   $format  the version of this Neo4j model (kg refuses to read others)
MERGE (m:KgMeta {id: 'graph'})
SET m.meta = $meta,
    m.format = $format,
    m.build = $build,
    m.built_at = datetime()
