"""Many stories in one call against one ``crosscheck compare`` process per story.

Builds a corpus of STORIES stories x OUTLETS outlets from real texts: the ECB+ development
events (../shared/datasets/ecbplus, 58 events of 3-22 articles; its README says where they
come from). Story i takes event i mod 58; outlet j takes the event's article j mod n,
changed deterministically (seeded by story and outlet): one figure shifted by 1-3 (a
conflict to find) and one paragraph other than the headline dropped. The first copy of
each article is left as it is. Each story gets outlets "Outlet 01".. and the article's
publication date where ECB+ has one.

Measured in one run, with ``--format json,md`` and ``--no-cache`` everywhere:

- today's way: one ``python -m crosscheck compare STORY`` process per story, one after the
  other, on SAMPLE stories spread over the corpus (all with ``--baseline-all``);
- ``compare --stories TREE --jobs 1`` and ``--jobs 2`` over the whole corpus;
- the two outputs compared byte for byte (every file of every story and the index).

``--large`` instead runs 10,000 articles in 500 stories (JSON lines with story keys, on
standard input, ``--jobs`` the cores) and a tenth of it, printing articles/s, the peak
memory of the largest process and the peak of all processes together (sampled from /proc):
memory is bounded by the stories in flight, not by the corpus.

``--extraction`` instead measures, in this process, the extraction of each story (memo of
parses emptied before each) with the parse prefetch (``crosscheck.extract.prefetch_parses``,
a batch of all the story's sentences) and without it (each extractor parsing its own few
sentences), the two in turn, story by story: articles per CPU-second, parse batches
(``nlp.pipe`` calls) and sentences parsed, and whether the facts are the same.

Run it with ``nice`` on a shared machine; compare the ratios, not the seconds.

Figures from one run on this project's 2-core machine are in docs/many-stories.md.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ECBPLUS = Path(os.environ.get("CROSSCHECK_ECBPLUS", ROOT.parent / "shared" / "datasets" / "ecbplus"))
FORMATS = "json,md"
_NUMBER = re.compile(r"\b\d+\b")


def events() -> list[tuple[str, list[tuple[str, dict]]]]:
    """The ECB+ event folders: (name, [(text, sidecar entry), ...])."""
    out = []
    for folder in sorted(p for p in ECBPLUS.iterdir() if p.is_dir()):
        sidecar = folder / "crosscheck.toml"
        meta = tomllib.loads(sidecar.read_text("utf-8")) if sidecar.exists() else {}
        arts = [(f.read_text("utf-8"), meta.get(f.name, {})) for f in sorted(folder.glob("*.txt"))]
        if len(arts) >= 2:
            out.append((folder.name, arts))
    return out


def perturb(text: str, rng: random.Random) -> str:
    """One figure shifted by 1-3 and one paragraph (not the headline) dropped."""
    numbers = list(_NUMBER.finditer(text))
    if numbers:
        m = rng.choice(numbers)
        text = text[: m.start()] + str(int(m.group()) + rng.randint(1, 3)) + text[m.end():]
    lines = text.split("\n")
    body = [i for i, line in enumerate(lines) if i > 0 and line.strip()]
    if len(body) >= 3:
        del lines[rng.choice(body)]
    return "\n".join(lines)


def corpus(stories: int, outlets: int) -> list[tuple[str, list[dict]]]:
    """[(story key, [record, ...])]: records as JSON-lines lines (text, outlet, published)."""
    evs = events()
    out = []
    for i in range(stories):
        name, arts = evs[i % len(evs)]
        records = []
        for j in range(outlets):
            text, meta = arts[j % len(arts)]
            if i >= len(evs) or j >= len(arts):
                text = perturb(text, random.Random(f"{i}/{j}"))
            record = {"text": text, "outlet": f"Outlet {j + 1:02d}", "id": f"a{j + 1:02d}"}
            if meta.get("published"):
                record["published"] = str(meta["published"])
            records.append(record)
        out.append((f"s{i:04d}-{name}", records))
    return out


def write_tree(stories: list[tuple[str, list[dict]]], root: Path) -> None:
    for key, records in stories:
        folder = root / key
        folder.mkdir(parents=True)
        lines = []
        for r in records:
            (folder / f"{r['id']}.txt").write_text(r["text"], "utf-8")
            lines.append(f'["{r["id"]}.txt"]\noutlet = "{r["outlet"]}"')
            if "published" in r:
                lines.append(f'published = {r["published"]}')
        (folder / "crosscheck.toml").write_text("\n".join(lines) + "\n", "utf-8")


def write_jsonl(stories: list[tuple[str, list[dict]]], path: Path) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for key, records in stories:
            for r in records:
                f.write(json.dumps({**r, "story": key}, ensure_ascii=False) + "\n")


class TreeMemory:
    """Peak resident memory of this process's descendants, summed, sampled from /proc."""

    def __init__(self, interval: float = 0.2):
        self.peak = 0  # all descendants together
        self.largest = 0  # the largest one
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(interval,), daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    def _run(self, interval: float) -> None:
        me = os.getpid()
        while not self._stop.wait(interval):
            parents, rss = {}, {}
            for pid in filter(str.isdigit, os.listdir("/proc")):
                try:
                    with open(f"/proc/{pid}/stat") as f:
                        parents[int(pid)] = int(f.read().rsplit(")", 1)[1].split()[1])
                    with open(f"/proc/{pid}/statm") as f:
                        rss[int(pid)] = int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
                except (OSError, IndexError, ValueError):
                    continue
            total = 0
            for pid in rss:
                p, seen = pid, 0
                while p in parents and p != me and seen < 64:
                    p, seen = parents[p], seen + 1
                if p == me and pid != me:
                    total += rss[pid]
                    self.largest = max(self.largest, rss[pid])
            self.peak = max(self.peak, total)


