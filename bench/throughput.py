"""Throughput and memory: newsfacts end to end against the bare models and a naive script.

    .venv/bin/python bench/throughput.py [--articles N] [--workers N] [--repeat R] [--variants a,b,...]

Builds a corpus of N real articles (the samples and the dev-set texts in ../shared/eval, both
languages, HTML and text, each copy made unique), then runs each variant in its own process on
the same files and prints articles/s, chars/s, CPU seconds, peak RSS and the ratios. The variants
run in turn, `--repeat` rounds of them, and each keeps its fastest round: the machines here are
shared, and the slowest rounds say more about the neighbours than about the code.

- `models`: the irreducible stages: trafilatura on the HTML inputs, called as the clean stage
  calls it (its options, with the metadata the articles table needs) but without the clean
  stage's own filters, spaCy with only the components newsfacts uses (nlp.pipe, its lemmatizer
  among them; its own attribute_ruler, which newsfacts applies by lookup), Natasha
  segmentation + morphology (the tagger and Natasha's lemmas, `token.lemmatize(vocab)`) + NER;
- `newsfacts`: `pipeline.run` with one worker, files in, tables on disk;
- `workers`: the same with --workers N (processes; their start-up and model loading is timed);
- `forkserver`: `workers` with `run.start_method = "forkserver"` (one process loads the models,
  the workers are forked from it warm).

Besides each process's peak RSS, every variant's process tree is sampled twice a second for its
proportional set size (PSS: a page shared by n processes counts 1/n in each), so the forked
workers' shared pages are counted once; "first batch" is the time to the first rows written.
- `naive`: what a user would write first: per article, trafilatura, spaCy's full default
  pipeline (`nlp(text)`) or a Natasha Doc with every step of Natasha's own example (morphology,
  lemmas, syntax, NER).
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import json
import logging
import os
import random
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
SAMPLES = ROOT / "data" / "raw" / "samples"
log = logging.getLogger("bench.throughput")


def sources() -> Iterator[tuple[str, bytes]]:
    """(suffix, bytes) of every real article available: samples, NER dev texts, HTML dev pages."""
    for path in sorted(SAMPLES.glob("*.txt")):
        yield ".txt", path.read_bytes()
    for name in ("ru_factru_dev.jsonl", "en_conll_dev.jsonl"):
        if (EVAL / name).exists():
            for line in (EVAL / name).read_text(encoding="utf-8").splitlines():
                doc = json.loads(line)
                yield ".txt", f"{doc['id']}\n{doc['text']}".encode()
    for folder in sorted((EVAL / "extraction").glob("*/html")):
        for path in sorted(folder.glob("*.html.gz"))[:60]:
            yield ".html", gzip.decompress(path.read_bytes())


def build_corpus(folder: Path, n: int) -> int:
    """Write N unique article files (sources cycled) into `folder`; return their total bytes."""
    pool = list(sources())
    random.Random(0).shuffle(pool)  # any N mixes both languages, texts and HTML pages alike
    total = 0
    for i in range(n):
        suffix, data = pool[i % len(pool)]
        marker = f"\n<!-- copy {i} -->\n" if suffix == ".html" else f"\nCopy {i}.\n"
        data = data + marker.encode()
        (folder / f"{i:06d}{suffix}").write_bytes(data)
        total += len(data)
    return total


def run_variant(variant: str, corpus: Path, out: Path, workers: int) -> dict[str, float]:
    """One variant in a fresh process → its timing, article count, characters and peak RSS."""
    cmd = [sys.executable, __file__, "--child", variant, "--corpus", str(corpus), "--out", str(out)]
    cmd += ["--workers", str(workers)]
    # one BLAS thread in every variant, as newsfacts runs its models; set before numpy loads
    env = {**os.environ, **dict.fromkeys(("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"), "1")}
    result = subprocess.run(cmd, capture_output=True, text=True, check=True, env=env)
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def child(variant: str, corpus: Path, out: Path, workers: int) -> None:
    """Run one variant here and print its measurements as one JSON line."""
    from threadpoolctl import threadpool_limits

    files = sorted(corpus.iterdir())
    setup = VARIANTS[variant][0]
    state = setup(workers)
    threadpool_limits(1)  # again, now that the libraries are loaded (the environment asked first)
    sampler = TreePss()
    started, cpu = time.perf_counter(), _cpu_seconds()
    STEADY.started = started
    articles, chars = VARIANTS[variant][1](state, files, out, workers)
    elapsed, cpu = time.perf_counter() - started, _cpu_seconds() - cpu
    sampler.stop()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "seconds": elapsed,
                "cpu_seconds": cpu,
                "articles": articles,
                "chars": chars,
                "rss_mb": peak_mb,
                "child_rss_mb": children_mb,
                "steady": STEADY.rate(),
                "first_batch_s": STEADY.first(),
                "tree_pss_mb": sampler.peak_mb,
            }
        )
    )


def _cpu_seconds() -> float:
    """User + system time of this process and of its finished children (worker processes)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _texts(files: list[Path]) -> Iterator[tuple[str, str]]:
    """Files → (kind, text or html) the way a reader would get them."""
    from pipeline.read.decode import decode

    for path in files:
        text, _ = decode(path.read_bytes())
        yield ("html", text) if path.suffix == ".html" else ("text", text.partition("\n")[2])


