"""Tunable thresholds, in one place, each with how it was chosen.

Change a value here, not at the place it is used; tests/test_settings.py shows what the
alignment and quote thresholds separate.
"""

# --- loading -------------------------------------------------------------------------
#: Largest article file read, in bytes. Real articles are under 200 kB of text; a file
#: of several MB is almost certainly not one article (a dump, a binary, a whole site).
MAX_ARTICLE_BYTES = 5_000_000
#: Longest line of a JSON-lines file, in bytes: one article of the largest size, written
#: with every character escaped (JSON's "\\u00e9" is six bytes for two), plus its metadata.
MAX_JSONL_LINE_BYTES = 3 * MAX_ARTICLE_BYTES
#: Longest story key or article id of a JSON-lines line, in characters (a key names a story,
#: it is not a text).
MAX_STORY_KEY_CHARS = 500

# --- extraction: bounded work per figure (crosscheck.extract) ---------------------------
# Every rule reads a bounded stretch of text around the figure it judges, never the whole
# sentence before it, so that extraction takes time linear in the article's length even for
# a "sentence" of thousands of numbers (a table pasted without full stops: issue 12).

#: How far around a quantity its rules read (characters before and after; a long clause):
#: the item, scope and unit rules see this window, not the whole sentence.
CONTEXT_CHARS = 300
#: How far before a figure the rules that look at the words right before it search
#: (``crosscheck.extract.numbers.ends_at``; the window is widened to whole words): a run of
#: words (a unit phrase such as "a moment magnitude of", a name before an age, "Tomas Vik,") and one word ("the",
#: "aged", "No."). The longest such run in the test corpora and ECB+ is under 60 characters;
#: the smaller the window, the less each figure costs (a search per rule and figure).
WORDS_BEFORE_CHARS = 100
WORD_BEFORE_CHARS = 24
#: How far around a unit symbol read only when attached to its digits ("-15C") the words that
#: say what it measures are looked for: about a clause's reach ("temperatures of 30C (86F)"),
#: not the sentence's, where a word of the weather may be about something else
#: (``crosscheck.extract.numbers``).
ATTACHED_UNIT_WINDOW_CHARS = 60
#: Longest sentence read whole. A longer "sentence" (a pasted table, a page without full
#: stops) is parsed in its first part only (``crosscheck.parse``), and each fact in it keeps
#: as its sentence (the evidence shown, the context alignment compares) the stretch of this
#: length around it, so that no fact carries a copy of a sentence of 200 kB. Real sentences
#: are under 1,000 characters; the longest in the test corpora and ECB+ is about 900.
MAX_SENTENCE_CHARS = 2000
#: Figures and dates of one sentence given a frame (what they are about, read from the
#: parse): reading one walks its clause, so a sentence of thousands of figures would cost
#: their square. Those beyond keep no frame. Real sentences hold at most 8 in the test
#: corpora and ECB+.
MAX_FRAMED_PER_SENTENCE = 30
#: Longest run of digits read as a number (separators and decimals included): a figure in
#: the news has at most 16 significant digits ("$1,234,567,890,123"); a longer run is an
#: identifier, a hash or a table run together, and a number of 400 digits is no float.
MAX_NUMBER_DIGITS = 30

# --- alignment (crosscheck.align) ------------------------------------------------------
# Similarities are in [0, 1]: the TF-IDF cosine of two facts' sentence contexts, plus the
# bonuses below. Chosen on the seeds and the stories in tests/gold/: same-event pairs across
# outlets score 0.20-0.50, different events that share the story's vocabulary 0.05-0.28.
#
# The weights of the similarity (crosscheck.align.WEIGHTS: LOCAL_WEIGHT, ORDER_BONUS,
# ANCHOR_BONUS, ITEM_WEIGHT, HEAD_MISMATCH_FACTOR, SAME_PERSON_BONUS, EQUAL_VALUE_BONUS,
# NEAR_VALUE_BONUS, SPEAKER_BONUS, TIME_MISMATCH_FACTOR) are still hand-set:
# benchmarks/fit_weights.py fits them on the ECB+ fact gold (a logistic fit, or a direct search)
# and checks them leave-one-story-out, and neither beat these values (docs/accuracy.md, "The
# alignment weights, fitted"). Its --write writes fitted weights only when they do, between
# "# --- fitted by benchmarks/fit_weights.py" and "# --- end of fitted weights" markers: so
# far the one weight of the frames' evidence, FRAME_VALUE_BONUS, below.

