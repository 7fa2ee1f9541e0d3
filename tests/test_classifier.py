"""The learned plain-text classifier (cleaner/text/features.py, cleaner/text/model.py): features,
language, text_model file."""

import json
import re
from collections import Counter
from importlib import resources

import numpy as np
import pytest

from cleaner import settings
from cleaner.blocks import split_units
from cleaner.text import features, model

STORY = (
    "Menu\nHome\nPolitics\n\n"
    "The minister said on Monday that the new law would take effect in the spring, and that the "
    "details were still being discussed with the regions.\n\n"
    "Critics say the plan is too vague.\n\n"
    "  • Share\n  • Print\n"
)


def test_feature_matrix_shape_and_simple_values():
    units = split_units(STORY)
    x = features.unit_features(units)
    names = features.feature_names()
    assert x.shape == (len(units), len(names))
    column = {name: x[:, i] for i, name in enumerate(names)}
    texts = [u.text for u in units]
    long_row = texts.index(next(t for t in texts if t.startswith("The minister")))
    assert column["sentence_end"][long_row] == 1.0
    assert column["stop_density"][long_row] > 0.3  # English detected: "the", "that", "on"...
    assert column["language_known"][0] == 1.0
    assert column["bullet"][texts.index("Share")] == 1.0
    assert column["in_main_span"][long_row] == 1.0
    assert column["in_main_span"][texts.index("Home")] == 0.0
    assert column["log_repeats"].max() == 0.0  # no line occurs twice
    # neighbours: the previous unit's words of the paragraph after the long one
    after = long_row + 1
    assert column["prev_log_words"][after] == column["log_words"][long_row]


def test_features_of_an_empty_page():
    assert features.unit_features([]).shape == (0, len(features.feature_names()))


@pytest.mark.parametrize(
    "words, language",
    [
        ("der die und das ist nicht mit auf", "German"),
        ("le la les et est dans pour une", "French"),
        ("the and of to is that with for", "English"),
        ("nie jest się że na do to w", "Polish"),
    ],
)
def test_detect_language(words, language):
    found = features.detect_language(Counter(words.split()))
    assert settings.TEXT_MODEL_LANGUAGES[found] == language


def test_detect_language_gives_up_without_stopwords():
    assert features.detect_language(Counter(["xqz", "vbnm", "qwrt"])) is None
    assert features.detect_language(Counter()) is None


def test_additive_model_sums_bin_weights():
    text_model = model.AdditiveModel(edges=[[1.0, 2.0], [0.5]], weights=[[0.0, 1.0, 2.0], [-1.0, 1.0]], bias=0.5)
    x = np.array([[0.0, 0.0], [1.5, 1.0], [5.0, 0.5]])
    assert text_model.log_odds(x).tolist() == [-0.5, 2.5, 3.5]


def test_additive_model_bins_as_searchsorted_per_feature():
    """Bins are found for all features at once, features having different numbers of edges:
    a value equal to an edge goes above it, NaN past every edge, infinities to the ends."""
    edges = [[1.0, 2.0, 3.0], [0.0], [-1.0, 5.0]]
    text_model = model.AdditiveModel(edges=edges, weights=[[0.0] * (len(e) + 1) for e in edges], bias=0.0)
    x = np.array(
        [
            [0.5, -0.5, -2.0],
            [1.0, 0.0, -1.0],  # on an edge
            [2.5, -0.0, 4.0],
            [3.0, 7.0, 5.0],
            [np.nan, np.inf, -np.inf],
            [-np.inf, np.nan, np.nan],
        ]
    )
    by_feature = np.column_stack([np.searchsorted(e, x[:, j], side="right") for j, e in enumerate(edges)])
    assert (text_model.bins(x) - text_model.offsets).tolist() == by_feature.tolist()
    assert by_feature.tolist() == [[0, 0, 0], [1, 1, 1], [2, 1, 1], [3, 1, 2], [3, 1, 0], [0, 1, 2]]
    assert text_model.bins(np.zeros((0, 3))).shape == (0, 3)