def _language(text: str) -> str:
    cyrillic = sum("\u0400" <= c <= "\u04ff" for c in text[:2000])
    return "ru" if cyrillic > len(text[:2000]) * 0.3 else "en"


def setup_models(workers: int) -> object:
    from natasha import Doc, MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter

    from pipeline.ner.english import load_english
    from pipeline.settings import load_settings

    settings = load_settings()
    ner, emb = settings.ner, NewsEmbedding()
    return (
        load_english(ner.english_models, ner.english_exclude),
        Segmenter(),
        NewsMorphTagger(emb),
        MorphVocab(),
        NewsNERTagger(emb),
        Doc,
        settings.clean,
    )


def trafilatura_text(html: str, clean: object) -> str:
    """trafilatura as the clean stage calls it (its options, text and metadata), nothing around it."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=clean.include_tables,  # type: ignore[attr-defined]
        favor_precision=clean.favor_precision,  # type: ignore[attr-defined]
        favor_recall=clean.favor_recall,  # type: ignore[attr-defined]
    )
    return (getattr(doc, "text", None) or "") if doc else ""


def run_models(state: object, files: list[Path], out: Path, workers: int) -> tuple[int, int]:

    nlp, segmenter, morph, vocab, ner, doc_class, clean = state  # type: ignore[misc]
    texts = [(kind, text) for kind, text in _texts(files)]
    cleaned = [trafilatura_text(t, clean) if kind == "html" else t for kind, t in texts]
    english = [t for t in cleaned if _language(t) == "en"]
    for _ in nlp.pipe(english, batch_size=16):
        pass
    for text in (t for t in cleaned if _language(t) == "ru"):
        doc = doc_class(text)
        doc.segment(segmenter)
        doc.tag_morph(morph)
        for token in doc.tokens:
            token.lemmatize(vocab)
        doc.tag_ner(ner)
    return len(files), sum(len(t) for t in cleaned)


def setup_naive(workers: int) -> object:
    import spacy
    from natasha import Doc, MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, NewsSyntaxParser, Segmenter

    from pipeline.settings import load_settings

    name = next(n for n in load_settings().ner.english_models if spacy.util.is_package(n))
    emb = NewsEmbedding()
    taggers = NewsMorphTagger(emb), MorphVocab(), NewsSyntaxParser(emb), NewsNERTagger(emb)
    return spacy.load(name), Segmenter(), *taggers, Doc


def run_naive(state: object, files: list[Path], out: Path, workers: int) -> tuple[int, int]:
    import trafilatura

    nlp, segmenter, morph, vocab, syntax, ner, doc_class = state  # type: ignore[misc]
    chars = 0
    for kind, text in _texts(files):
        text = (trafilatura.extract(text) or "") if kind == "html" else text
        chars += len(text)
        if _language(text) == "en":
            nlp(text)
            continue
        doc = doc_class(text)
        doc.segment(segmenter)
        doc.tag_morph(morph)
        for token in doc.tokens:
            token.lemmatize(vocab)
        doc.parse_syntax(syntax)
        doc.tag_ner(ner)
    return len(files), chars


def setup_newsfacts(workers: int) -> object:
    from pipeline.run import prepare
    from pipeline.settings import load_settings

    settings = load_settings()
    # batches of 20 articles: the progress points that the steady rate is measured between
    settings = dataclasses.replace(settings, store=dataclasses.replace(settings.store, batch_articles=20))
    if workers > 1:  # the workers load their own models, inside the timed run
        return settings, None
    return settings, prepare(settings)  # models and lexicons loaded before the clock, as the others do


def setup_forkserver(workers: int) -> object:
    settings, _ = setup_newsfacts(workers)  # type: ignore[misc]
    return dataclasses.replace(settings, run=dataclasses.replace(settings.run, start_method="forkserver")), None


def run_newsfacts(state: object, files: list[Path], out: Path, workers: int) -> tuple[int, int]:
    from pipeline import load, run

    settings, models = state  # type: ignore[misc]
    run([f.parent for f in files[:1]], out, settings=settings, models=models, workers=workers, progress=STEADY.tick)
    articles = load(out).articles
    return len(articles), int(articles.n_chars.sum())


class Steady:
    """Articles written over time (the run's progress callback) → the rate once the first batch is out,
    that is without start-up: worker processes loading their models, the first chunks in flight."""

    def __init__(self) -> None:
        self.points: list[tuple[float, int]] = []
        self.started = time.perf_counter()

    def first(self) -> float | None:
        return self.points[0][0] - self.started if self.points else None

    def tick(self, articles: int) -> None:
        done = self.points[-1][1] + articles if self.points else articles
        self.points.append((time.perf_counter(), done))

    def rate(self) -> float | None:
        if len(self.points) < 3:
            return None
        (t0, n0), (t1, n1) = self.points[0], self.points[-1]
        return (n1 - n0) / (t1 - t0)


STEADY = Steady()


class TreePss:
    """The peak PSS of this process and all its descendants, sampled in a thread."""

    def __init__(self, every: float = 0.5) -> None:
        self.peak_mb, self.every, self.done = 0.0, every, threading.Event()
        self.thread = threading.Thread(target=self._watch, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.done.set()
        self.thread.join()

    def _watch(self) -> None:
        while not self.done.wait(self.every):
            self.peak_mb = max(self.peak_mb, sum(_pss_kb(pid) for pid in _tree(os.getpid())) / 1024)


def _tree(root: int) -> list[int]:
    """root and every process below it, from /proc."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    found, frontier = [root], [root]
    while frontier:
        frontier = [pid for pid, parent in parents.items() if parent in frontier]
        found += frontier
    return found


def _pss_kb(pid: int) -> int:
    try:
        lines = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
    except OSError:
        return 0
    return next((int(line.split()[1]) for line in lines if line.startswith("Pss:")), 0)


VARIANTS = {
    "models": (setup_models, run_models),
    "naive": (setup_naive, run_naive),
    "newsfacts": (setup_newsfacts, run_newsfacts),
    "workers": (setup_newsfacts, run_newsfacts),
    "forkserver": (setup_forkserver, run_newsfacts),
}


def report(results: dict[str, dict[str, float]], cores: int) -> None:
    base = results.get("models")
    naive = results.get("naive")
    log.info(
        "%-10s %10s %9s %9s %8s %8s %9s %9s %9s %11s %9s %9s",
        *("variant", "articles/s", "steady/s", "chars/s", "seconds", "cpu s", "peak MB", "worker MB", "tree PSS"),
        "first batch",
        *("vs models", "vs naive"),
    )
    for name, r in results.items():
        rate, chars = r["articles"] / r["seconds"], r["chars"] / r["seconds"]
        # ratios on articles/s: every variant reads the same files (its cleaned text may differ)
        vs_models = rate / (base["articles"] / base["seconds"]) if base else float("nan")
        vs_naive = rate / (naive["articles"] / naive["seconds"]) if naive else float("nan")
        steady = f"{r['steady']:.2f}" if r.get("steady") else "-"
        first = f"{r['first_batch_s']:.1f}" if r.get("first_batch_s") else "-"
        log.info(
            "%-10s %10.2f %9s %9.0f %8.1f %8.1f %9.0f %9.0f %9.0f %11s %9.2f %9.2f",
            *(name, rate, steady, chars, r["seconds"], r["cpu_seconds"], r["rss_mb"], r["child_rss_mb"]),
            *(r["tree_pss_mb"], first, vs_models, vs_naive),
        )
    one, many = results.get("newsfacts"), results.get("workers")
    if one and many:
        log.info("workers vs one process: %.2fx end to end, %s once started", one["seconds"] / many["seconds"],
                 _ratio(many["steady"], one["steady"]))  # fmt: skip
    if naive and many and many["steady"]:
        log.info("workers once started vs naive: %.2fx", many["steady"] / (naive["articles"] / naive["seconds"]))
    fork = results.get("forkserver")
    if many and fork:
        log.info("forkserver vs spawn: %.2fx end to end, first batch %.1f s vs %.1f s, tree PSS %.0f vs %.0f MB",
                 many["seconds"] / fork["seconds"], fork["first_batch_s"] or 0, many["first_batch_s"] or 0,
                 fork["tree_pss_mb"], many["tree_pss_mb"])  # fmt: skip
    log.info("cores: %d", cores)


def _ratio(a: float | None, b: float | None) -> str:
    return f"{a / b:.2f}x" if a and b else "n/a"


def fastest(rounds: list[dict[str, float]]) -> dict[str, float]:
    """A variant's rounds → the fastest one (by wall-clock seconds)."""
    return min(rounds, key=lambda r: r["seconds"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3, help="rounds of all variants; each keeps its fastest")
    parser.add_argument("--variants", default="models,newsfacts,workers,naive")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.corpus, args.out, args.workers if args.child in ("workers", "forkserver") else 1)
        return 0
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        size = build_corpus(corpus, args.articles)
        log.info("corpus: %d articles, %.1f MB", args.articles, size / 1e6)
        rounds: dict[str, list[dict[str, float]]] = {}
        for round_ in range(1, args.repeat + 1):
            for variant in args.variants.split(","):
                out = Path(tmp) / f"out-{variant}-{round_}"
                rounds.setdefault(variant, []).append(run_variant(variant, corpus, out, args.workers))
                log.info("round %d: %s done in %.1fs", round_, variant, rounds[variant][-1]["seconds"])
        report({variant: fastest(rs) for variant, rs in rounds.items()}, os.cpu_count() or 1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
