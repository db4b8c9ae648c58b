#!/usr/bin/env python3
"""Checks the hand-made ECB+ gold in this folder against the article texts.

For every <event>/speakers.json: text[char_start:char_end] == quote for every entry, the span starts and ends
inside the file, speaker/speaker_surface are strings or null, nested quotes lie wholly inside their outer quote.
For every <event>/facts.json: text[char_start:char_end] == surface and every mention's family is declared.

The article texts are not stored here: they are read from the ECB+ event folders of the shared dataset
(default /work/shared/datasets/ecbplus; override with --data DIR or the ECBPLUS_DIR environment variable).
This script does not import or run crosscheck.

Run: python3 tests/gold/ecbplus/check_gold.py [--data DIR]
"""
import glob, json, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
KEYS = {"file", "char_start", "char_end", "quote", "speaker", "speaker_surface"}
OPTIONAL = {"note", "borderline"}


def data_dir():
    if "--data" in sys.argv:
        return sys.argv[sys.argv.index("--data") + 1]
    return os.environ.get("ECBPLUS_DIR", "/work/shared/datasets/ecbplus")


def read(data, event, name, cache={}):
    key = (event, name)
    if key not in cache:
        with open(os.path.join(data, event, name), encoding="utf-8") as fh:
            cache[key] = fh.read()
    return cache[key]


def check_speakers(data, event, path):
    errors = []
    entries = json.load(open(path, encoding="utf-8"))
    for i, e in enumerate(entries):
        where = f"{event} speakers[{i}]"
        missing, extra = KEYS - set(e), set(e) - KEYS - OPTIONAL
        if missing or extra:
            errors.append(f"{where}: keys missing {sorted(missing)} / unknown {sorted(extra)}")
            continue
        text = read(data, event, e["file"])
        s, t = e["char_start"], e["char_end"]
        if not (0 <= s < t <= len(text)):
            errors.append(f"{where}: span {s}-{t} outside {e['file']} ({len(text)} chars)")
        elif text[s:t] != e["quote"]:
            errors.append(f"{where}: text[{s}:{t}] = {text[s:t]!r} != quote {e['quote']!r}")
        for k in ("speaker", "speaker_surface"):
            if e[k] is not None and not (isinstance(e[k], str) and e[k].strip()):
                errors.append(f"{where}: {k} must be a non-empty string or null")
    # two spans of one file either nest or do not touch
    for i, a in enumerate(entries):
        for b in entries[i + 1:]:
            if a["file"] == b["file"] and a["char_start"] < b["char_end"] and b["char_start"] < a["char_end"]:
                nested = (a["char_start"] <= b["char_start"] and b["char_end"] <= a["char_end"]) or \
                         (b["char_start"] <= a["char_start"] and a["char_end"] <= b["char_end"])
                if not nested or (a["char_start"], a["char_end"]) == (b["char_start"], b["char_end"]):
                    errors.append(f"{event}: spans overlap without nesting: {a['file']} "
                                  f"{a['char_start']}-{a['char_end']} / {b['char_start']}-{b['char_end']}")
    return errors, len(entries)


def check_facts(data, event, path):
    errors = []
    gold = json.load(open(path, encoding="utf-8"))
    for i, m in enumerate(gold["mentions"]):
        text = read(data, event, m["file"])
        if text[m["char_start"]:m["char_end"]] != m["surface"]:
            errors.append(f"{event} mentions[{i}]: text[{m['char_start']}:{m['char_end']}] != {m['surface']!r}")
        if m["family"] not in gold["families"]:
            errors.append(f"{event} mentions[{i}]: family {m['family']} not declared")
        if m["kind"] not in ("date", "count", "money", "measure"):
            errors.append(f"{event} mentions[{i}]: bad kind {m['kind']!r}")
    return errors, len(gold["mentions"])


def main():
    data = data_dir()
    all_errors = []
    for path in sorted(glob.glob(os.path.join(HERE, "*", "speakers.json"))):
        event = os.path.basename(os.path.dirname(path))
        errors, n = check_speakers(data, event, path)
        all_errors += errors
        print(f"{event}/speakers.json: {n - len(errors)}/{n} ok" if not errors else f"{event}/speakers.json: {len(errors)} errors")
    for path in sorted(glob.glob(os.path.join(HERE, "*", "facts.json"))):
        event = os.path.basename(os.path.dirname(path))
        errors, n = check_facts(data, event, path)
        all_errors += errors
        print(f"{event}/facts.json: {n - len(errors)}/{n} ok" if not errors else f"{event}/facts.json: {len(errors)} errors")
    for e in all_errors:
        print("ERROR", e)
    assert not all_errors, f"{len(all_errors)} errors"


if __name__ == "__main__":
    main()
