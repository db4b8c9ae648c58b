#!/usr/bin/env python3
"""Builds <event>/facts.json (hand-made fact-family gold) from the hand-written <event>/facts.labels.

Copied from /work/shared/datasets/ecbplus/build_facts.py (itself adapted from heldout/gold-real/build.py for the
ECB+ folder layout) and adapted to this folder: the labels and the built facts.json live here, under
tests/gold/ecbplus/<event>/, while the article texts are read (never written) from the ECB+ event folders of the
shared dataset (default /work/shared/datasets/ecbplus; override with --data DIR or $ECBPLUS_DIR). The label
format and the JSON format are unchanged (see the shared dataset's README.md, "Fact-family gold (facts.json)",
and ./README.md). ECB+ texts: CC BY 3.0, Cybulska & Vossen 2014 (see ./README.md). Does not import crosscheck.

Label file format (one event per file):
  ! story <name>                       event folder name (written to the JSON's "story" field)
  ! prefix <p>                         family prefix; a mention whose family is "new" gets the one-off family <p>.other.N
  ! family <id> | <description> | discrepant=<true|false> | over_time=<true|false> | <why>
  @ <file>                             article: the .txt file name inside the event folder
  <surface> | <kind> | <family> [| vague] [| note text]
  x <surface>                          a candidate read and left out (not a number/date mention in scope)
  ! ignore <regex>                     out-of-scope patterns (ages, times of day, model names, addresses): the
                                       --check listing skips candidates inside a match; labels are unaffected
Mentions of one article are written in reading order: each surface is searched for from the end of the previous
label of that article, whole words only, so repeated surfaces are matched occurrence by occurrence.
A leading "~" on a surface drops the whole-word requirement.
Offsets are 0-based Python code-point offsets into the whole .txt file decoded as UTF-8 (these articles have a
crosscheck.toml sidecar and no header block, so the tool loads the whole file as the article text).

Run: python3 build_facts.py <event> [<event> ...] [--check] [--data DIR]   (or --all: every folder here with a facts.labels)
  --check lists number/date candidates that no label (and no "x" line or ignore pattern) covers.
The article texts are only read, never written.
"""
import glob, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = (sys.argv[sys.argv.index("--data") + 1] if "--data" in sys.argv
        else os.environ.get("ECBPLUS_DIR", "/work/shared/datasets/ecbplus"))


def article_text(event, name):
    with open(os.path.join(DATA, event, name), encoding="utf-8") as fh:
        return fh.read()


def find(text, surface, start, blocked=()):
    """Next whole-word occurrence of surface at or after start that does not overlap an ignored span.
    A leading "~" drops the whole-word requirement (for glued text)."""
    loose = surface.startswith("~")
    surface = surface[1:] if loose else surface
    pat = re.escape(surface)
    if not loose and re.match(r"\w", surface):
        pat = r"(?<![\w])" + pat
    if not loose and re.search(r"\w$", surface):
        pat = pat + r"(?![\w])"
    for m in re.compile(pat).finditer(text, start):
        if not any(s < m.end() and m.start() < e for s, e in blocked):
            return m
    return None


WORDS = r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|hundreds|thousand|thousands|million|millions|billion|dozen|dozens|scores|half"
DAYS = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight|tomorrow"
MONTHS = r"jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|september|october|november|december"
CAND = re.compile(rf"\d[\d,.:]*|\b(?:{WORDS})\b|\b(?:{DAYS})\b|\b(?:{MONTHS})\b\.?|\b(?:last|this|next|earlier|later|past|previous)\s+(?:week|month|year|night|day|weekend|morning|summer)\b|\bago\b", re.I)


def parse(path):
    story, families, arts, cur = None, {}, {}, None
    ignores, prefix = [], None
    for n, line in enumerate(open(path, encoding="utf-8"), 1):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("! story "):
            story = line[8:].strip()
        elif line.startswith("! prefix "):
            prefix = line[9:].strip()
        elif line.startswith("! ignore "):
            ignores.append(re.compile(line[9:].strip()))
        elif line.startswith("! family "):
            parts = [p.strip() for p in line[9:].split("|")]
            fid, desc, disc, ot, why = parts[0], parts[1], parts[2], parts[3], "|".join(parts[4:]).strip()
            assert disc.startswith("discrepant=") and ot.startswith("over_time="), (n, line)
            assert fid not in families, ("duplicate family", fid)
            families[fid] = {"description": desc, "discrepant": disc.split("=")[1] == "true",
                             "over_time": ot.split("=")[1] == "true", "why": why}
        elif line.startswith("@ "):
            cur = line[2:].strip()
            arts.setdefault(cur, [])
        else:
            assert cur is not None, (path, n, "label before any @ line")
            arts[cur].append((n, line))
    return story, families, arts, ignores, prefix or story.split("_")[0]