#: Least similarity for two facts with compatible values to be grouped.
ALIGN_MIN_SIMILARITY = {
    "date": 0.18,
    "count": 0.20,
    "money": 0.20,
    "measure": 0.20,
    "speech": 0.30,
}
#: Least similarity for two facts whose values contradict each other to be grouped: a
#: conflict is a strong claim, so it needs stronger evidence that both speak of one thing.
ALIGN_MIN_SIMILARITY_CONFLICT = {
    "date": 0.35,
    "count": 0.30,
    "money": 0.30,
    "measure": 0.30,
    "speech": 0.55,
}
#: Content words on each side of a value, within its clause, that make its near context,
#: and the weight of the near context against the whole sentence in the similarity.
LOCAL_WORDS = 4
LOCAL_WEIGHT = 0.4
#: Least similarity for a clashing pair below the conflict bar that has other evidence of
#: being one fact (the same thing counted, a mutual best match, anchored sentences).
ALIGN_MIN_SIMILARITY_CLASH_WITH_EVIDENCE = {
    "date": 0.18,
    "count": 0.25,
    "money": 0.25,
    "measure": 0.25,
    "speech": 0.55,
}
# --- fitted by benchmarks/fit_claims.py (do not edit by hand: run it) -------------------
#: Least similarity for a fact whose frame leaves what it is of unknown (no predicate, no
#: event) to take part in a conflict's claim: its sentence must read as the other side's,
#: as one report's sentence with a figure changed does.
CLAIM_MIN_SIMILARITY_UNKNOWN_FRAME = 0.8
#: Least confidence (the mean similarity of the facts of a conflict's claim) for it to be reported
#: as a conflict; below it, the claim is listed as a possible conflict.
CONFLICT_MIN_CONFIDENCE = 0.6
# --- end of fitted values ------------------------------------------------------------
#: Let a clashing pair below the conflict bar group anyway when each fact is the other's
#: best match in the other article (mutual nearest neighbours). Not for dates: two stories
#: of one month ("in March" of two different years) are often each other's best match.
ALIGN_MUTUAL_BEST_CLASH = ("count", "money", "measure")
#: ... nor for dates, but for single days this close: an event misdated by a day or two,
#: when both articles give other dates too (with one date each, "best match" says nothing)
#: and the two sentences are this alike (the conflict bar for other facts).
DATE_MUTUAL_MAX_DAYS = 7
DATE_MUTUAL_MIN_SIMILARITY = 0.30
#: Factor on the similarity of two numeric facts whose head nouns differ ("missiles" and
#: "tests"): a strong hint of two facts, short of proof ("troops" and "soldiers").
HEAD_MISMATCH_FACTOR = 0.5
#: Factor on the similarity of two figures whose sentences are dated, and dated apart
#: ("in 1987" against "on Thursday"): figures of two different times are two facts.
TIME_MISMATCH_FACTOR = 0.5
#: Days apart beyond which two dates are "apart" for that: a month, so that outlets that
#: disagree by a day or a week on one event's date are still seen as telling one event.
TIME_MISMATCH_DAYS = 31
#: Least time between two reports for a person's two ages in them to be read as one birth
#: (``crosscheck.align._ages_agree``): half a year, from which on a birthday between the
#: two reports is likelier than not (it falls in any given stretch of d days with chance
#: d/365 for a birth day spread evenly over the year).
AGE_REPORTS_APART_DAYS = 183
#: A clashing pair is not grouped when one of the two has, in the other's article, a fact
#: that agrees with it and is within this margin as similar: with evidence that close, the
#: agreeing match is as likely, and a conflict is claimed only where it is clearly the one.
CLASH_ALTERNATIVE_MARGIN = 0.10
#: Days apart beyond which two dates are never one event told two ways: outlets misdate an
#: event by days, a month or a year ("2015" for "2016"), not by several years; "October
#: 2020" and "June 2024" in one story are two elections.
DATE_MAX_GAP_DAYS = 400
#: Bonus for two ages given to the same named person ("Vik, 61," and "Tomas Vik, 62,"):
#: one fact about one person, so enough to group them on its own.
SAME_PERSON_BONUS = 0.3
#: Bonus for two numeric facts that give the very same figure, unless it is a whole number
#: up to COMMON_NUMBER_MAX (small numbers recur across unrelated facts of one story).
EQUAL_VALUE_BONUS = 0.15
COMMON_NUMBER_MAX = 12
#: Bonus for two such figures within NEAR_VALUE_SHARE of each other (the larger one's share).
NEAR_VALUE_BONUS = 0.10
NEAR_VALUE_SHARE = 0.25
#: Weight of the similarity of the thing counted, priced or measured (its noun phrase).
ITEM_WEIGHT = 0.15
#: Bonus for two values at the same place among the values of their sentences ("voted 31
#: to 9" and "31 voted for, nine against"): their contexts are otherwise the same.
ORDER_BONUS = 0.05
#: Bonus for two dates whose sentences also hold a count, amount or measure aligned
#: together: the same event told in both.
ANCHOR_BONUS = 0.15
#: Bonus when the sentences of two facts name the same speaker.
SPEAKER_BONUS = 0.15
# --- fitted by benchmarks/fit_weights.py --search --only <NAME> --write (do not edit by hand) --
#: Bonus for the same value with the same frame: one day of one event, one figure of which
#: one thing is said (chosen leave-one-story-out on the 26 ECB+ events: 0.45 in every fold).
FRAME_VALUE_BONUS = 0.45
#: Bonus for one date as written in two undated reports ("Saturday"), whatever its event
#: (chosen leave-one-story-out on the 44 ECB+ events of dev and seen: 0.45 in 43 folds, 0.3 in one;
#: among 0 to 0.8).
WRITTEN_VALUE_BONUS = 0.45
#: Bonus for one anchored day in two reports whose events share no word, where the sentences
#: share another word (a context above 0; sentences that share nothing but the day stay two
#: events of it). Chosen leave-one-story-out on the 44 ECB+ events of dev and seen: 0.45 in
#: every fold, among 0 to 0.45 and again among 0 to 0.8.
DAY_VALUE_BONUS = 0.45
#: ... weighed only where the two sentences' context cosine is above this: sentences that share
#: nothing but the day are two events of that day. Searched leave-one-story-out over 0.05-0.2
#: beside 0: 0 in every fold (B-cubed 0.809; 0.805 at 0.1, where one more discrepancy is listed
#: and fewer days of two events that share one word of the story, "police", are joined).
DAY_VALUE_MIN_CONTEXT = 0.0
#: When two clusters merge, the mean similarity across them must reach this share of
#: the threshold, so that long chains of weak links do not glue different facts (also the
#: bar for joining an article's repeats of a figure, ``align._join_repeats``). Hand-set 0.6;
#: searched leave-one-story-out among 0.3-0.8 on the 44 ECB+ events (session 18): flat,
#: B-cubed 0.811 at 0.3, 0.4 and 0.6, 0.809 at 0.5 and 0.7, 0.805 at 0.8; 41 of 44 folds chose 0.3,
#: which scores 0.809 left out against 0.811 for the shipped value: kept.
MERGE_MEAN_SHARE = 0.6
# --- end of fitted weights -----------------------------------------------------------
#: Least similarity of the words of two quotes/statements (TF-IDF cosine) for them to be
#: one remark at all, whoever said them: a spokeswoman's remark on a treaty and her remark
#: on ties are two remarks. The seeds' true paraphrases share 0.2-0.5; unrelated remarks of
#: one speaker mostly below 0.1 (0.10 keeps alignment F1 at 0.86 on tests/gold).
SPEECH_MIN_CONTENT = 0.10
#: Bonus for quotes/statements attributed to the same speaker.
SAME_SPEAKER_BONUS = 0.25
#: Penalty for quotes/statements attributed to two different named speakers.
OTHER_SPEAKER_PENALTY = 0.10

