"""jieba, the segmenter and part-of-speech tagger of pass 1, with its dictionary on disk.

jieba loads its whole prefix dictionary (about 500,000 words) before it cuts
the first sentence: 0.6 s or more, which is most of what a rebuild after
editing one note costs.  A segmenter that is about to cut only a little text
can read the words it needs from an SQLite copy of that dictionary instead.
It cuts exactly as jieba does, because jieba only ever asks its dictionary
about substrings of the text it cuts.

The copy is written once per jieba dictionary, by the first process that
loads the dictionary the usual way, to ``$XDG_CACHE_HOME/kg`` (``~/.cache/kg``).
"""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path

__all__ = ["DiskFrequencies", "load_jieba", "base_tokenizer", "chinese_nlp", "LIGHT_CHARS"]

# Below this much text to cut, reading words from disk beats loading them all.
LIGHT_CHARS = 200_000


def _cache_folder() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "kg"


def _copy_file(tokenizer) -> Path:
    """Where the copy of ``tokenizer``'s dictionary lives: it changes with jieba and with the dictionary file."""
    import hashlib

    import jieba

    source = Path(tokenizer.dictionary or Path(jieba.__file__).parent / jieba.DEFAULT_DICT_NAME)
    stat = source.stat()
    key = f"{jieba.__version__}:{source}:{stat.st_size}:{stat.st_mtime_ns}"
    return _cache_folder() / f"jieba-{hashlib.sha256(key.encode()).hexdigest()[:16]}.sqlite"


class DiskFrequencies(dict):
    """jieba's ``FREQ`` mapping, filled from the SQLite copy as words are asked for.

    Words added by :meth:`jieba.Tokenizer.add_word` are kept in memory only.
    """

    def __init__(self, path: Path):
        super().__init__()
        self._path = path
        self._pid = -1
        self._absent: set[str] = set()
        (self.total,) = self._connection().execute("SELECT total FROM meta").fetchone()

    def _connection(self) -> sqlite3.Connection:
        if self._pid != os.getpid():  # an SQLite connection must not cross a fork
            self._connected = sqlite3.connect(f"file:{self._path}?mode=ro", uri=True)
            self._pid = os.getpid()
        return self._connected

    def __contains__(self, word) -> bool:
        if dict.__contains__(self, word):
            return True
        if word in self._absent:
            return False
        row = self._connection().execute("SELECT freq FROM words WHERE word = ?", (word,)).fetchone()
        if row is None:
            self._absent.add(word)
            return False
        dict.__setitem__(self, word, row[0])
        return True

    def __getitem__(self, word):
        if word in self:
            return dict.__getitem__(self, word)
        raise KeyError(word)

    def get(self, word, default=None):
        return dict.__getitem__(self, word) if word in self else default


def load_jieba(light: bool):
    """jieba's default tokenizer, ready to cut; ``light``: from the disk copy when there is one."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.dt
    if tokenizer.initialized:
        return tokenizer
    copy = _copy_file(tokenizer)
    if light and copy.exists():
        try:
            words = DiskFrequencies(copy)
            tokenizer.FREQ, tokenizer.total, tokenizer.initialized = words, words.total, True
            return tokenizer
        except (sqlite3.Error, TypeError):
            pass  # a damaged copy: load the usual way, and write a new one
    tokenizer.initialize()
    _save_copy(tokenizer, copy)
    return tokenizer


_NLP = None


def chinese_nlp():
    """spaCy's Chinese language whose tokenizer is jieba's tagged segmentation.

    A ``Doc`` of it has jieba's words as tokens and jieba's part-of-speech
    flags as ``token.tag_`` (``v`` verb, ``n`` noun, ``uj`` 的…); the words the
    build registered with jieba (the lexicon's Chinese terms, as nouns) cut as
    one token.  Pass 1 reads the few lines that may declare a name with it.

    >>> [(t.text, t.tag_) for t in chinese_nlp()("采用注意力")]
    [('采用', 'v'), ('注意力', 'n')]
    """
    global _NLP
    if _NLP is None:
        import jieba.posseg
        import spacy
        from spacy.tokens import Doc

        class _TaggedSegmenter:
            def __init__(self, vocab):
                self.vocab = vocab

            def __call__(self, text: str) -> Doc:
                pairs = [(p.word, p.flag) for p in jieba.posseg.dt.cut(text, HMM=False)]
                return Doc(self.vocab, words=[w for w, _ in pairs], spaces=[False] * len(pairs), tags=[t for _, t in pairs])

        nlp = spacy.blank("zh")  # the character segmenter of the default config needs no model; it is replaced
        nlp.tokenizer = _TaggedSegmenter(nlp.vocab)
        _NLP = nlp
    return _NLP


_BASE = None


def base_tokenizer():
    """A jieba tokenizer over jieba's own dictionary only (no words added), for word boundaries in pass 2.

    Its words come from the disk copy when there is one, else from a private
    load of the dictionary (which writes the copy).  Whatever the build added
    to jieba's default tokenizer, this one cuts the same way in every process.
    """
    global _BASE
    if _BASE is None:
        import logging

        import jieba

        jieba.setLogLevel(logging.WARNING)
        tokenizer = jieba.Tokenizer()
        copy = _copy_file(jieba.dt)
        words = None
        if not copy.exists() or not _readable(copy):
            loaded = jieba.Tokenizer()
            loaded.initialize()
            _save_copy(loaded, copy)
            words = (loaded.FREQ, loaded.total)
        if copy.exists() and _readable(copy):
            frequencies = DiskFrequencies(copy)
            words = (frequencies, frequencies.total)
        tokenizer.FREQ, tokenizer.total = words
        tokenizer.initialized = True
        _BASE = tokenizer
    return _BASE


def _save_copy(tokenizer, copy: Path) -> None:
    """Write the copy if it is missing; skipped when another process is writing it or the folder is read-only."""
    if copy.exists() and copy.stat().st_size > 0 and _readable(copy):
        return
    from filelock import FileLock, Timeout

    try:
        copy.parent.mkdir(parents=True, exist_ok=True)
        with FileLock(f"{copy}.lock", timeout=0):
            partial = copy.with_suffix(f".{os.getpid()}.partial")
            partial.unlink(missing_ok=True)
            connection = sqlite3.connect(partial)
            try:
                connection.execute("PRAGMA journal_mode = OFF")
                connection.execute("CREATE TABLE words (word TEXT PRIMARY KEY, freq INTEGER NOT NULL) WITHOUT ROWID")
                connection.execute("CREATE TABLE meta (total INTEGER NOT NULL)")
                connection.executemany("INSERT INTO words VALUES (?, ?)", sorted(tokenizer.FREQ.items()))
                connection.execute("INSERT INTO meta VALUES (?)", (tokenizer.total,))
                connection.commit()
            finally:
                connection.close()
            os.replace(partial, copy)
    except (OSError, sqlite3.Error, Timeout):
        pass  # only costs time on the next small rebuild


def _readable(copy: Path) -> bool:
    try:
        with sqlite3.connect(f"file:{copy}?mode=ro", uri=True) as connection:
            return connection.execute("SELECT total FROM meta").fetchone() is not None
    except sqlite3.Error:
        return False
