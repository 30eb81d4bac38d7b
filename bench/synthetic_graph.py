"""Write a synthetic graph of N concepts straight into an embedded store (for query benchmarks).

    python bench/synthetic_graph.py STORE --concepts 10000
"""
from __future__ import annotations

import argparse
import random

from kg.derive import derive_prerequisites
from kg.model import Concept, Document, Evidence, KnowledgeGraph, Question, Relation
from kg.store.embedded import EmbeddedStore



def synthetic(n: int, seed: int = 1) -> KnowledgeGraph:
    rng = random.Random(seed)
    docs = [Document(f"d{i}", f"notes/n{i}.md", "0" * 64, 500, f"note {i}") for i in range(max(1, n // 50))]
    concepts = [Concept(f"c{i}", f"Concept {i}", [f"Concept {i}", f"概念{i}"], "method", rng.randint(1, 40),
                        [docs[i % len(docs)].id], {docs[i % len(docs)].id: [rng.randint(1, 500)]}) for i in range(n)]
    relations = {}

    def relate(a: int, b: int, rtype: str) -> None:
        relations[(f"c{a}", f"c{b}", rtype)] = Relation(f"c{a}", f"c{b}", rtype, 0.7, [Evidence(docs[a % len(docs)].id, 10, f"Concept {a} 和 Concept {b}")])

    # like real notes: each concept builds on one or two more basic ones (a
    # shallow hierarchy), and is compared with or mentioned next to a few others
    for i in range(1, n):
        relate(i, (i - 1) // 3, rng.choice(("EXTENDS", "IS_A", "USES")))
        if i > 10 and rng.random() < 0.3:
            relate(i, rng.randrange(i // 3, i), rng.choice(("USES", "PART_OF")))
        for _ in range(2):
            j = rng.randrange(n)
            if j != i:
                relate(i, j, rng.choice(("COMPARED_WITH", "RELATED_TO")))
    stated = list(relations.values())
    prereqs, broken = derive_prerequisites(stated)
    questions = [Question(docs[i % len(docs)].id, i, f"Concept {i} 是什么?", (f"c{i}",)) for i in range(0, n, 5)]
    return KnowledgeGraph(docs, concepts, stated + prereqs, questions, {"broken_cycles": broken})


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("store")
    ap.add_argument("--concepts", type=int, default=10000)
    a = ap.parse_args()
    graph = synthetic(a.concepts)
    EmbeddedStore(a.store).write(graph)
    print(f"{len(graph.concepts)} concepts, {len(graph.relations)} relations in {a.store}")
