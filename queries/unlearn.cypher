// Forget that concepts were learned (kg learned remove).
// Parameters:
//   $ids  concept ids, e.g. ['lora']
UNWIND $ids AS id
MATCH (l:KgLearned {id: id})
DELETE l
