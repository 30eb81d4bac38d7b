"""Build throughput, parallel scaling, incremental rebuilds and query start-up, as ratios in one run.

    python bench/build_speed.py [--mb 10] [--growth 1,10,50] [--out bench/results.md]

Every figure is measured in this run, on this machine, so ratios compare
like with like even when the machine is noisy.  Each command runs in its own
process; peak memory is that process's maximum resident set size.
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import generate  # noqa: E402

PY = sys.executable
JIEBA_ONLY = """
import logging, sys, jieba
from pathlib import Path
jieba.setLogLevel(logging.WARNING)
jieba.initialize()
for p in sorted(Path(sys.argv[1]).iterdir()):
    for line in p.read_text(encoding="utf-8").splitlines():
        jieba.lcut(line)
"""
IMPORTS_ONLY = "import typer, rich.console, rich.table, rich.tree, networkx, rapidfuzz, sqlite3, json"


def run(args: list[str]) -> tuple[float, float]:
    """Wall time (s) and peak memory (MB) of one command."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0 and os.waitstatus_to_exitcode(status) not in (0, 3):
        raise SystemExit(f"failed: {' '.join(args)}: {proc.stderr.read().decode()[-500:]}")
    return elapsed, usage.ru_maxrss / 1024


def kg(*args: str) -> list[str]:
    return [PY, "-m", "kg", *args]


def size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.iterdir()) / 1e6


def best_of(n: int, args: list[str]) -> float:
    return min(run(args)[0] for _ in range(n))


def throughput(work: Path, cores: int, a) -> list[str]:
    corpus = work / "corpus"
    generate(corpus, a.mb)
    mb = size_mb(corpus)
    # interleaved, best of two: the machine is shared and noisy
    rounds = [(run([PY, "-c", JIEBA_ONLY, str(corpus)]),
               run(kg("build", str(corpus), "--store", str(work / "s1"), "--jobs", "1", "--no-cache")),
               run(kg("build", str(corpus), "--store", str(work / "sN"), "--jobs", str(cores), "--no-cache")))
              for _ in range(2)]
    jieba_s = min(r[0][0] for r in rounds)
    one_s, one_mem = min(r[1] for r in rounds)
    all_s, all_mem = min(r[2] for r in rounds)
    return [
        "## Build throughput", "",
        f"Corpus: {len(list(corpus.iterdir()))} documents, {mb:.1f} MB (bench/corpus.py).", "",
        "| run | time (s) | MB/s | ratio to jieba alone | peak memory (MB) |",
        "| --- | ---: | ---: | ---: | ---: |",
        f"| jieba segmenting the text, one process (best of 2) | {jieba_s:.1f} | {mb / jieba_s:.2f} | 1.00 | |",
        f"| kg build --jobs 1 | {one_s:.1f} | {mb / one_s:.2f} | {one_s / jieba_s:.2f} | {one_mem:.0f} |",
        f"| kg build --jobs {cores} | {all_s:.1f} | {mb / all_s:.2f} | {all_s / jieba_s:.2f} | {all_mem:.0f} |",
        "", f"Scaling: --jobs {cores} is {one_s / all_s:.2f}x faster than --jobs 1.", "",
    ]


