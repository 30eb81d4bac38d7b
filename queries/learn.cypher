// Mark concepts learned (kg learned add).
// Parameters:
//   $rows  [{id, name}], e.g. [{id: 'lora', name: 'LoRA'}]
UNWIND $rows AS row
MERGE (l:KgLearned {id: row.id})
SET l.name = row.name