def test_additive_model_rejects_mismatched_weights():
    with pytest.raises(ValueError):
        model.AdditiveModel(edges=[[1.0]], weights=[[0.0]], bias=0.0)


def test_any_stop_density_reads_a_sentence_in_another_language_as_running_text():
    page = "Der Bürgermeister sagte am Montag, dass die Straßenbahn über die Brücke fährt.\n\n" + "\n\n".join(
        f"Paragraph {n}: the council met on Monday and agreed that the new tram line will cross the river."
        for n in range(4)
    )
    units = split_units(page)
    x = features.unit_features(units)
    names = features.feature_names()
    own, best = x[:, names.index("stop_density")], x[:, names.index("any_stop_density")]
    assert own[0] < 0.1 and best[0] > 0.3  # not English stopwords, but German ones
    assert (best >= own).all()


def test_tree_ensemble_walks_each_tree_to_one_leaf():
    # tree 1 (depth 2): root splits on feature 0 at 1.0; left child on feature 1 at 5.0;
    # right child does not split (-1: always left). Tree 2: a stump on feature 1 at 0.0,
    # written as depth 2 with both children unsplit.
    trees = model.TreeEnsemble(
        depth=2,
        features=[[0, 1, -1], [1, -1, -1]],
        thresholds=[[1.0, 5.0, 0.0], [0.0, 0.0, 0.0]],
        leaves=[[1.0, 2.0, 3.0, 4.0], [-0.5, 0.0, 0.5, 0.0]],
        n_features=2,
    )
    x = np.array(
        [
            [0.0, 0.0],  # tree 1: left, left -> 1.0; tree 2: right (0 >= 0), left -> 0.5
            [0.0, 6.0],  # left, right -> 2.0; right, left -> 0.5
            [1.0, -1.0],  # right (1 >= 1), left (no split) -> 3.0; left, left -> -0.5
            [9.0, 9.0],  # right, left -> 3.0 (leaf 4 is never reached); right -> 0.5
        ]
    )
    assert trees.log_odds(x).tolist() == [1.5, 2.5, 2.5, 3.5]
    assert trees.log_odds(np.asfortranarray(x)).tolist() == [1.5, 2.5, 2.5, 3.5]  # any memory layout
    assert trees.log_odds(x[:, ::-1][:, ::-1]).tolist() == [1.5, 2.5, 2.5, 3.5]
    assert trees.log_odds(np.array([[np.nan, np.nan]])).tolist() == [0.5]  # a missing value goes left
    assert trees.log_odds(np.zeros((0, 2))).tolist() == []


@pytest.mark.parametrize(
    "change",
    [
        {"leaves": [[1.0, 2.0, 3.0]]},  # a depth-2 tree has 4 leaves
        {"features": [[0, 2, -1]]},  # no feature 2 among 2
        {"features": [[0, 1, -2]]},
        {"thresholds": [[1.0, 5.0, 0.0], [0.0, 0.0, 0.0]]},  # two trees' thresholds for one tree
        {"depth": 0},
    ],
)
def test_tree_ensemble_rejects_a_malformed_model(change):
    data = {"depth": 2, "features": [[0, 1, -1]], "thresholds": [[1.0, 5.0, 0.0]], "leaves": [[1.0, 2.0, 3.0, 4.0]]}
    model.TreeEnsemble.from_dict(data, 2)  # well-formed
    with pytest.raises(ValueError):
        model.TreeEnsemble.from_dict({**data, **change}, 2)


def test_text_model_rejects_a_malformed_tree_stage():
    data = json.loads(resources.files("cleaner").joinpath("data", settings.TEXT_MODEL_FILE).read_text(encoding="utf-8"))
    model.TextModel(data)
    with pytest.raises(KeyError):
        model.TextModel({key: value for key, value in data.items() if key != "tree_stage"})
    with pytest.raises((ValueError, KeyError)):
        model.TextModel({**data, "tree_stage": {"depth": 3}})
    inputs = model.tree_inputs(len(data["features"]))
    wrong = [[inputs] * len(tree) for tree in data["tree_stage"]["features"]]  # one past the last column
    with pytest.raises(ValueError):
        model.TextModel({**data, "tree_stage": {**data["tree_stage"], "features": wrong}})


