"""The command line: parse arguments, call the library, print. Nothing else lives here."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

# Only what building the parser needs is imported here: `crosscheck --help` must not pay
# for spaCy, trafilatura or importlib.metadata (heavy imports live in the commands).
from crosscheck import __version__, settings
from crosscheck.models import VERDICTS
from crosscheck.render import FORMATS
from crosscheck.safe import printable

EXIT_OK, EXIT_WORSE, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """argparse with one-line errors and exit code 2 (argparse's own convention)."""

    def error(self, message: str):  # noqa: D102 - argparse API
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _formats(text: str) -> list[str]:
    wanted = [f.strip().lower() for f in text.split(",") if f.strip()]
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown or not wanted:
        raise argparse.ArgumentTypeError(
            f"unknown format {', '.join(unknown) or '(empty)'}; choose from {','.join(FORMATS)}"
        )
    return wanted


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="crosscheck",
        description="Compare how several news outlets cover the same story: the facts they "
        "share, whether they agree, and the sentences that say so.",
    )
    parser.add_argument("--version", action="version", version=f"crosscheck {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True

    p = sub.add_parser(
        "compare",
        help="compare a folder (or files) of articles about one story and write a report",
        description="Find the facts the articles share (dates, money, counts, measures, quotes, "
        "framing), line them up across outlets, give each a verdict (agree, conflict, "
        "paraphrase, single-source) with the sentences as evidence, and write the report.",
    )
    p.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="article files (.txt, .md, .html) or folders of them, compared as one story; "
        "with --stories: folder trees, JSON-lines files or - (standard input)",
    )
    p.add_argument("--out", default="reports", metavar="DIR", help="folder for the report files (default: reports)")
    p.add_argument(
        "--stories",
        action="store_true",
        help="many stories in one call: each folder of a tree that holds articles is a story, and "
        "each JSON-lines line an article (its 'story' key names its story; without one, articles "
        "are grouped by content); writes OUT/<story>/ per story and OUT/index.{json,md,html}",
    )
    p.add_argument(
        "--jobs",
        type=_positive,
        metavar="N",
        help="with --stories: compare N stories at once in N processes (default: the number of cores); "
        "the output is the same whatever N",
    )
    p.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="with --stories: run the comparisons on the Dask cluster at ADDRESS (tcp://host:8786); "
        "needs pip install 'crosscheck[dask]'",
    )
    p.add_argument(
        "--metadata",
        metavar="FILE",
        help="metadata sidecar (TOML: outlet, published, url, title per file); "
        "default: crosscheck.toml inside the folder, if present",
    )
    p.add_argument(
        "--format",
        type=_formats,
        default=list(FORMATS),
        metavar="LIST",
        help=f"comma-separated outputs to write, from {','.join(FORMATS)} (default: all)",
    )
    p.add_argument("--quiet", action="store_true", help="print nothing but errors (and no progress bar)")
    _add_cache_options(p)

    p = sub.add_parser(
        "baseline",
        help="save the current comparison as a baseline file to commit",
        description="Compare the articles and save the result (articles with content hashes, "
        "groups with their members, values and verdicts, agreement scores) as a baseline: "
        "sorted, indented JSON with no timestamps or absolute paths, byte-identical on any "
        "machine. Commit it, then run `crosscheck check` when articles are added.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="article files (.txt, .md, .html) or folders of them")
    p.add_argument("--out", required=True, metavar="FILE", help="baseline file to write (e.g. crosscheck-baseline.json)")
    _add_metadata_option(p)
    _add_cache_options(p)

    p = sub.add_parser(
        "check",
        help="compare the articles now against a baseline; exit 1 if the picture got worse",
        description="Say what changed since the baseline: new or removed articles, new facts, "
        "groups that changed verdict or were corroborated, values that moved, new conflicts, "
        "agreement before and after. Exit 0 when nothing got worse, 1 when a new conflict "
        "appears or overall agreement falls by more than --max-drop, 2 on usage or input errors.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="article files (.txt, .md, .html) or folders of them")
    p.add_argument("--baseline", required=True, metavar="FILE", help="baseline file written by `crosscheck baseline`")
    p.add_argument(
        "--max-drop",
        type=_fraction,
        default=settings.DEFAULT_MAX_DROP,
        metavar="X",
        help="largest allowed fall in overall agreement, absolute, between 0 and 1 "
        f"(default: {settings.DEFAULT_MAX_DROP}, i.e. {100 * settings.DEFAULT_MAX_DROP:g} points)",
    )
    p.add_argument(
        "--format", choices=("text", "json"), default="text", help="text for people (default) or json for machines"
    )
    p.add_argument("--junit", metavar="FILE", help="also write JUnit XML: each new conflict is a failed test case")
    p.add_argument("--fail-on-possible", action="store_true",
                   help="also fail on a new possible conflict (a differing figure whose sentences are not alike "
                        "enough for a conflict); by default these are listed, not failed")
    _add_metadata_option(p)
    _add_cache_options(p)
    return parser


def _add_metadata_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--metadata",
        metavar="FILE",
        help="metadata sidecar (TOML: outlet, published, url, title per file); "
        "default: crosscheck.toml inside the folder, if present",
    )


def _add_cache_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--cache",
        default=settings.CACHE_DIR,
        metavar="DIR",
        help=f"folder for the per-article extraction cache, safe to delete (default: {settings.CACHE_DIR})",
    )
    p.add_argument("--no-cache", action="store_true", help="extract every article afresh; read and write no cache")