# --- values (crosscheck.values) --------------------------------------------------------
#: The most a measure's trailing zeros may stand for, as a share of the figure: "60 km" may
#: be rounded to tens (55-65 km, so "35 miles", 56 km, agrees), "10 km" not to 5-15 km. Not
#: fitted: the share of the figure the usual rounding of news copy stays within.
ROUNDING_SHARE_MAX = 0.10

# --- near-copies (crosscheck.align.find_copies) ----------------------------------------
#: Word 3-gram shingles shared (Jaccard) above which two articles are copies of one
#: another (Broder, 1997). A wire story republished with a new headline shares > 0.8;
#: two independent reports of one event share < 0.15 on the seeds and tests/gold.
COPY_MIN_JACCARD = 0.5
COPY_SHINGLE = 3

# --- quotes (crosscheck.score) ---------------------------------------------------------
#: Word-level similarity (rapidfuzz token ratio, 0-100) at or above which two quotes are
#: the same words: agree by one speaker, and, negations left out, one remark reversed when
#: only one side negates ("will connect" / "will not connect"). Below it, a paraphrase.
QUOTE_SAME_WORDS = 97

#: Similarity (rapidfuzz ratio, 0-100) of two quotes' words at or above which they are one
#: remark with a word or two changed: a pair of opposites made one ("guilty" / "innocent",
#: see ``crosscheck.antonyms``), the remark reversed (a conflict); by two named speakers,
#: the remark put in two mouths (a conflict). Below it they may be two remarks.
SAME_REMARK = 90