def incremental(work: Path, cores: int, a) -> list[str]:
    """A few hundred documents, one of them changed; the jieba dictionary copy exists (any earlier build wrote it)."""
    small = work / "small"
    generate(small, 9.0, doc_kb=30)
    docs = sorted(small.iterdir())
    full_one, _ = run(kg("build", str(small), "--store", str(work / "inc"), "--jobs", "1"))
    full_all, _ = run(kg("build", str(small), "--store", str(work / "inc-all"), "--jobs", str(cores)))
    edits = {
        "a line about known concepts added to one note": lambda k: f"\n\nQLoRA在LoRA的基础上引入了量化{k}。\n",
        "a new concept named in one note": lambda k: f"\n\n#### ({k}) ZetaNet{k}\nZetaNet{k}使用了LoRA和Self-Attention。\n",
        "nothing changed": None,
    }
    rows = []
    for label, edit in edits.items():
        times = []
        for k in range(3):  # median of three, each after a different edit
            if edit:
                victim = docs[(len(docs) // 2 + 7 * k) % len(docs)]
                victim.write_text(victim.read_text(encoding="utf-8") + edit(k), encoding="utf-8")
            times.append(run(kg("build", str(small), "--store", str(work / "inc")))[0])
        t = sorted(times)[1]
        rows.append(f"| {label} | {t:.2f} | {100 * t / full_one:.1f}% | {100 * t / full_all:.1f}% |")
    return [
        "## Incremental rebuild", "",
        f"{len(docs)} documents ({size_mb(small):.1f} MB). Full builds from nothing, then rebuilds with the cache "
        f"(`kg build`, default --jobs {cores}; median of three, each after another edit).", "",
        f"| run | time (s) | share of the full build, --jobs 1 ({full_one:.1f} s) | share of the full build, --jobs {cores} ({full_all:.1f} s) |",
        "| --- | ---: | ---: | ---: |", *rows, "",
    ]


def queries(work: Path, cores: int, a) -> list[str]:
    """Queries on a graph of 10,000 concepts."""
    big = work / "big"
    subprocess.run([PY, str(Path(__file__).resolve().parent / "synthetic_graph.py"), str(big), "--concepts", "10000"], check=True, stdout=subprocess.DEVNULL)
    base = best_of(5, [PY, "-c", IMPORTS_ONLY])
    name = "Concept 5000"
    rows = []
    for label, args in (("kg show", ["show", name]), ("kg prereqs", ["prereqs", name]),
                        ("kg study-order", ["study-order", name, "Concept 7000"])):
        t = best_of(5, kg(*args, "--store", str(big), "--json"))
        rows.append(f"| {label} | {t * 1000:.0f} | {t / base:.2f} |")
    return [
        "## Queries on 10,000 concepts", "",
        f"Baseline: a Python process importing the CLI's dependencies ({IMPORTS_ONLY.replace('import ', '')}): {base * 1000:.0f} ms (best of 5).", "",
        "| command | time (ms, best of 5) | ratio to baseline |", "| --- | ---: | ---: |", *rows, "",
    ]


def growth(work: Path, cores: int, a) -> list[str]:
    table = ["## How cost grows", "", "| corpus (MB) | documents | build time (s), --jobs 1 | peak memory (MB) | store size (MB) |",
              "| ---: | ---: | ---: | ---: | ---: |"]
    for size in [float(x) for x in a.growth.split(",") if x]:
        folder = work / f"g{size}"
        generate(folder, size)
        store = work / f"gs{size}"
        t, mem = run(kg("build", str(folder), "--store", str(store), "--jobs", "1", "--no-cache"))
        table.append(f"| {size_mb(folder):.1f} | {len(list(folder.iterdir()))} | {t:.1f} | {mem:.0f} | {(store / 'graph.sqlite').stat().st_size / 1e6:.1f} |")
    return table + [""]


SECTIONS = {"throughput": throughput, "incremental": incremental, "queries": queries, "growth": growth}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=10.0)
    ap.add_argument("--growth", default="1,10", help="corpus sizes (MB) for the growth table")
    ap.add_argument("--only", default=",".join(SECTIONS), help="sections to run: " + ", ".join(SECTIONS))
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "results.md")
    a = ap.parse_args()
    cores = os.cpu_count() or 1
    work = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    command = " ".join(["python bench/build_speed.py", *sys.argv[1:]])
    lines = ["# kg benchmark results", "", f"Machine: {cores} cores, Python {sys.version.split()[0]}. Command: `{command}`.", ""]
    try:
        for name in a.only.split(","):
            lines += SECTIONS[name](work, cores, a)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    a.out.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    random.seed(0)
    main()