def test_boosted_trees_learn_an_interaction_an_additive_model_cannot():
    # the label is one value where both features are high or both low (x0 >= 3 and x1 >= 6,
    # or neither): no sum of one function of x0 and one of x1 has that sign everywhere
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "training"))
    from boost import fit_trees

    a, b = np.meshgrid(np.arange(10.0), np.arange(10.0))
    x = np.column_stack((a.ravel(), b.ravel()))
    y = ((x[:, 0] >= 3) == (x[:, 1] >= 6)).astype(float)
    data = fit_trees(
        x, y, np.ones(len(y)), np.zeros(len(y)), trees=20, depth=2, rate=0.5, l2=1.0, min_hessian=1.0, max_bins=16
    )
    again = fit_trees(
        x, y, np.ones(len(y)), np.zeros(len(y)), trees=20, depth=2, rate=0.5, l2=1.0, min_hessian=1.0, max_bins=16
    )
    assert data == again  # deterministic
    z = model.TreeEnsemble.from_dict(data, 2).log_odds(x)
    assert ((z > 0) == (y == 1)).all()


def test_boosted_trees_with_groups_learn_a_choice_within_each_group():
    # each group (a page) holds some of four kinds of row (a candidate) and one positive: the
    # row where both features agree (both 0 or both 1) if the group has one, else the (1, 0)
    # row; no weighted sum of x0 and x1 ranks the (0, 0) and (1, 1) rows above (1, 0) and (0, 1)
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "training"))
    from boost import fit_trees

    kinds = [(0.0, 0.0), (0.0, 1.0), (1.0, 0.0), (1.0, 1.0)]
    groups = [[0, 1, 2, 3], [1, 2], [2, 0], [3, 1], [1, 3, 2], [0, 2, 1], [2, 1, 3], [3, 2]] * 4
    x = np.array([kinds[kind] for group in groups for kind in group])
    right = [next((kind for kind in group if kind in (0, 3)), 2) for group in groups]
    y = np.array([float(kind == wanted) for group, wanted in zip(groups, right, strict=True) for kind in group])
    starts = np.cumsum([0] + [len(group) for group in groups])[:-1]

    def boosted() -> dict:
        return fit_trees(
            x, y, np.ones(len(y)), np.zeros(len(y)), trees=30, depth=2, rate=0.5, l2=1.0, min_hessian=0.1,
            max_bins=4, groups=starts,
        )  # fmt: skip

    data = boosted()
    assert data == boosted()  # deterministic
    z = model.TreeEnsemble.from_dict(data, 2).log_odds(x)
    for start, group, wanted in zip(starts, groups, right, strict=True):
        assert group[int(np.argmax(z[start : start + len(group)]))] == wanted


def test_packaged_model_loads_and_is_deterministic():
    text_model = model.load_model()
    assert 0.0 < text_model.threshold < 1.0
    units = split_units(STORY)
    first = text_model.probabilities(units)
    second = text_model.probabilities(split_units(STORY))
    assert first.shape == (len(units),)
    assert np.array_equal(first, second)
    assert ((first >= 0) & (first <= 1)).all()


