"""Build: run the pipeline over note files and assemble the :class:`KnowledgeGraph`.

``files -> ingest -> extract (pass 1, cached, parallel) -> resolve ->
mentions (pass 2) -> relate -> derive -> graph``.  Only this module knows the
order of the stages; each stage only sees plain data.
"""
from __future__ import annotations

import hashlib
import itertools
import os
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from kg.cache import BuildCache
from kg.combine import combine
from kg.correcting import corrected_lexicon, correct_relations, correct_resolution
from kg.corrections import Corrections
from kg.cues import load_cues
from kg.derive import derive_prerequisites
from kg.extract import EXTRACTOR_VERSION, DocExtraction
from kg.facts import DocFacts, Pass2Inputs, doc_facts
from kg.ingest import MAX_FILE_BYTES, IngestError, NoteFile, Skip, find_notes, parse_note, read_bytes
from kg.lexicon import SurfaceIndex, compact_text, load_lexicon
from kg.model import Concept, Document, Evidence, KnowledgeGraph, Line
from kg.paths import notes_root
from kg.resolve import Resolution, resolve
from kg.resources import schema_digest
from kg.workers import Failed, HeadStart, map_in_workers, start_extractor

__all__ = ["BuildReport", "build_graph", "doc_id_for"]


@dataclass
class BuildReport:
    documents: int = 0
    skipped: list[Skip] = field(default_factory=list)
    cached: int = 0
    seconds: float = 0.0
    corrections: Corrections | None = None


def doc_id_for(display_path: str) -> str:
    """Document ids follow the path, so a rebuild keeps them and Neo4j can MERGE on them."""
    return "d" + hashlib.sha1(display_path.encode("utf-8")).hexdigest()[:10]


def build_graph(
    paths: list[str],
    *,
    cache_dir: Path | None = None,
    jobs: int = 1,
    progress: Callable[[int, int, str], None] | None = None,
    corrections: Corrections | None = None,
) -> tuple[KnowledgeGraph, BuildReport]:
    """Build the concept graph of the notes under ``paths``, with the user's ``corrections`` applied.

    Raises :class:`kg.corrections.CorrectionError` when a correction names an unknown concept.
    """
    started = time.perf_counter()
    report = BuildReport(corrections=corrections)
    notes, skips = find_notes(paths)
    report.skipped.extend(skips)
    cache = BuildCache(cache_dir, _cache_version()) if cache_dir else None
    lexicon = cache.get_value("lexicon") if cache else None
    if lexicon is None:
        lexicon = load_lexicon()
        if cache:
            cache.put_value("lexicon", lexicon)
    # jieba's tagger loads in a worker while the notes are read, for the few a rebuild extracts again
    head_start = HeadStart(lexicon) if cache and hasattr(os, "fork") else None
    try:
        graph = _build(notes, lexicon, cache, jobs, report, progress, head_start)
        graph.meta.update(notes_root(paths))
        if cache:
            cache.forget_unseen()
    finally:
        if head_start:
            head_start.cancel()
        if cache:
            cache.close()
    report.seconds = time.perf_counter() - started
    return graph, report


