"""A text run's probe names the character read at each step (``Probe.labels``), with a
visible sign for the characters that draw nothing; other tasks keep numbered steps."""

import pickle

import pytest

from lstm_studio.tasks import load_corpus, make_task, visible_char
from lstm_studio.training import TrainConfig, Trainer

pytestmark = pytest.mark.filterwarnings("error")


def _trainer(task: str, **params) -> Trainer:
    return Trainer(TrainConfig(task=task, task_params=params, hidden_size=4, batch_size=2, steps=2))


def test_visible_char_signs_what_draws_nothing():
    assert [visible_char(c) for c in " \n\t\r"] == ["␣", "↵", "⇥", "↵"]
    # other blanks a text of one's own may hold: no-break, ideographic, zero-width spaces
    for c in ("\u00a0", "\u3000", "\u200b", "\x0b", "\x00"):
        assert visible_char(c) == "⍽"
    for c in ("e", "E", ",", "'", "<", "春", "。", "，"):
        assert visible_char(c) == c


@pytest.mark.parametrize("corpus", ["english", "chinese"])
def test_a_text_runs_probe_labels_are_the_probes_characters(corpus):
    trainer = _trainer("text", corpus=corpus, steps=48)
    probe = trainer.snapshot().probe
    # the held-out probe is the text at the first held-out window, read from the corpus
    start = int(trainer.task._heldout_starts[0])
    text = load_corpus(corpus)[start : start + 48]
    assert probe.labels == tuple(visible_char(c) for c in text)
    assert len(probe.labels) == probe.inputs.shape[0]
    assert "↵" in probe.labels  # both windows hold a line break: seen, not blank
    if corpus == "english":
        assert "␣" in probe.labels and " " not in probe.labels
    else:
        assert any("\u4e00" <= c <= "\u9fff" for c in probe.labels)
    # and they cross the pipe to the window's process with the snapshot
    again = pickle.loads(pickle.dumps(trainer.snapshot()))
    assert again.probe.labels == probe.labels


def test_own_text_names_its_characters_and_a_csv_numbers_its_rows(tmp_path):
    text = tmp_path / "own.txt"
    text.write_text("a b\tc\n" * 60, encoding="utf-8")
    probe = _trainer("own-data", path=str(text), steps=12).snapshot().probe
    assert set(probe.labels) == {"a", "␣", "b", "⇥", "c", "↵"}
    csv = tmp_path / "own.csv"
    csv.write_text("x,y\n" + "".join(f"{k},{k % 7}\n" for k in range(80)), encoding="utf-8")
    assert _trainer("own-data", path=str(csv), steps=8).snapshot().probe.labels is None


@pytest.mark.parametrize("task", ["adding", "copy", "binary-addition", "comes-again"])
def test_other_tasks_number_their_steps(task):
    assert _trainer(task).snapshot().probe.labels is None
    assert make_task(task).step_labels(make_task(task).probe().x[:, 0]) is None


def test_a_prompt_of_the_learners_names_its_own_characters():
    trainer = _trainer("text", corpus="english", steps=16)
    snap = trainer.set_probe({"prompt": "It was the best,\nthe worst"})
    assert snap.probe.labels == tuple("It␣was␣the␣best,↵the␣worst")
    assert trainer.set_probe(None).probe.labels == trainer.snapshot().probe.labels