def build(event, check=False):
    story_file = os.path.join(HERE, event, "facts.labels")
    story, families, arts, ignores, prefix = parse(story_file)
    assert story == event, (story, event)
    mentions, errors, uncovered = [], [], []
    auto = 0
    for rel, lines in arts.items():
        text = article_text(event, rel)
        cursor, spans = 0, []
        blocked = [(m.start(), m.end()) for ig in ignores for m in ig.finditer(text)]
        for n, line in lines:
            if line.startswith("x "):
                surf = line[2:].strip()
                m = find(text, surf, cursor, blocked)
                if not m:
                    errors.append(f"{story_file}:{n}: excluded {surf!r} not found after {cursor} in {rel}")
                    continue
                cursor = m.end()
                spans.append((m.start(), m.end()))
                continue
            parts = [p.strip() for p in line.split("|")]
            if len(parts) < 3:
                errors.append(f"{story_file}:{n}: malformed line {line!r}")
                continue
            surf, kind, fam = parts[0], parts[1], parts[2]
            extra = parts[3:]
            if fam == "new":
                auto += 1
                fam = f"{prefix}.other.{auto}"
            m = find(text, surf, cursor, blocked)
            if not m:
                errors.append(f"{story_file}:{n}: {surf!r} not found after {cursor} in {rel}")
                continue
            if kind not in ("date", "count", "money", "measure"):
                errors.append(f"{story_file}:{n}: bad kind {kind!r}")
                continue
            cursor = m.end()
            spans.append((m.start(), m.end()))
            men = {"file": rel, "char_start": m.start(), "char_end": m.end(), "surface": m.group(0),
                   "kind": kind, "family": fam}
            if "vague" in extra:
                men["vague"] = True
            notes = [e for e in extra if e != "vague"]
            if notes:
                men["note"] = notes[0]
            assert text[men["char_start"]:men["char_end"]] == men["surface"]
            mentions.append(men)
            if fam not in families:
                if ".other." in fam:
                    families[fam] = {"description": notes[0] if notes else "one-off mention", "discrepant": False,
                                     "over_time": False, "why": "single mention; no shared fact"}
                else:
                    errors.append(f"{story_file}:{n}: family {fam} not declared")
        if check:
            spans += blocked
            for c in CAND.finditer(text):
                if c.group(0) == "may":
                    continue
                if not any(s <= c.start() < e or s < c.end() <= e for s, e in spans):
                    ctx = text[max(0, c.start() - 40):c.end() + 40].replace("\n", " ")
                    uncovered.append(f"{rel}: {c.group(0)!r} @{c.start()}  …{ctx}…")
    # every article of the folder should have been read (an article with nothing in scope gets an empty "@" block)
    for p in sorted(glob.glob(os.path.join(DATA, event, "*.txt"))):
        if os.path.basename(p) not in arts:
            errors.append(f"{event}: article {os.path.basename(p)} has no @ block in facts.labels")
    used = {m["family"] for m in mentions}
    for f in list(families):
        if f not in used:
            errors.append(f"family {f} declared but unused")
    for f, d in families.items():
        ms = [m for m in mentions if m["family"] == f]
        d["mentions"] = len(ms)
        d["articles"] = len({m["file"] for m in ms})
    gold = {"story": story,
            "about": "hand-made fact-family gold (ECB+ development event); see ../README.md, section 'Fact-family gold "
                     "(facts.json)'. file is the .txt name in the event's folder of the shared ECB+ dataset "
                     "(the texts are not stored here). Offsets are 0-based code-point offsets into the "
                     "whole .txt file (the article text as the tool loads it with the crosscheck.toml sidecar); "
                     "text[char_start:char_end] == surface.",
            "mentions": mentions, "families": families}
    return story, gold, errors, uncovered


def verify(event):
    """Re-reads <event>/facts.json and checks every offset against the article text."""
    gold = json.load(open(os.path.join(HERE, event, "facts.json"), encoding="utf-8"))
    bad = 0
    for m in gold["mentions"]:
        t = article_text(event, m["file"])
        if t[m["char_start"]:m["char_end"]] != m["surface"]:
            bad += 1
            print("OFFSET MISMATCH", event, m)
        if m["family"] not in gold["families"]:
            bad += 1
            print("UNKNOWN FAMILY", event, m)
    return bad, len(gold["mentions"])


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--") and a != DATA]
    check = "--check" in sys.argv
    if "--all" in sys.argv:
        args = sorted(os.path.basename(os.path.dirname(p)) for p in glob.glob(os.path.join(HERE, "*", "facts.labels")))
    if not args:
        print(__doc__)
        sys.exit(2)
    rc = 0
    for event in args:
        s, gold, errors, uncovered = build(event, check)
        for e in errors:
            print("ERROR", e)
        for u in uncovered:
            print("UNCOVERED", u)
        if errors:
            rc = 1
            continue
        with open(os.path.join(HERE, event, "facts.json"), "w", encoding="utf-8") as fh:
            json.dump(gold, fh, indent=1, ensure_ascii=False)
            fh.write("\n")
        bad, n = verify(event)
        rc = rc or (1 if bad else 0)
        fams = gold["families"]
        print(f"{s}: {len(gold['mentions'])} mentions, {len(fams)} families "
              f"({sum(d['articles'] >= 2 for d in fams.values())} shared, "
              f"{sum(d['discrepant'] for d in fams.values())} discrepant), "
              f"{len({m['file'] for m in gold['mentions']})} articles; offsets re-checked: {n - bad}/{n} ok")
    sys.exit(rc)
