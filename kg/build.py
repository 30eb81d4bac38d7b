"""Build: run the pipeline over note files and assemble the :class:`KnowledgeGraph`.

``files -> ingest -> extract (pass 1, cached, parallel) -> resolve ->
mentions (pass 2) -> relate -> derive -> graph``.  Only this module knows the
order of the stages; each stage only sees plain data.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import re
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from kg.derive import derive_prerequisites
from kg.extract import EXTRACTOR_VERSION, DocExtraction, Extractor, LineMentions, find_mentions
from kg.ingest import MAX_FILE_BYTES, IngestError, NoteFile, Skip, find_notes, parse_note, read_bytes
from kg.lexicon import SurfaceIndex, load_lexicon
from kg.model import Concept, Document, Evidence, KnowledgeGraph, Question
from kg.relate import Findings, combine, evidence_text, kinds_by_name, relate_document, sentences
from kg.resolve import Resolution, resolve
from kg.resources import schema_digest

__all__ = ["BuildReport", "build_graph", "doc_id_for"]

_QUESTION = re.compile(r"(?:[?？]\s*$)|^(?:问题\s*[0-9一二三四五六七八九十]+|Q\d*\s*[:：])")
_DEFINITION = re.compile(r"^[^,。:]{0,40}?(?:\([^)]{0,60}\))?\s*(?:是一种|是一类|是一个|是指|指的是|是|即|表示|is an?|is the|refers to)\s*\S")


@dataclass
class BuildReport:
    documents: int = 0
    skipped: list[Skip] = field(default_factory=list)
    cached: int = 0
    seconds: float = 0.0


def doc_id_for(display_path: str) -> str:
    """Document ids follow the path, so a rebuild keeps them and Neo4j can MERGE on them."""
    return "d" + hashlib.sha1(display_path.encode("utf-8")).hexdigest()[:10]


def build_graph(
    paths: list[str],
    *,
    cache_dir: Path | None = None,
    jobs: int = 1,
    progress: Callable[[int, int, str], None] | None = None,
) -> tuple[KnowledgeGraph, BuildReport]:
    """Build the concept graph of the notes under ``paths``."""
    started = time.perf_counter()
    report = BuildReport()
    notes, skips = find_notes(paths)
    report.skipped.extend(skips)
    lexicon = load_lexicon()
    cache = _Cache(cache_dir) if cache_dir else None

    order = {note.display: i for i, note in enumerate(notes)}
    extractions = sorted(_extract_all(notes, lexicon, cache, jobs, report, progress), key=lambda ex: order[ex.doc.path])
    report.documents = len(extractions)
    resolution = resolve(lexicon, extractions)
    documents = [ex.doc for ex in extractions]
    categories = {cid: c.category for cid, c in resolution.concepts.items()}
    facts = _all_facts(documents, resolution, categories, cache, jobs)
    concepts = _concepts(resolution, documents, facts)
    present = {c.id for c in concepts}
    names = {cid: c.name for cid, c in resolution.concepts.items()}
    stated = [r for r in combine([f.findings for f in facts], categories, names) if r.source in present and r.target in present]
    prerequisites, broken = derive_prerequisites(stated)
    graph = KnowledgeGraph(
        documents=documents,
        concepts=concepts,
        relations=stated + prerequisites,
        questions=[q for f in facts for q in f.questions],
        meta={
            "broken_cycles": broken,
            "skipped": [{"path": s.path, "reason": s.reason} for s in report.skipped if s.warning],
            "extractor": EXTRACTOR_VERSION,
        },
    )
    report.seconds = time.perf_counter() - started
    return graph, report


def _extract_all(notes: list[NoteFile], lexicon, cache, jobs: int, report: BuildReport, progress):
    todo: list[tuple[NoteFile, Document]] = []
    total = len(notes)
    done = 0
    for note in notes:
        try:
            raw = read_bytes(note)
            # an unchanged note is not even decoded again
            hit = cache.get(hashlib.sha256(raw[:MAX_FILE_BYTES]).hexdigest(), note.display) if cache else None
            doc = None if hit is not None else parse_note(note, raw, doc_id_for(note.display))
        except IngestError as exc:
            report.skipped.append(Skip(note.display, str(exc)))
            done += 1
            if progress:
                progress(done, total, note.display)
            continue
        if hit is not None:
            report.cached += 1
            done += 1
            if progress:
                progress(done, total, note.display)
            yield hit
        else:
            todo.append((note, doc))
    for ex in _run_extractor([doc for _, doc in todo], lexicon, jobs):
        done += 1
        if isinstance(ex, _Failed):
            report.skipped.append(Skip(ex.path, f"could not extract concepts: {ex.error}"))
            continue
        if cache:
            cache.put(ex)
        if progress:
            progress(done, total, ex.doc.path)
        yield ex


@dataclass(frozen=True)
class _Failed:
    path: str
    error: str


def _extract_one(extractor: Extractor, doc: Document) -> DocExtraction | _Failed:
    """One document's extraction; a failure skips that document, not the build."""
    try:
        return extractor(doc)
    except (ValueError, RecursionError, MemoryError) as exc:
        return _Failed(doc.path, f"{type(exc).__name__}: {str(exc)[:120]}")