def _positive(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"{text} is not 1 or more")
    return n


def _fraction(text: str) -> float:
    try:
        x = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0 <= x <= 1:
        raise argparse.ArgumentTypeError(f"{text} is not between 0 and 1 (it is a fraction: 0.05 = 5 points)")
    return x


def _extractor(args):
    """The extraction function the options ask for: cached (default) or plain."""
    from crosscheck.extract import extract_facts

    if args.no_cache:
        return extract_facts
    from crosscheck.cache import cached

    return cached(extract_facts, args.cache)


def _cache_warnings(extractor) -> None:
    """Say (on stderr, once each) what went wrong with the cache; the run went on without."""
    for w in getattr(extractor, "warnings", ()):
        print(f"warning: {printable(w)}", file=sys.stderr)


def _compare(args) -> int:
    if args.stories:
        return _compare_stories(args)
    for given, flag in ((args.jobs, "--jobs"), (args.scheduler, "--scheduler")):
        if given is not None:
            print(f"crosscheck: error: {flag} applies to many stories: add --stories", file=sys.stderr)
            return EXIT_USAGE
    from crosscheck.pipeline import compare
    from crosscheck.render import write_report

    extractor = _extractor(args)
    report = compare(args.paths, args.metadata, extractor)
    _cache_warnings(extractor)
    written = write_report(report, Path(args.out), args.format)
    if not args.quiet:
        verdicts = {}
        for c in report.clusters:
            verdicts[c.verdict] = verdicts.get(c.verdict, 0) + 1
        overall = "n/a" if report.overall is None else f"{100 * report.overall:.0f}%"
        print(
            f"{len(report.articles)} articles, {len(report.facts)} facts, {len(report.clusters)} groups: "
            + ", ".join(f"{verdicts.get(v, 0)} {v}" for v in VERDICTS)
            + f"; overall agreement {overall}"
        )
        for w in report.warnings:
            print(f"warning: {printable(w)}", file=sys.stderr)
        for path in written:
            print(f"wrote {printable(path)}")
    return EXIT_OK


