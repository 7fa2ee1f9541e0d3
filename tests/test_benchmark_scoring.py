"""The accuracy benchmark's metrics (benchmarks/accuracy.py), pinned on invented gold records so
that a change to the scorer cannot silently move the figures the README and sealed-score quote.
Nothing here reads ../shared."""

from __future__ import annotations

import importlib.util
import sys

import pytest
from conftest import REPO


def _load_benchmark():
    spec = importlib.util.spec_from_file_location("accuracy_benchmark", REPO / "benchmarks" / "accuracy.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


acc = _load_benchmark()


# --- WCXB word scores -------------------------------------------------------------------


def test_word_f1_counts_lowercase_word_tokens_as_multisets():
    # body: the(2) quick fox jumps = 5 tokens; reference: the(1) quick brown fox = 4 tokens
    # overlap: the(1) quick fox = 3, so P = 3/5, R = 3/4, F1 = 2PR/(P+R) = 2/3
    p, r, f = acc.word_prf("The quick fox jumps, THE", "the quick brown fox")
    assert (p, r) == pytest.approx((3 / 5, 3 / 4))
    assert f == pytest.approx(2 / 3)


def test_word_f1_ignores_case_and_punctuation_but_not_repetition():
    assert acc.word_prf("Hello, World!", "hello world") == pytest.approx((1.0, 1.0, 1.0))
    # a repeated paragraph is extra words: precision halves
    p, r, f = acc.word_prf("rain today rain today", "rain today")
    assert (p, r, f) == pytest.approx((0.5, 1.0, 2 / 3))


def test_word_f1_edge_cases_follow_sealed_score():
    assert acc.word_prf("", "") == (1.0, 1.0, 1.0)  # nothing to find, nothing found
    assert acc.word_prf("stray words", "...") == (0.0, 0.0, 0.0)  # the gold has no word
    assert acc.word_prf("", "some words") == (0.0, 0.0, 0.0)
    assert acc.word_prf(None, "some words") == (0.0, 0.0, 0.0)
    assert acc.word_prf("other things", "some words") == (0.0, 0.0, 0.0)
    assert acc.words("Café_au lait 42") == ["café_au", "lait", "42"]


def test_word_scores_are_means_over_pages_overall_per_type_and_articles():
    pages = [
        ("article", (1.0, 0.5, 0.6)),
        ("article", (0.5, 1.0, 0.8)),
        ("forum", (0.0, 0.0, 0.0)),
        ("product", (1.0, 1.0, 1.0)),
    ]
    got = acc.mean_word_scores(pages)
    assert got["wP"] == pytest.approx(2.5 / 4)
    assert got["wR"] == pytest.approx(2.5 / 4)
    assert got["wF1"] == pytest.approx(2.4 / 4)  # per page, not from summed counts
    assert got["wF1_article"] == pytest.approx(0.7)
    assert list(got["types"]) == ["article", "forum", "product"]
    assert got["types"]["article"] == {"pages": 2, "wF1": pytest.approx(0.7)}
    assert got["types"]["forum"] == {"pages": 1, "wF1": 0.0}
    no_article = acc.mean_word_scores([("forum", (1.0, 1.0, 1.0))])
    assert no_article["wF1_article"] == 0.0
    assert acc.mean_word_scores([])["wF1"] == 0.0


def test_harm_and_help_counts_pages_by_the_gap_to_the_baseline():
    cleaner = {"a": 0.50, "b": 0.90, "c": 0.20, "d": 0.95, "e": 0.70}
    baseline = {"a": 0.70, "b": 0.85, "c": 0.60, "d": 0.80, "e": 0.75, "x": 1.0}
    # a: -0.20 below; b: +0.05 neither; c: -0.40 below and far below; d: +0.15 above; e: -0.05
    assert acc.harm_and_help(cleaner, baseline) == {"below": 2, "far_below": 1, "above": 1}


# --- WCXB snippets and metadata -----------------------------------------------------------


def test_wcxb_snippets_match_case_insensitively_the_devset_does_not():
    gold = {"with": ["Council Approves  Budget", "missing line"], "without": ["Subscribe now"]}
    body = "The council approves budget for 2031.\nSUBSCRIBE NOW"
    wcxb = acc.score_page(body, gold, ignore_case=True)
    assert (wcxb.tp, wcxb.fn, wcxb.fp, wcxb.tn) == (1, 1, 1, 0)
    devset = acc.score_page(body, gold)
    assert (devset.tp, devset.fn, devset.fp, devset.tn) == (0, 2, 0, 1)


def test_wcxb_gold_authors_split_the_way_sealed_score_does():
    assert acc.wcxb_gold_authors("Ana Ruiz and Tom Berg") == {"ana ruiz", "tom berg"}
    assert acc.wcxb_gold_authors("Ana Ruiz, Tom Berg & Li Wei") == {"ana ruiz", "tom berg", "li wei"}
    assert acc.wcxb_gold_authors("Ana Ruiz; Tom  Berg") == {"ana ruiz", "tom berg"}
    assert acc.wcxb_gold_authors("Andrea Anderson") == {"andrea anderson"}  # "and" inside a name stays
    assert acc.wcxb_gold_authors(None) == frozenset()
    # an extractor's list is taken as given; its string is split on `;` only
    assert acc.extracted_authors(["Ana Ruiz and Tom Berg"]) == {"ana ruiz and tom berg"}
    assert acc.extracted_authors("Ana Ruiz; TOM BERG") == {"ana ruiz", "tom berg"}
    assert acc.extracted_authors(None) == frozenset()


def test_wcxb_metadata_matches_and_invented_authors():
    gold = {"title": "Straße Plans  Revealed", "author": "Ana Ruiz and Tom Berg", "date": "2031-04-02"}
    got = acc.wcxb_meta_matches("STRASSE plans revealed", ["Tom Berg", "ana ruiz"], "2031-04-02T08:00", gold)
    assert got == {"title": True, "author": True, "date": True}  # casefold: ß matches ss
    got = acc.wcxb_meta_matches("Other", ["Ana Ruiz"], None, gold)
    assert got == {"title": False, "author": False, "date": False}
    # no gold author: the field is not scored, naming someone counts as invented
    no_author = {"title": "", "author": None, "date": None}
    assert acc.wcxb_meta_matches(None, ["Site Staff"], None, no_author) == {acc.INVENTED: True}
    assert acc.wcxb_meta_matches(None, [], None, {**no_author, "author": ""}) == {acc.INVENTED: False}


# --- the devset rules stay as they were -----------------------------------------------------


def test_devset_scoring_is_case_sensitive_and_sums_counts():
    gold = {"with": ["Bridge reopens", "after repairs"], "without": ["Read more"], "title": "Bridge Reopens"}
    c = acc.score_page("The  bridge reopens\nafter repairs. Read more", gold)
    assert (c.tp, c.fn, c.fp, c.tn) == (1, 1, 1, 0)
    assert acc.prf(1, 1, 1) == pytest.approx((0.5, 0.5, 0.5))
    assert acc.prf(0, 0, 0) == (0.0, 0.0, 0.0)
    got = acc.meta_matches("bridge reopens", None, None, {**gold, "author": "Ana Ruiz; Tom Berg"})
    assert got == {"title": True, "author": False}
    # the devset splits a gold string on `;` only
    assert acc.author_set("Ana Ruiz and Tom Berg") == {"ana ruiz and tom berg"}


def test_validation_split_is_sha256_mod_5():
    # pinned: int(sha256(id).hexdigest(), 16) % 5 == 0 for exactly these of page-0 .. page-19
    chosen = [f"page-{n}" for n in range(20) if acc.in_validation(f"page-{n}")]
    assert chosen == ["page-0", "page-1", "page-9", "page-14", "page-19"]