def test_probabilities_kept_from_the_last_call_only_for_the_same_units():
    """The text_model keeps its last answer: asked again about equal units it gives the same
    probabilities, but units changed in place (a settling pass rewrites texts) or differing
    in any field the features read are judged afresh."""
    text_model = model.load_model()
    units = split_units(STORY)
    fresh = model.TextModel.log_odds(text_model, units)
    first = text_model.probabilities(units)
    first[:] = -1.0  # the caller's copy: the kept answer is not changed
    again = text_model.probabilities(split_units(STORY))
    assert np.array_equal(again, 1.0 / (1.0 + np.exp(-fresh)))
    units[0].text = "Critics say the plan is too vague."  # the same count of units, one rewritten
    assert np.array_equal(text_model.probabilities(units), 1.0 / (1.0 + np.exp(-text_model.log_odds(units))))
    assert not np.array_equal(text_model.probabilities(units), again)
    for field, value in (("blank_before", True), ("indent", 4), ("is_bullet", True), ("item", 7), ("last_line", 9)):
        changed = split_units(STORY)
        before = text_model.probabilities(changed)
        setattr(changed[1], field, value)
        expected = 1.0 / (1.0 + np.exp(-text_model.log_odds(changed)))
        assert not np.array_equal(expected, before), field  # the field counts for the text_model
        assert np.array_equal(text_model.probabilities(changed), expected), field


def test_stopword_densities_against_a_plain_reading():
    """Each unit's stopwords in the page's language and in its best language, as counting
    its words one by one against the stoplists reads them; a unit without words counts 0."""
    lines = [
        "The mayor said that the bridge would open in the spring.",
        "Der Bürgermeister sagte, dass die Brücke im Frühjahr öffnen werde.",
        "— · —",
        "Photo: Jane Roe",
        "It was the first bridge over the river in a century, and it cost more than planned.",
    ]
    units = split_units("\n\n".join(lines))
    names = features.feature_names()
    x = features.unit_features(units)
    languages, _, sets = features.stoplists()
    words = [re.findall(r"\w+", line.lower()) for line in lines]
    page_language = features.detect_language(Counter(w for unit_words in words for w in unit_words))
    assert languages[page_language] == "English"
    assert x[0, names.index("language_known")] == 1.0
    for row, unit_words in enumerate(words):
        counts = [sum(w in stoplist for w in unit_words) for stoplist in sets]
        tokens = len(unit_words)
        assert x[row, names.index("stop_density")] == (counts[page_language] / tokens if tokens else 0.0), lines[row]
        assert x[row, names.index("any_stop_density")] == (max(counts) / tokens if tokens else 0.0), lines[row]
        assert np.expm1(x[row, names.index("log_stops")]).round() == counts[page_language]
    assert x[1, names.index("any_stop_density")] > x[1, names.index("stop_density")]  # German
    wordless = features.unit_features(split_units("— · —\n\n…"))
    assert wordless[:, names.index("language_known")].tolist() == [0.0, 0.0]
    assert wordless[:, names.index("any_stop_density")].tolist() == [0.0, 0.0]


def test_separator_and_linkish_units():
    """Which units hold a separator or something link-like, each alternative of the patterns
    in any case (the page-level look for their marks must not skip one)."""
    lines = [
        "Home › World › Europe",
        "Read more: WWW.Example.ORG",
        "Mail the desk at desk(at)example.org",  # no mark of either kind
        "Follow us HTTPſ://example.org today",  # re.I lets "s" match "ſ"
        "News :: Sport",
        "Report.HTML is attached",
        "Shop.Com\u00b7 offers",
        "An http link without colon",
        "Photo © Jane Roe / Agency",
        "Write to jane@example.org",
        "Politics | Economy",
    ]
    names = features.feature_names()
    x = features.unit_features(split_units("\n\n".join(lines)))
    separator = x[:, names.index("separator")].tolist()
    linkish = x[:, names.index("linkish")].tolist()
    assert separator == [1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0]
    assert linkish == [0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 1.0, 0.0, 1.0, 1.0, 0.0]
    # each line a page of its own
    for line, expected_separator, expected_linkish in zip(lines, separator, linkish, strict=True):
        alone = features.unit_features(split_units(line))
        assert alone[0, names.index("separator")] == expected_separator, line
        assert alone[0, names.index("linkish")] == expected_linkish, line
    plain = features.unit_features(split_units("A plain line.\n\nAnother plain line."))
    assert plain[:, names.index("separator")].tolist() == [0.0, 0.0]
    assert plain[:, names.index("linkish")].tolist() == [0.0, 0.0]