def run(args: list[str], stdin: Path | None = None) -> tuple[float, float]:
    """Run ``python -m crosscheck ARGS``; return (wall seconds, CPU seconds of it and its workers)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with open(stdin, "rb") if stdin else open(os.devnull, "rb") as f:
        subprocess.run([sys.executable, "-m", "crosscheck", *args], check=True, cwd=ROOT, env=env, stdin=f,
                       stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def same_tree(a: Path, b: Path) -> bool:
    """Every file under ``a`` is under ``b`` with the same bytes, and the other way round."""
    files_a = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    return files_a == files_b and all(filecmp.cmp(a / p, b / p, shallow=False) for p in files_a)


def main_speed(stories: int, outlets: int, sample: int | None) -> None:
    data = corpus(stories, outlets)
    n = stories * outlets
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        write_tree(data, tmp / "tree")
        keys = [k for k, _ in data]
        picked = keys if sample is None else [keys[round(i * (len(keys) - 1) / max(1, sample - 1))]
                                              for i in range(min(sample, len(keys)))]
        picked = list(dict.fromkeys(picked))
        load = os.getloadavg()[0]
        runs = [run(["compare", str(tmp / "tree" / k), "--out", str(tmp / "one" / k), "--format", FORMATS,
                     "--no-cache", "--quiet"]) for k in picked]
        t_one, c_one = sum(w for w, _ in runs), sum(c for _, c in runs)
        t1, c1 = run(["compare", "--stories", str(tmp / "tree"), "--out", str(tmp / "j1"), "--format", FORMATS,
                      "--no-cache", "--quiet", "--jobs", "1"])
        t2, c2 = run(["compare", "--stories", str(tmp / "tree"), "--out", str(tmp / "j2"), "--format", FORMATS,
                      "--no-cache", "--quiet", "--jobs", "2"])
        same = same_tree(tmp / "j1", tmp / "j2")
    m = len(picked) * outlets
    one, one_cpu = m / t_one, m / c_one
    print(f"{stories} stories x {outlets} outlets ({n} articles), --format {FORMATS}, no cache "
          f"(load average {load:.1f} before, {os.getloadavg()[0]:.1f} after, on {os.cpu_count()} cores):")
    print("                                     articles/s (wall)         articles per CPU-second")
    print(f"  one process per story ({len(picked):3d} stories) {one:6.1f}  ({t_one:6.1f} s)          {one_cpu:6.1f}")
    print(f"  --stories --jobs 1                {n / t1:6.1f}  ({t1:6.1f} s)  x{n / t1 / one:4.1f}    "
          f"{n / c1:6.1f}  x{n / c1 / one_cpu:4.1f}")
    print(f"  --stories --jobs 2                {n / t2:6.1f}  ({t2:6.1f} s)  x{n / t2 / one:4.1f}    "
          f"{n / c2:6.1f}  x{n / c2 / one_cpu:4.1f}")
    print(f"  --jobs 2 / --jobs 1 (wall): x{t1 / t2:.2f}; outputs byte-identical: {same}")
    print(f"  cores kept busy (CPU seconds / wall seconds): one process per story {c_one / t_one:.2f}, "
          f"--jobs 1 {c1 / t1:.2f}, --jobs 2 {c2 / t2:.2f} (2 when it has both cores to itself)")


def main_large(stories: int, outlets: int) -> None:
    print(f"JSON lines with story keys on standard input, --format {FORMATS}, no cache, --jobs {os.cpu_count()} "
          f"(load average {os.getloadavg()[0]:.1f}):")
    for scale in (stories // 10, stories):
        data = corpus(scale, outlets)
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            write_jsonl(data, tmp / "day.jsonl")
            with TreeMemory() as memory:
                t, _ = run(["compare", "--stories", "-", "--out", str(tmp / "out"), "--format", FORMATS,
                         "--no-cache", "--quiet"], stdin=tmp / "day.jsonl")
            size = (tmp / "day.jsonl").stat().st_size
        n = scale * outlets
        print(f"  {n:6d} articles in {scale:4d} stories ({size / 1e6:.0f} MB of JSON): {n / t:6.1f} articles/s "
              f"({t:.0f} s); peak memory: largest process {memory.largest / 2**20:.0f} MB, all processes "
              f"{memory.peak / 2**20:.0f} MB")


def main_extraction(stories: int, outlets: int) -> None:
    from datetime import date

    sys.path.insert(0, str(ROOT))  # this checkout's code, as the processes of the other modes run

    from crosscheck import extract, parse
    from crosscheck.models import Article
    from crosscheck.pipeline import extract_all

    class Counting:  # the loaded pipeline, its batches and the sentences in them counted
        def __init__(self, nlp):
            self.nlp, self.batches, self.sentences = nlp, 0, 0

        def pipe(self, texts, **kw):
            texts = list(texts)
            self.batches, self.sentences = self.batches + 1, self.sentences + len(texts)
            return self.nlp.pipe(texts, **kw)

        def __call__(self, text):
            self.batches, self.sentences = self.batches + 1, self.sentences + 1
            return self.nlp(text)

    counting = Counting(parse.nlp())
    parse.nlp = lambda: counting
    cpu = {False: 0.0, True: 0.0}
    batches = {False: 0, True: 0}
    sentences = {False: 0, True: 0}
    same = True
    load = os.getloadavg()[0]
    for i, (key, records) in enumerate(corpus(stories, outlets)):
        articles = [Article(id=r["id"], path=f"{key}/{r['id']}.txt", text=r["text"], outlet=r["outlet"],
                            published=date.fromisoformat(r["published"]) if "published" in r else None)
                    for r in records]
        facts = {}
        for prefetch in ((False, True) if i % 2 else (True, False)):  # in turn: the load drifts
            extract.PREFETCH = prefetch
            parse._memo.clear()
            counting.batches = counting.sentences = 0
            t = time.process_time()
            facts[prefetch] = extract_all(articles)
            cpu[prefetch] += time.process_time() - t
            batches[prefetch] += counting.batches
            sentences[prefetch] += counting.sentences
        same = same and facts[True] == facts[False]
    extract.PREFETCH = True
    n = stories * outlets
    print(f"extraction of {stories} stories x {outlets} outlets ({n} articles), memo of parses emptied before each story "
          f"(load average {load:.1f} before, {os.getloadavg()[0]:.1f} after, on {os.cpu_count()} cores):")
    print("                          articles per CPU-second   parse batches per story   sentences parsed per story")
    for prefetch, label in ((False, "each extractor parses"), (True, "prefetch per story   ")):
        print(f"  {label}   {n / cpu[prefetch]:8.2f}                 {batches[prefetch] / stories:8.1f}"
              f"                  {sentences[prefetch] / stories:8.1f}")
    print(f"  prefetch / without: x{cpu[False] / cpu[True]:.2f} articles per CPU-second, "
          f"x{batches[False] / max(1, batches[True]):.0f} fewer batches; facts identical: {same}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stories", type=int, help="stories (default 100; 500 with --large)")
    parser.add_argument("--outlets", type=int, default=20)
    parser.add_argument("--sample", type=int, default=10, help="stories run as one process each (default 10)")
    parser.add_argument("--baseline-all", action="store_true", help="run every story as its own process")
    parser.add_argument("--large", action="store_true", help="10,000 articles in 500 stories: articles/s and memory")
    parser.add_argument("--extraction", action="store_true",
                        help="extraction with and without the parse prefetch, in this process (default 20 stories)")
    args = parser.parse_args()
    if not ECBPLUS.is_dir():
        sys.exit(f"no ECB+ folder at {ECBPLUS} (set CROSSCHECK_ECBPLUS)")
    if args.extraction:
        main_extraction(args.stories or 20, args.outlets)
    elif args.large:
        main_large(args.stories or 500, args.outlets)
    else:
        main_speed(args.stories or 100, args.outlets, None if args.baseline_all else args.sample)


if __name__ == "__main__":
    main()
