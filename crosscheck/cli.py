"""The command line: parse arguments, call the library, print. Nothing else lives here."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from crosscheck import __version__
from crosscheck.render import FORMATS

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
    p.add_argument("paths", nargs="+", metavar="PATH", help="article files (.txt, .md, .html) or folders of them")
    p.add_argument("--out", default="reports", metavar="DIR", help="folder for the report files (default: reports)")
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
    p.add_argument("--quiet", action="store_true", help="print nothing but errors")
    return parser


def _compare(args) -> int:
    from crosscheck.pipeline import compare
    from crosscheck.render import write_report

    report = compare(args.paths, args.metadata)
    written = write_report(report, Path(args.out), args.format)
    if not args.quiet:
        verdicts = {}
        for c in report.clusters:
            verdicts[c.verdict] = verdicts.get(c.verdict, 0) + 1
        overall = "n/a" if report.overall is None else f"{100 * report.overall:.0f}%"
        print(
            f"{len(report.articles)} articles, {len(report.facts)} facts, {len(report.clusters)} groups: "
            + ", ".join(f"{verdicts.get(v, 0)} {v}" for v in ("conflict", "paraphrase", "agree", "single-source"))
            + f"; overall agreement {overall}"
        )
        for w in report.warnings:
            print(f"warning: {w}", file=sys.stderr)
        for path in written:
            print(f"wrote {path}")
    return EXIT_OK


COMMANDS = {"compare": _compare}


def main(argv: list[str] | None = None) -> int:
    from crosscheck.load import InputError

    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except InputError as err:
        print(f"crosscheck: error: {err}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as err:
        where = getattr(err, "filename", None) or ""
        print(f"crosscheck: error: {where}{': ' if where else ''}{err.strerror or err}", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