def test_echoes_neighbour_marks_a_caption_repeated_with_its_credit():
    text = (
        "The minister spoke to reporters on Monday about the new law and its costs.\n\n"
        "The minister at the press conference in Berlin.\n"
        "The minister at the press conference in Berlin. | © Photo Agency\n\n"
        "Critics say the plan is too vague and too expensive for the regions."
    )
    units = split_units(text)
    x = features.unit_features(units)
    echo = x[:, features.feature_names().index("echoes_neighbour")]
    assert echo.tolist() == [0.0, 1.0, 1.0, 0.0]


def test_high_runs_distance_run_length_and_article_region():
    # body-like units (z > 0) at 1-2 and 5, then a lone one at 11 far from them
    z = np.array([-1, 2, 3, -1, -1, 1, -2, -2, -2, -2, -2, 4.0])
    distance, run, top = features._high_runs(z)
    assert np.expm1(distance).round().astype(int).tolist() == [1, 0, 0, 1, 1, 0, 1, 2, 3, 2, 1, 0]
    assert np.expm1(run).round().astype(int).tolist() == [0, 2, 2, 0, 0, 1, 0, 0, 0, 0, 0, 1]
    assert top.tolist() == [0, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0]  # gaps of <= TEXT_MODEL_RUN_GAP bridged
    none = features._high_runs(np.array([-1.0, -2.0]))
    assert none[1].tolist() == [0.0, 0.0] and none[2].tolist() == [0.0, 0.0]


