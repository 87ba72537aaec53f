"""The text features the units view correlates units with, on small strings whose values
are known, and the held-out text it analyses."""

import numpy as np
import pytest

from lstm_studio.tasks import make_task
from lstm_studio.tasks.features import (
    BINARY,
    FEATURES,
    feature_description,
    feature_name,
    feature_values,
    text_features,
    text_language,
)
from lstm_studio.translations import in_language


def values(text, key):
    return feature_values(text, key).astype(int).tolist()


def test_quotes_are_on_from_the_opening_mark_to_the_character_before_the_closing_one():
    assert values('a "bc" d', "quotes") == [0, 0, 1, 1, 1, 0, 0, 0]
    assert values("x“y”z", "quotes") == [0, 1, 1, 0, 0]
    assert values("「好」了", "quotes") == [1, 1, 0, 0]
    # an apostrophe is no quotation mark
    assert values("it's", "quotes") == [0, 0, 0, 0]


def test_brackets_nest_and_an_unmatched_closing_one_closes_nothing():
    assert values("a(b[c]d)e", "brackets") == [0, 1, 1, 1, 1, 1, 1, 0, 0]
    assert values(")a(b", "brackets") == [0, 0, 1, 1]
    assert values("《书》", "brackets") == [1, 1, 0]


def test_positions_count_the_characters_read_since_the_last_break():
    assert values("ab\ncd", "line_position") == [1, 2, 0, 1, 2]
    assert values("to be\nor", "word_position") == [1, 2, 0, 1, 2, 0, 1, 2]
    assert values("白日依山尽，黄河\n入", "verse_position") == [1, 2, 3, 4, 5, 0, 1, 2, 0, 1]


def test_the_character_just_read():
    assert values("a b.", "after_space") == [0, 1, 0, 0]
    assert values("Eat!", "vowel") == [1, 1, 0, 0]
    assert values("a,b!'c", "punctuation") == [0, 1, 0, 1, 1, 0]
    assert values("尽，流。", "punctuation") == [0, 1, 0, 1]
    assert values("尽，流。", "after_comma") == [0, 1, 0, 0]
    assert values("尽，流。", "after_full_stop") == [0, 0, 0, 1]


def test_the_second_line_of_a_couplet_runs_from_the_comma_to_the_full_stop():
    assert values("山尽，河流。月", "couplet_second") == [0, 0, 1, 1, 1, 0, 0]
    assert values("山，河\n月", "couplet_second") == [0, 1, 1, 0, 0]


def test_each_language_has_its_features_binary_ones_zero_or_one():
    english = text_features('He said "no" (twice).\nThen left.', "english")
    assert tuple(english) == FEATURES["english"]
    chinese = text_features("白日依山尽，黄河入海流。\n", "chinese")
    assert tuple(chinese) == FEATURES["chinese"]
    for feats in (english, chinese):
        for key, v in feats.items():
            assert v.dtype == np.float64 and v.ndim == 1
            if key in BINARY:
                assert set(np.unique(v)) <= {0.0, 1.0}
    assert text_features("白日依山尽，黄河入海流。").keys() == chinese.keys()  # guessed
    with pytest.raises(ValueError):
        text_features("abc", "klingon")


def test_the_language_of_a_text_is_guessed_from_its_characters():
    assert text_language("The quick brown fox.") == "english"
    assert text_language("床前明月光，疑是地上霜。") == "chinese"
    assert text_language("A poem: 床前明月光") == "chinese"  # a third or more
    assert text_language("   ") == "english"


def test_every_feature_has_a_name_and_a_description_in_both_languages():
    for key in {k for keys in FEATURES.values() for k in keys}:
        english, description = feature_name(key), feature_description(key)
        assert english and description
        with in_language("zh_CN"):
            chinese, zh_description = feature_name(key), feature_description(key)
        assert chinese != english and zh_description != description
        assert any("\u4e00" <= c <= "\u9fff" for c in chinese + zh_description)


@pytest.mark.parametrize("corpus", ["english", "chinese"])
def test_the_heldout_text_is_never_trained_on_and_starts_a_line(corpus):
    task = make_task("text", corpus=corpus)
    text = task.heldout_text(2000)
    assert len(text) == 2000
    held = "".join(task.vocab[k] for k in task.heldout_codes)
    assert text in held
    start = held.index(text)
    assert start == 0 or held[start - 1] == "\n"
    # not one training window holds its first 40 characters
    train = "".join(task.vocab[k] for k in task.train_codes)
    assert text[:40] not in train
    assert len(task.heldout_text(50)) == 50
