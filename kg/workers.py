"""Where the per-note work of a build runs: here, in forked workers, or in a worker started ahead.

A rebuild usually extracts one or two changed notes again, and much of that
cost is starting jieba's part-of-speech tagger (its tag table takes a third
of a second to read).  :class:`HeadStart` forks a worker that loads it while
the build reads the notes and the cache, so the changed notes find it ready.  A whole corpus goes to a pool of
``jobs`` workers instead, or is extracted in this process with ``jobs`` = 1.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Callable, Iterator

from kg.extract import DocExtraction, Extractor
from kg.model import Document
from kg.segmenter import LIGHT_CHARS

__all__ = ["Failed", "HeadStart", "map_in_workers", "start_extractor"]

FEW = 3  # notes that one worker extracts sooner than a pool would start


@dataclass(frozen=True)
class Failed:
    path: str
    error: str


def _extract_one(extractor: Extractor, doc: Document) -> DocExtraction | Failed:
    """One document's extraction; a failure skips that document, not the build."""
    try:
        return extractor(doc)
    except (ValueError, RecursionError, MemoryError) as exc:
        return Failed(doc.path, f"{type(exc).__name__}: {str(exc)[:120]}")


def _light(docs: list[Document]) -> bool:
    return sum(len(line.text) for doc in docs for line in doc.body) < LIGHT_CHARS


class HeadStart:
    """A forked worker that loads jieba's tagger now and extracts a few notes later (or is cancelled)."""

    def __init__(self, lexicon):
        import multiprocessing

        context = multiprocessing.get_context("fork")
        self._lexicon = lexicon
        self._connection, child = context.Pipe()
        self._process = context.Process(target=_head_start_main, args=(child, lexicon), daemon=True)
        self._process.start()
        child.close()

    def extract(self, docs: list[Document]) -> Iterator[DocExtraction | Failed]:
        """Results as they come; what a worker that died left undone is extracted here."""
        done: set[str] = set()
        try:
            self._connection.send(docs)
            for _ in docs:
                result = self._connection.recv()
                done.add(result.path if isinstance(result, Failed) else result.doc.path)
                yield result
        except (EOFError, OSError):
            rest = [doc for doc in docs if doc.path not in done]
            extractor = Extractor(self._lexicon, light=_light(rest))
            yield from (_extract_one(extractor, doc) for doc in rest)
        finally:
            self.cancel()

    def cancel(self) -> None:
        if self._process.is_alive():
            self._process.terminate()
        self._process.join(timeout=5)
        self._connection.close()


def _head_start_main(connection, lexicon) -> None:
    from kg.segmenter import chinese_nlp

    chinese_nlp()  # the reason for starting early: spaCy and jieba's tag table

    try:
        docs = connection.recv()
    except EOFError:
        return
    extractor = Extractor(lexicon, light=_light(docs))
    for doc in docs:
        connection.send(_extract_one(extractor, doc))


_worker_extractor: Extractor | None = None


def _worker_init(lexicon, light: bool) -> None:
    global _worker_extractor
    _worker_extractor = Extractor(lexicon, light=light)


def _worker_run(doc: Document) -> DocExtraction | Failed:
    assert _worker_extractor is not None
    return _extract_one(_worker_extractor, doc)


def start_extractor(docs: list[Document], lexicon, jobs: int, head_start: HeadStart | None = None
                    ) -> Iterator[DocExtraction | Failed]:
    """Extract ``docs``: workers are already at it when this returns; in this process, it starts on iteration.

    ``head_start`` is used for a few notes and cancelled otherwise.
    """
    few = len(docs) <= FEW
    if head_start and few and docs:
        return head_start.extract(docs)
    if head_start:
        head_start.cancel()
    if not docs:
        return iter(())
    if not hasattr(os, "fork") or jobs <= 1 or few:
        extractor = Extractor(lexicon, light=_light(docs))
        return (_extract_one(extractor, doc) for doc in docs)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork"),
                               initializer=_worker_init, initargs=(lexicon, _light(docs)))
    # big documents first keeps the workers evenly loaded
    futures = [pool.submit(_worker_run, doc) for doc in sorted(docs, key=lambda d: -len(d.body))]

    def results():
        try:
            for future in as_completed(futures):
                yield future.result()
        finally:
            pool.shutdown(cancel_futures=True)

    return results()


def map_in_workers(function: Callable, items: list, jobs: int):
    """``map`` in forked worker processes when it pays off, in order."""
    if jobs <= 1 or len(items) < 8 or not hasattr(os, "fork"):
        return map(function, items)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork")) as pool:
        return list(pool.map(function, items, chunksize=max(1, len(items) // (jobs * 8))))