def _build(notes: list[NoteFile], lexicon, cache: BuildCache | None, jobs: int, report: BuildReport, progress,
           head_start: HeadStart | None) -> KnowledgeGraph:
    order = {note.display: i for i, note in enumerate(notes)}
    passes = _extract_all(notes, lexicon, cache, jobs, report, progress, head_start)
    extractions = sorted(passes, key=lambda ex: order[ex.doc.path])
    report.documents = len(extractions)
    if cache:
        cache.commit()
    corrections = report.corrections
    resolution = resolve(corrected_lexicon(lexicon, corrections) if corrections else lexicon, extractions)
    if corrections:
        correct_resolution(resolution, corrections)
    documents = [ex.doc for ex in extractions]
    categories = {cid: c.category for cid, c in resolution.concepts.items()}
    by_path = {note.display: note for note in notes}

    def bodies(doc: Document) -> None:
        """Give a document read from the cache its body back, for pass 2."""
        if doc.body:
            return
        stored = cache.get_body(doc.sha256) if cache else None
        if stored is None:  # unreadable cache entry: read the note again
            parsed = parse_note(by_path[doc.path], read_bytes(by_path[doc.path]), doc.id)
            stored = (parsed.body, parsed.sections)
        doc.body, doc.sections = stored

    facts = _all_facts(documents, resolution, categories, cache, bodies, jobs)
    concepts = _concepts(resolution, documents, facts)
    present = {c.id for c in concepts}
    names = {c.id: c.name for c in concepts}  # the concepts the notes mention: a version's family is among them

    first_of_number: dict[str, dict[int, Line]] = {}  # document -> line number -> its first body line

    def mention(concept: Concept) -> list[Evidence]:
        """The first line of each document that mentions ``concept``, in document order (for links read off names)."""
        found = []
        for doc in documents:
            numbers = concept.lines.get(doc.id)
            if numbers:
                if doc.id not in first_of_number:
                    bodies(doc)
                    first_of_number[doc.id] = {ln.number: ln for ln in reversed(doc.body)}
                line = first_of_number[doc.id].get(numbers[0])
                if line is not None:
                    found.append(Evidence(doc.id, line.number, line.raw or line.text))
        return found

    by_id = {c.id: c for c in concepts}
    first_lines: dict[str, list[Evidence]] = {}

    def mentions(cid: str) -> list[Evidence]:
        if cid not in first_lines:
            first_lines[cid] = mention(by_id[cid]) if cid in by_id else []
        return first_lines[cid]

    stated = [r for r in combine([f.findings for f in facts], categories, names, mentions, resolution.surface_labels())
              if r.source in present and r.target in present]
    if corrections:
        stated, cited = correct_relations(stated, resolution, present, corrections, lambda file: doc_id_for(file.display))
        documents += [Document(doc_id_for(f.display), f.display, f.sha256, f.lines, "corrections") for f in cited]
    prerequisites, broken = derive_prerequisites(stated, categories)
    return KnowledgeGraph(
        documents=documents,
        concepts=concepts,
        relations=stated + prerequisites,
        questions=[q for f in facts for q in f.questions],
        meta={
            "broken_cycles": broken,
            "skipped": [{"path": s.path, "reason": s.reason} for s in report.skipped if s.warning],
            "extractor": EXTRACTOR_VERSION,
            "base_dir": os.getcwd(),  # relative document paths start here (links from exported pages)
            **({"corrections": corrections.meta()} if corrections else {}),
        },
    )


def _extract_all(notes: list[NoteFile], lexicon, cache: BuildCache | None, jobs: int, report: BuildReport, progress,
                 head_start: HeadStart | None):
    """Pass 1 of every note: from the cache when its bytes were seen before, else extracted."""
    total, done = len(notes), 0

    def tick(path: str) -> None:
        nonlocal done
        done += 1
        if progress:
            progress(done, total, path)

    known = cache.known() if cache else set()
    hits: list[tuple[NoteFile, str]] = []
    todo: list[Document] = []
    for note in notes:
        try:
            raw = read_bytes(note)
            sha = hashlib.sha256(raw[:MAX_FILE_BYTES]).hexdigest()
            if sha in known:
                hits.append((note, sha))  # an unchanged note is not even decoded again
            else:
                todo.append(parse_note(note, raw, doc_id_for(note.display)))
        except IngestError as exc:
            report.skipped.append(Skip(note.display, str(exc)))
            tick(note.display)
    # the extractor starts now; reading the cache meanwhile hides its start-up
    extracted = start_extractor(todo, lexicon, jobs, head_start)
    if todo and cache:
        _prepare_later_stages()
    for note, sha in hits:
        summary = cache.get_summary(sha)
        if summary is None:  # an unreadable entry: extract the note again
            extracted = itertools.chain(extracted, start_extractor([parse_note(note, read_bytes(note), doc_id_for(note.display))], lexicon, 1))
            continue
        report.cached += 1
        tick(note.display)
        yield DocExtraction.from_summary(summary, doc_id_for(note.display), note.display)
    if cache:
        cache.preload_facts(DocFacts.from_plain)
    for ex in extracted:
        if isinstance(ex, Failed):
            report.skipped.append(Skip(ex.path, f"could not extract concepts: {ex.error}"))
            tick(ex.path)
            continue
        if cache:
            text = compact_text("\n".join(line.text for line in ex.doc.body))
            cache.put_extraction(ex.doc.sha256, ex.summary(), (ex.doc.body, ex.doc.sections), text)
        tick(ex.doc.path)
        yield ex


def _prepare_later_stages() -> None:
    """Load what pass 2 and derive need, while pass 1 runs in a worker."""
    import networkx  # noqa: F401  (kg.derive imports it when first needed)

    load_cues()