def _compare_stories(args) -> int:
    from crosscheck.stories import SchedulerError, default_jobs, load_stories, run_stories

    if args.metadata is not None:
        print("crosscheck: error: --metadata names one story's sidecar; with --stories each folder's "
              "crosscheck.toml or each JSON line gives the metadata", file=sys.stderr)
        return EXIT_USAGE
    stories = load_stories(args.paths)
    jobs = args.jobs or default_jobs()
    progress = _progress(sum(len(s.articles) for s in stories), args.quiet)
    warned: set[str] = set()
    story_warnings = 0

    def on_result(result) -> None:
        nonlocal story_warnings
        progress.update(result.entry.articles)
        for w in result.cache_warnings:  # the cache's own trouble: once each, as in one-story mode
            if w not in warned:
                warned.add(w)
                progress.write(f"warning: {printable(w)}", file=sys.stderr)
        story_warnings += len(result.warnings)

    try:
        entries = run_stories(stories, Path(args.out), args.format, jobs, args.scheduler,
                              None if args.no_cache else args.cache, on_result)
    except SchedulerError as err:
        print(f"crosscheck: error: {printable(err)}", file=sys.stderr)
        return EXIT_USAGE
    finally:
        progress.close()
    failed = [e for e in entries if e.error]
    for e in failed:
        print(f"crosscheck: error: story {printable(e.key)}: {printable(e.error)}", file=sys.stderr)
    if not args.quiet:
        compared = [e for e in entries if e.status == "compared"]
        conflicted = sum(1 for e in compared if e.conflicts)
        print(f"{len(entries)} stories ({len(compared)} compared, {len(entries) - len(compared)} of one article"
              + (f", {len(failed)} failed" if failed else "") + f"), "
              f"{sum(e.articles for e in entries)} articles; {conflicted} with conflicts")
        if story_warnings:
            print(f"warning: {story_warnings} warnings (unknown outlets or dates), listed in each story's "
                  "report.json", file=sys.stderr)
        for name in ("index.json", "index.md", "index.html"):
            print(f"wrote {printable(Path(args.out) / name)}")
    return EXIT_USAGE if failed else EXIT_OK


def _progress(total: int, quiet: bool):
    """A progress bar over articles on a terminal (tqdm); silent when stderr is not one or with --quiet."""
    from tqdm import tqdm

    return tqdm(total=total, unit="article", disable=quiet or not sys.stderr.isatty(), file=sys.stderr,
                dynamic_ncols=True, leave=False)


def _baseline(args) -> int:
    from crosscheck.baseline import write_baseline
    from crosscheck.pipeline import compare

    extractor = _extractor(args)
    report = compare(args.paths, args.metadata, extractor)
    _cache_warnings(extractor)
    baseline = write_baseline(report, Path(args.out))
    s = baseline["summary"]
    print(f"wrote {printable(args.out)}: {s['articles']} articles, {s['facts']} facts, {s['groups']} groups")
    for w in report.warnings:
        print(f"warning: {printable(w)}", file=sys.stderr)
    return EXIT_OK


def _check(args) -> int:
    from crosscheck.atomic import write_text
    from crosscheck.baseline import BaselineError, check, dumps_diff, format_text, junit_xml, load_baseline
    from crosscheck.pipeline import compare

    try:
        baseline = load_baseline(Path(args.baseline))
    except BaselineError as err:
        print(f"crosscheck: error: {printable(err)}", file=sys.stderr)
        return EXIT_USAGE
    extractor = _extractor(args)
    report = compare(args.paths, args.metadata, extractor)
    _cache_warnings(extractor)
    result = check(baseline, report, args.max_drop, args.fail_on_possible)
    print(dumps_diff(result) if args.format == "json" else format_text(result), end="")
    if args.junit:
        write_text(Path(args.junit), junit_xml(result))
    return EXIT_WORSE if result["worse"] else EXIT_OK


COMMANDS = {"compare": _compare, "baseline": _baseline, "check": _check}


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    from crosscheck.load import InputError  # after parsing: --help and usage errors need no loader

    try:
        return COMMANDS[args.command](args)
    except InputError as err:
        print(f"crosscheck: error: {printable(err)}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as err:
        where = printable(getattr(err, "filename", None) or "")
        print(f"crosscheck: error: {where}{': ' if where else ''}{printable(err.strerror or err)}", file=sys.stderr)
        return EXIT_USAGE
    except Exception as err:  # noqa: BLE001 - last resort: a crash must not read as exit 1 ("worse")
        message = printable(f"{type(err).__name__}: {err}")[:500]
        print(f"crosscheck: internal error: {message} (please report it)", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