def test_high_runs_tie_goes_to_the_first_region():
    # two regions of two body-like units each, far apart: the first is the article region
    z = np.array([1.0, 1.0, -1, -1, -1, -1, -1, -1, 2.0, -1, 3.0, -1])
    distance, run, top = features._high_runs(z)
    assert np.expm1(run).round().astype(int).tolist() == [2, 2, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0]
    assert top.tolist() == [1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
    assert features._high_runs(np.array([0.5]))[2].tolist() == [1.0]


def test_context_features_against_a_plain_reading():
    """Each context column as its definition reads, one unit at a time."""
    z = np.array([-2.0, 1.5, 0.25, -0.75, 3.0, -1.0, 0.5, -4.0, 2.0, 1.0, -0.5])
    base = np.zeros((len(z), len(features.feature_names())))
    base[:, features.feature_names().index("log_words")] = np.arange(len(z)) / 4
    columns = dict(zip(features.CONTEXT_FEATURES, features.context_features(z, base).T, strict=True))
    low, n = z.min(), len(z)

    def at(i: int) -> float:
        return z[i] if 0 <= i < n else low

    def mean(values: list[float], empty: float) -> float:
        return sum(values) / len(values) if values else empty

    for i in range(n):
        assert columns["z_prev2"][i] == at(i - 2) and columns["z_next1"][i] == at(i + 1)
        around = [z[j] for j in range(max(i - 8, 0), min(i + 9, n)) if j != i]
        assert columns["z_window8"][i] == pytest.approx(mean(around, 0.0), abs=1e-12)
        assert columns["z_left5"][i] == pytest.approx(mean(list(z[max(i - 5, 0) : i]), low), abs=1e-12)
        assert columns["z_right5"][i] == pytest.approx(mean(list(z[i + 1 : i + 6]), low), abs=1e-12)
        assert columns["z_between"][i] == min(max(at(i - 1), at(i - 2)), max(at(i + 1), at(i + 2)))
        assert columns["log_words"][i] == i / 4 and columns["z_page_max"][i] == 3.0


# Texts where counting over the joined page could go wrong: empty units, characters that
# lower-case to two (İ) or fold differently (ß), final sigma, astral characters, CJK,
# closers after the sentence end, separators and links, unnormalised whitespace.
TRICKY = [
    "",
    "İSTANBUL İçin ΟΔΟΣ Σ test. „Zitat.“",
    "Emoji 😀 text 𝐀𝐁 big: ok",
    "a\x1cb  c ",
    "Straße STRASSE the and",
    "straße strasse",
    'The end.)")',
    '")]',
    "http://x.com/a.html :: b / c | d",
    "[a] and [b",
    "王小明（Jane Doe），1990年3月5日出生于上海。",
    "ﬁne ﬂow and the ŉ",
]


def _by_regex(text):
    """Per-unit counts as the regexes define them (the reference for PageText)."""
    import re

    import regex

    return {
        "digits": len(re.findall(r"\d", text)),
        "capitals": len(regex.findall(r"(?<!\w)\p{Lu}", text)),
        "sentence_end": bool(re.search(r"[.!?…。！？]['\"’”»)\]]*$", text)),
        "separator": bool(features._SEPARATOR.search(text)),
        "words": len(text.split()),
        "tokens": len(re.findall(r"\w+", text.lower())),
    }


@pytest.mark.parametrize("order", [1, -1])
def test_page_text_counts_as_the_regexes_do_unit_by_unit(order):
    from cleaner.blocks import Unit

    texts = TRICKY[::order]
    units = [Unit(i, t, i + 1, i + 1, 0, False, -1, True) for i, t in enumerate(texts)]
    page = features.PageText(texts)
    x = features.unit_features(units)
    column = {name: x[:, i] for i, name in enumerate(features.feature_names())}
    capitals = page.count(
        page.has(features._UPPER_BIT) & ~np.concatenate(([False], page.has(features._RX_WORD_BIT)[:-1]))
    )
    for row, text in enumerate(texts):
        expected = _by_regex(text)
        assert page.count(page.has(features._DIGIT_BIT))[row] == expected["digits"], text
        assert capitals[row] == expected["capitals"], text
        assert page.ends_with(features._SENTENCE_END_BIT)[row] == expected["sentence_end"], text
        assert column["sentence_end"][row] == expected["sentence_end"], text
        assert column["separator"][row] == expected["separator"], text
        assert page.words()[row] == expected["words"], text
        tokens = expected["tokens"]
        assert column["stop_density"][row] * tokens == pytest.approx(round(column["stop_density"][row] * tokens)), text


def test_stopwords_found_by_hash_are_the_stoplists_words():
    english = settings.TEXT_MODEL_LANGUAGES.index("English")
    units = split_units("The cat and the dog sat on the mat with their owner in the old garden.")
    x = features.unit_features(units)
    density = x[0, features.feature_names().index("stop_density")]
    stopset = features.stoplists()[2][english]
    tokens = [
        "the",
        "cat",
        "and",
        "the",
        "dog",
        "sat",
        "on",
        "the",
        "mat",
        "with",
        "their",
        "owner",
        "in",
        "the",
        "old",
        "garden",
    ]
    assert density == pytest.approx(sum(t in stopset for t in tokens) / len(tokens))


def test_chrome_words_and_reader_address_are_counted_per_unit():
    units = split_units(
        "The council voted on Tuesday to keep the old bridge open for another year.\n\n"
        "Subscribe to our newsletter and share this story with your friends.\n\n"
        "Abonniere unseren Newsletter, wenn du nichts verpassen willst."
    )
    x = features.unit_features(units)
    names = features.feature_names()
    chrome = np.expm1(x[:, names.index("log_chrome_words")]).round().astype(int).tolist()
    reader = x[:, names.index("reader_share")]
    assert chrome == [0, 3, 2]  # subscribe, newsletter, share / abonniere, newsletter
    assert reader[0] == 0.0 and reader[1] == pytest.approx(1 / 11) and reader[2] == pytest.approx(1 / 8)


def test_z_between_is_high_only_between_body_like_units_on_both_sides():
    z = np.array([-3.0, 2.0, -1.0, 2.5, -3.0, -3.0, -3.0])
    base = np.zeros((len(z), len(features.feature_names())))
    between = features.context_features(z, base)[:, list(features.CONTEXT_FEATURES).index("z_between")]
    # the short line at 2 sits between two body-like units; 4 and 5 have them only before
    assert between[2] == 2.0
    assert between[0] == -3.0 and between[5] == -3.0
    assert between[4] == -3.0  # body-like units only before it