def _code_digest() -> str:
    """A digest of the modules behind both passes: editing them invalidates cached results."""
    from kg import (anchors, answered, clauses, clean, collector, combine, context, cues, discover, extract, facts, htmltext, ingest, lexicon,
                    model, names, nameshape, questions, relate, sentence_rules, slots, structure, subjects, tables, variants)

    digest = hashlib.sha256()
    for module in (anchors, answered, clauses, clean, collector, combine, context, cues, discover, extract, facts, htmltext, ingest, lexicon,
                   model, names, nameshape, questions, relate, sentence_rules, slots, structure, subjects, tables, variants):
        digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()[:12]


def _cache_version() -> str:
    """Results of another extractor, lexicon or kg version are never reused."""
    return f"{EXTRACTOR_VERSION}-{schema_digest('lexicon.yaml', 'terms.yaml', 'noise.yaml', 'relation_cues.yaml')}-{_code_digest()}"


_pass2: tuple | None = None  # what pass-2 workers share, inherited when they fork


def _pass2_run(doc: Document) -> DocFacts:
    assert _pass2 is not None
    return doc_facts(doc, *_pass2)


def _all_facts(documents: list[Document], resolution: Resolution, categories: dict[str, str],
               cache: BuildCache | None, bodies: Callable[[Document], None], jobs: int = 1) -> list[DocFacts]:
    global _pass2
    facts: list[DocFacts | None] = [None] * len(documents)
    inputs = Pass2Inputs.of(resolution)
    digest = inputs.digest()
    previous = cache.get_value("pass2") if cache else None  # (digest, inputs) of the last build
    if cache:
        _reuse_facts(documents, facts, cache, digest, previous, inputs)
    todo = [i for i, found in enumerate(facts) if found is None]
    if todo:
        for i in todo:
            bodies(documents[i])
        labels = resolution.surface_labels()
        _pass2 = (SurfaceIndex(labels, resolution.case_rules), resolution, categories, inputs.kinds)
        try:
            for i, found in zip(todo, map_in_workers(_pass2_run, [documents[i] for i in todo], jobs)):
                facts[i] = found
                if cache:
                    cache.put_facts(documents[i].sha256, documents[i].id, digest, found.to_plain())
        finally:
            _pass2 = None
    if cache:
        if previous and previous[0] != digest:
            cache.retag_facts(previous[0], digest)
        cache.put_value("pass2", (digest, inputs))
    return facts


def _reuse_facts(documents: list[Document], facts: list, cache: BuildCache, digest: str, previous, inputs: Pass2Inputs) -> None:
    """Fill ``facts`` with the kept facts still true under ``inputs``.

    Facts of the current inputs hold; facts of the last build's inputs hold
    unless what changed since concerns the document (a new name in its text).
    """
    change = None
    for i, doc in enumerate(documents):
        kept = cache.get_facts(doc.sha256, doc.id)
        if kept is None or kept[1] is None:
            continue
        tag, found = kept
        if tag == digest:
            facts[i] = found
        elif previous and tag == previous[0]:
            change = change or inputs.changes_since(previous[1])
            text = cache.get_text(doc.sha256)
            if text is not None and not change.concerns(text, found):
                facts[i] = found


def _concepts(resolution: Resolution, documents: list[Document], facts: list[DocFacts]) -> list[Concept]:
    counts: Counter[str] = Counter()
    seen_surfaces: dict[str, set[str]] = defaultdict(set)
    definitions: dict[str, tuple[tuple, Evidence]] = {}
    lines: dict[str, dict[str, list[int]]] = defaultdict(dict)
    for doc, fact in zip(documents, facts):
        counts.update(fact.counts)
        for cid, numbers in fact.lines.items():
            lines[cid][doc.id] = numbers
        for cid, found in fact.surfaces.items():
            seen_surfaces[cid] |= found
        for cid, best in fact.definitions.items():
            if cid not in definitions or best[0] < definitions[cid][0]:
                definitions[cid] = best
    order = {doc.id: i for i, doc in enumerate(documents)}
    concepts = []
    for cid, resolved in resolution.concepts.items():
        if not counts[cid]:
            continue
        aliases = sorted(resolved.surfaces | seen_surfaces[cid] | {resolved.name}, key=lambda s: (s != resolved.name, s.casefold(), s))
        concepts.append(Concept(
            id=cid,
            name=resolved.name,
            aliases=_unique_by_text(aliases),
            category=resolved.category,
            mentions=counts[cid],
            documents=sorted(lines[cid], key=order.get),
            lines=lines[cid],
            definition=definitions.get(cid, (None, None))[1],
            origin=resolved.origin,
        ))
    concepts.sort(key=lambda c: c.id)
    return concepts


def _unique_by_text(aliases: list[str]) -> list[str]:
    return list(dict.fromkeys(aliases))