_worker_extractor: Extractor | None = None


def _worker_init() -> None:
    global _worker_extractor
    _worker_extractor = Extractor(load_lexicon())


def _worker_run(doc: Document) -> DocExtraction | _Failed:
    assert _worker_extractor is not None
    return _extract_one(_worker_extractor, doc)


def _run_extractor(docs: list[Document], lexicon, jobs: int):
    if not docs:
        return
    if jobs <= 1 or len(docs) < 4:
        extractor = Extractor(lexicon)
        for doc in docs:
            yield _extract_one(extractor, doc)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork") if hasattr(os, "fork") else None
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_worker_init) as pool:
        # big documents first keeps the workers evenly loaded
        order = sorted(range(len(docs)), key=lambda i: -len(docs[i].body))
        futures = [pool.submit(_worker_run, docs[i]) for i in order]
        from concurrent.futures import as_completed

        for future in as_completed(futures):
            yield future.result()


def _code_digest() -> str:
    """A digest of the modules behind pass 1: editing them invalidates cached results."""
    from kg import clean, discover, extract, htmltext, ingest

    digest = hashlib.sha256()
    for module in (clean, discover, extract, htmltext, ingest):
        digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()[:12]


class _Cache:
    """Pass-1 results by content hash; a result from another extractor version or lexicon is ignored."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.version = f"{EXTRACTOR_VERSION}-{schema_digest('lexicon.yaml', 'terms.yaml', 'noise.yaml')}-{_code_digest()}"

    def _file(self, sha256: str) -> Path:
        return self.folder / f"{sha256[:32]}-{self.version}.pickle"

    def get(self, sha256: str, display_path: str) -> DocExtraction | None:
        try:
            with open(self._file(sha256), "rb") as fh:
                cached: DocExtraction = pickle.load(fh)
        except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError):
            return None
        cached.doc.id, cached.doc.path = doc_id_for(display_path), display_path
        return cached

    def _facts_file(self, doc: Document, digest: str) -> Path:
        return self.folder / f"{doc.sha256[:32]}-{doc.id}-{self.version}-{digest}.facts.pickle"

    def get_facts(self, doc: Document, digest: str):
        try:
            with open(self._facts_file(doc, digest), "rb") as fh:
                return pickle.load(fh)
        except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError):
            return None

    def put_facts(self, doc: Document, digest: str, facts) -> None:
        self._dump(self._facts_file(doc, digest), facts)

    def put(self, extraction: DocExtraction) -> None:
        self._dump(self._file(extraction.doc.sha256), extraction)

    def _dump(self, target: Path, value) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            tmp = target.with_suffix(f".{os.getpid()}.tmp")
            with open(tmp, "wb") as fh:
                pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, target)
        except OSError:
            pass  # a cache that cannot be written only costs time


@dataclass
class _DocFacts:
    """Everything pass 2 learns from one document, given the resolution: cacheable."""

    counts: Counter
    lines: dict[str, list[int]]
    surfaces: dict[str, set[str]]
    definitions: dict[str, tuple[tuple, Evidence]]
    questions: list[Question]
    findings: Findings


def _doc_facts(doc: Document, index: SurfaceIndex, resolution: Resolution, categories: dict[str, str],
               kinds: frozenset) -> _DocFacts:
    mentions = find_mentions(doc, index, resolution.by_key)
    counts: Counter[str] = Counter()
    lines: dict[str, set[int]] = defaultdict(set)
    surfaces: dict[str, set[str]] = defaultdict(set)
    definitions: dict[str, tuple[tuple, Evidence]] = {}
    for lm in mentions:
        for f in lm.found:
            counts[f.concept] += 1
            lines[f.concept].add(lm.line.number)
            surfaces[f.concept].add(f.surface)
        _definition_candidates(doc, lm, definitions)
    return _DocFacts(counts, {c: sorted(ns) for c, ns in lines.items()}, dict(surfaces), definitions,
                     _questions(doc, mentions), relate_document(doc, mentions, categories, kinds))


_pass2: tuple | None = None  # what pass-2 workers share, inherited when they fork


def _pass2_run(doc: Document) -> _DocFacts:
    assert _pass2 is not None
    return _doc_facts(doc, *_pass2)


def _all_facts(documents: list[Document], resolution: Resolution, categories: dict[str, str], cache,
               jobs: int = 1) -> list[_DocFacts]:
    global _pass2
    labels = resolution.surface_labels()
    digest = _resolution_digest(resolution, labels) if cache else ""
    facts: list[_DocFacts | None] = [cache.get_facts(doc, digest) if cache else None for doc in documents]
    todo = [i for i, found in enumerate(facts) if found is None]
    if todo:
        _pass2 = (SurfaceIndex(labels, resolution.case_rules), resolution, categories, kinds_by_name(labels))
        try:
            for i, found in zip(todo, _map(_pass2_run, [documents[i] for i in todo], jobs)):
                facts[i] = found
                if cache:
                    cache.put_facts(documents[i], digest, found)
        finally:
            _pass2 = None
    return facts


def _map(function, items: list, jobs: int):
    """``map`` in forked worker processes when it pays off, in order."""
    if jobs <= 1 or len(items) < 8 or not hasattr(os, "fork"):
        return map(function, items)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork")) as pool:
        return list(pool.map(function, items, chunksize=max(1, len(items) // (jobs * 8))))


def _resolution_digest(resolution: Resolution, labels: dict[str, str]) -> str:
    """Pass 2 of a document can be reused while the concepts and their names stay the same."""
    digest = hashlib.sha256()
    for surface, cid in sorted(labels.items()):
        digest.update(f"{surface}\t{cid}\t{resolution.concepts[cid].category}\n".encode("utf-8"))
    digest.update(repr(sorted(resolution.case_rules.items())).encode("utf-8"))
    digest.update(schema_digest("relation_cues.yaml").encode("ascii"))
    from kg import relate

    digest.update(Path(relate.__file__).read_bytes())
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()[:16]


def _concepts(resolution: Resolution, documents: list[Document], facts: list[_DocFacts]) -> list[Concept]:
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


def _definition_candidates(doc: Document, lm: LineMentions, best: dict) -> None:
    """A sentence that starts with a concept and says what it is."""
    text = lm.line.text
    for start, end in sentences(text):
        first = next((f for f in lm.found if f.start >= start), None)
        if first is None or first.start - start > 2 or lm.line.kind in ("heading", "row"):
            continue
        sentence = text[start:end].strip()
        rest = text[first.end : end]
        if not 12 <= len(sentence) <= 220 or not _DEFINITION.match(rest):
            continue
        rank = (0 if "是一种" in rest[:30] or "是指" in rest[:30] else 1, len(sentence) > 120, doc.path, lm.line.number)
        if first.concept not in best or rank < best[first.concept][0]:
            best[first.concept] = (rank, Evidence(doc.id, lm.line.number, evidence_text(lm.line.raw or text, sentence)))


def _questions(doc: Document, mentions: list[LineMentions]) -> list[Question]:
    """The interview questions of a document, each once (a heading rather than its table-of-contents entry)."""
    from kg.clean import strip_numbering

    by_text: dict[str, Question] = {}
    for lm in mentions:
        line = lm.line
        if line.kind == "row" or not _QUESTION.search(line.text):
            continue
        text = strip_numbering(line.text).strip()
        if len(text) < 4:
            continue
        question = Question(doc.id, line.number, text, tuple(dict.fromkeys(f.concept for f in lm.found)))
        key = re.sub(r"\W+", "", text)
        if key not in by_text or line.kind == "heading":
            by_text[key] = question
    return sorted(by_text.values(), key=lambda q: q.line)
