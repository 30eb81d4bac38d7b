"""Generate a larger corpus of notes from examples/notes, with variation.

Documents are made by mixing sections of the example notes and renaming the
model names in them (LLaVA -> LLaVA-7, Qwen2-VL -> Qwen2-VL-7 …), so that
concepts and documents multiply instead of the same text repeating.

    python bench/corpus.py OUT_DIR --mb 10
"""
from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "notes"
_MODEL = re.compile(r"\b([A-Z][A-Za-z]+(?:-[A-Z][A-Za-z]+)?)(\d(?:\.\d)?)?\b")


def sections(text: str) -> list[str]:
    parts = re.split(r"\n(?=#{1,4} |问题\d|<h2)", text)
    return [p for p in parts if len(p) > 200]


def vary(text: str, rng: random.Random, variant: int) -> str:
    def rename(m: re.Match) -> str:
        if rng.random() < 0.15 and len(m.group(1)) > 3:
            return f"{m.group(1)}{m.group(2) or ''}-V{variant % 97}"
        return m.group(0)

    return _MODEL.sub(rename, text)


def generate(out: Path, megabytes: float, seed: int = 7, doc_kb: int = 40) -> list[Path]:
    rng = random.Random(seed)
    pool = [s for p in sorted(EXAMPLES.iterdir()) for s in sections(p.read_text(encoding="utf-8"))]
    out.mkdir(parents=True, exist_ok=True)
    written, paths, n = 0, [], 0
    target = int(megabytes * 1024 * 1024)
    while written < target:
        chunks, size = [], 0
        while size < doc_kb * 1024:
            chunk = vary(rng.choice(pool), rng, n)
            chunks.append(chunk)
            size += len(chunk.encode("utf-8"))
        path = out / f"note{n:05d}.md"
        data = "\n\n".join(chunks)
        path.write_text(data, encoding="utf-8")
        written += len(data.encode("utf-8"))
        paths.append(path)
        n += 1
    return paths


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--mb", type=float, default=10.0)
    ap.add_argument("--doc-kb", type=int, default=40)
    a = ap.parse_args()
    files = generate(a.out, a.mb, doc_kb=a.doc_kb)
    print(f"{len(files)} documents, {sum(f.stat().st_size for f in files) / 1e6:.1f} MB in {a.out}")
