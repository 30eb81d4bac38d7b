// How two concepts are connected: every shortest chain of stated relations
// (or RELATED_TO) between them, in either direction, up to 8 hops (kg path A B).
// kg then picks the chain with the fewest RELATED_TO hops and the most confidence.
// Parameters:
//   $source, $target  concept ids, e.g. 'qlora', 'adam'
MATCH (a:Concept {id: $source})
MATCH (b:Concept {id: $target})
MATCH p = allShortestPaths((a)-[:IS_A|PART_OF|USES|EXTENDS|ADDRESSES|COMPARED_WITH|RELATED_TO*..8]-(b))
RETURN [r IN relationships(p) | {
         source: startNode(r).id, type: type(r), target: endNode(r).id,
         confidence: r.confidence,
         evidence_docs: r.evidence_docs, evidence_lines: r.evidence_lines,
         evidence_texts: r.evidence_texts,
         derived_from: r.derived_from, cues: r.cues
       }] AS hops