#: Groups of quotes up to this size list the differing words of every pair of versions;
#: larger ones list each version against the first only.
DIFF_ALL_PAIRS_UP_TO = 6

# --- memory and speed (no effect on results) -------------------------------------------
#: Texts up to this many characters (sentences, quotes) have their content words memoised
#: (``crosscheck.context.content_words``): a story of many outlets repeats its sentences.
MEMO_TEXT_CHARS = 2000

#: Rows of the similarity of a block computed at once (``crosscheck.align.Similarity``):
#: its temporaries are this many rows by n columns, not n x n ...
SIMILARITY_ROWS = 512
#: ... and at most this many entries (fewer rows in a block of many facts).
SIMILARITY_CELLS = 1 << 20
#: A block of up to this many facts holds its whole similarity (n x n, 72 MB at 3,000): an
#: entry read twice is not computed twice. A larger one keeps the pairs grouping can join
#: and computes the rest when read (``crosscheck.align.Similarity``; issue 12).
SIMILARITY_DENSE_UP_TO = 3000

# --- report.json -----------------------------------------------------------------------
#: Above this many outlets, report.json gives the outlet-pair scores as a compact table
#: (``scores.pair_table``: one line of counts per outlet) instead of one record per pair
#: (``scores.pairs``): 800 outlets make 319,600 pairs, 58% of an 80 MB report as records,
#: 3 MB as a table. At or below it the records are kept as they always were.
COMPACT_PAIRS_ABOVE_OUTLETS = 100

# --- regression check (crosscheck check) ------------------------------------------------
#: Default fall in overall agreement (absolute, 0-1) that fails ``crosscheck check``.
DEFAULT_MAX_DROP = 0.05

# --- rendering -----------------------------------------------------------------------
#: Sentences of one kind (possible conflicts, paraphrases, agreements) the one-page brief of
#: the Markdown and the PDF shows before "… and N more"; every conflict is always shown. The
#: HTML shows them all, with filters.
BRIEF_MAX_PER_KIND = 8

# --- many stories in one call (crosscheck.stories, crosscheck.grouping) ----------------
#: Folder of the extraction cache, relative to the current directory (listed in .gitignore).
CACHE_DIR = ".crosscheck-cache"
#: Longest readable part of a story's folder name (a short hash of the key follows it).
STORY_FOLDER_CHARS = 60
#: Conflict labels listed per story in the index.
INDEX_TOP_CONFLICTS = 3

#: Grouping articles without a story key into stories by content (crosscheck.grouping).
#: Words per shingle of wording: 4 words rarely repeat by chance across two stories.
GROUP_SHINGLE_WORDS = 4
#: MinHash permutations, cut into bands of GROUP_BAND_ROWS rows (32 bands of 2): two
#: articles whose name-figure-date sets have Jaccard similarity J share a band with
#: probability 1 - (1 - J^2)^32: 0.73 at J = 0.2, 0.99 at J = 0.4, 0.27 at J = 0.1.
GROUP_MINHASH_PERMUTATIONS = 64
GROUP_BAND_ROWS = 1
#: Seed of the MinHash permutations (any fixed value: grouping must not vary between runs).
GROUP_SEED = 1729
#: A feature in more than this share of all articles, and in more than
#: GROUP_COMMON_MIN_ARTICLES of them, is left out: it tells no story apart.
GROUP_COMMON_SHARE = 0.02
GROUP_COMMON_MIN_ARTICLES = 30
#: Buckets larger than this (articles sharing a band) give no candidate pairs: only
#: features common to many stories make such buckets, and their pairs would be quadratic.
GROUP_MAX_BUCKET = 1000
#: idf-weighted Jaccard similarity of names, figures and dates at or above which two
#: articles are one story (chosen on ECB+, see docs/many-stories.md).
GROUP_MIN_SIMILARITY = 0.15
#: Share of the shorter article's word 4-grams found in the other at or above which the
#: two are copies (a wire story republished, cut or with a sentence changed): one story.
GROUP_MIN_COPY_SHARE = 0.5
#: Words of its first article that name a story grouped by content when that article has no title.
STORY_NAME_WORDS = 10
#: Seconds to wait for the Dask scheduler given with --scheduler before saying it is not there.
SCHEDULER_TIMEOUT_S = 10
