"""The gate between the two text models (cleaner/text/gate.py, `model.model_for`): a page that
does not read as an article (a shop's listing, a forum thread) is judged by the broad model, a
news story by the news model. The captures are invented."""

import json
from importlib import resources

import numpy as np
import pytest

from cleaner import Cleaner, settings
from cleaner.blocks import split_units
from cleaner.text import gate, heuristics, model
from cleaner.text.features import unit_features

PRODUCTS = [
    ("Steel rake, 14 teeth", "19.90"),
    ("Pruning shears", "24.50"),
    ("Watering can 10 l", "12.00"),
    ("Hedge trimmer", "89.00"),
    ("Garden gloves, pair", "7.95"),
    ("Folding saw", "31.20"),
    ("Hose reel 30 m", "45.00"),
    ("Bulb planter", "9.80"),
]
LISTING = "\n\n".join(
    ["Shop", "Cart (0)", "Sign in", "Garden tools", "Sort by: price"]
    + [f"{name}\n{price} €\nAdd to cart" for name, price in PRODUCTS]
    + ["Page 1 of 4", "Next"]
)
POSTS = [
    ("sparkyfox", "Looking for a first iron, budget is small. Any tips?"),
    ("old_ohm", "Get one with temperature control."),
    ("sparkyfox", "Thanks, any brand you like?"),
    ("mrs_diode", "Mine was cheap and still works fine after years."),
    ("old_ohm", "Also buy a brass tip cleaner."),
    ("newbie42", "Same question here, following."),
    ("mrs_diode", "A stand with a sponge matters more than the iron itself."),
    ("sparkyfox", "Ordered one tonight, will report back."),
]
FORUM = "\n\n".join(
    ["Forums", "Hobby electronics", "Log in", "Register", "Thread: Which soldering iron for a beginner?"]
    + [f"{user}\nPosted 12 March, 1{i}:05\n{post}\nReply  Quote" for i, (user, post) in enumerate(POSTS)]
    + ["Page 1 of 2", "Next"]
)
NEWS = "\n\n".join(
    [
        "Home",
        "World",
        "Sport",
        "Harbour town votes to rebuild its old pier",
        "By Ann Example",
        "4 May 2024",
        "Residents of a small harbour town voted on Sunday to rebuild the wooden pier that a winter storm "
        "destroyed two years ago, ending a long argument about the cost of the work.",
        "The council had proposed a cheaper concrete landing, but a majority of the voters preferred to "
        "restore the old structure, which had stood for more than a century.",
        "Work is expected to begin in the autumn and to last about eighteen months, the mayor said after "
        "the result was announced in the town hall.",
        "Fishermen, who have used a temporary jetty since the storm, welcomed the decision and said the "
        "old pier had been sheltering their boats for generations.",
        "Share",
        "Print",
        "Most read",
    ]
)


def kept_units(text: str) -> list:
    """The units the text rules leave: what the model and the gate judge in a first pass."""
    units, _, _, verdicts = Cleaner().text.units(text)
    return [unit for unit in units if unit.index not in verdicts.roles]


@pytest.mark.parametrize("capture", [LISTING, FORUM], ids=["listing", "forum"])
def test_pages_that_are_no_article_go_to_the_broad_model(capture):
    units = kept_units(capture)
    chosen, base = model.model_for(units)
    assert chosen is model.load_model(settings.TEXT_MODEL_BROAD_FILE)
    assert np.array_equal(base, unit_features(units))
    # the first pass judges them with the broad model, at the broad model's own threshold
    verdicts = heuristics.text_model(units)
    broad = chosen.probabilities(units)
    assert [verdicts[u.index].score for u in units] == [round(p, 3) for p in broad.tolist()]
    kept = {u.index for u in units if not verdicts[u.index].drop}
    assert kept == {u.index for u, p in zip(units, broad.tolist(), strict=True) if p >= chosen.threshold}


def test_a_capture_of_a_few_lines_stays_with_the_news_model():
    """Too few units for the gate's shares (`settings.TEXT_GATE_MIN_UNITS`): a short listing too."""
    units = kept_units("\n\n".join(f"{name}\n{price} €" for name, price in PRODUCTS[:4]))
    assert len(units) < settings.TEXT_GATE_MIN_UNITS
    assert model.model_for(units)[0] is model.load_model()


def test_a_news_story_stays_with_the_news_model():
    units = kept_units(NEWS)
    chosen, _ = model.model_for(units)
    assert chosen is model.load_model()
    assert gate.load_gate().not_article_probability([u.text for u in units], unit_features(units)) < 0.5
    article = Cleaner().clean(NEWS)
    assert "wooden pier" in article.body and "Most read" not in article.body


def test_the_two_models_differ_and_the_choice_is_kept_for_the_same_units_only():
    news, broad = model.load_model(), model.load_model(settings.TEXT_MODEL_BROAD_FILE)
    assert news is not broad and news.threshold != broad.threshold
    units = kept_units(LISTING)
    assert model.model_for(units)[0] is broad
    again, base = model.model_for(kept_units(LISTING))
    assert again is broad and base is None  # the same units: the model kept its answer
    assert model.model_for(kept_units(NEWS))[0] is news


def test_gate_figures_read_prices_prose_and_list_items():
    names = list(gate.GATE_FEATURES)
    listing_units, news_units = split_units(LISTING), split_units(NEWS)
    listing = gate.page_features([u.text for u in listing_units], unit_features(listing_units))
    news = gate.page_features([u.text for u in news_units], unit_features(news_units))
    assert listing[names.index("log_prices")] == pytest.approx(np.log1p(len(PRODUCTS)))
    assert news[names.index("log_prices")] == 0.0
    assert news[names.index("prose_share")] > listing[names.index("prose_share")]
    assert news[names.index("prose_word_share")] > 0.5 > listing[names.index("prose_word_share")]
    assert listing[names.index("short_share")] > news[names.index("short_share")]
    assert not gate.load_gate().wants_broad([], np.zeros((0, unit_features([]).shape[1])))
    assert np.array_equal(gate.page_features([], unit_features([])), np.zeros(len(names)))


def test_packaged_gate_matches_the_code_and_a_mismatched_one_is_refused():
    data = json.loads(resources.files("cleaner").joinpath("data", settings.TEXT_GATE_FILE).read_text())
    assert data["features"] == list(gate.GATE_FEATURES)
    assert len(data["weights"]) == len(data["mean"]) == len(data["scale"]) == len(gate.GATE_FEATURES)
    assert 0.0 < data["threshold"] < 1.0
    with pytest.raises(ValueError, match="feature names"):
        gate.TextGate({**data, "features": data["features"][:-1]})
