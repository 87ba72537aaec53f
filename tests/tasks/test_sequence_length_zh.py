"""The task parameter ``steps`` is a sequence length T, and Chinese calls it 序列长度:
步数 is the toolbar's training-step budget, a different thing."""

import pytest

from lstm_studio.tasks import TASKS, make_task
from lstm_studio.translations import translate


def test_every_steps_parameter_is_a_sequence_length():
    helps = [p.help for cls in TASKS.values() for p in cls.params if p.name == "steps"]
    assert len(helps) >= 4
    assert all("sequence" in text for text in helps), helps


def test_the_parameter_is_not_named_like_the_step_budget(chinese_messages):
    name = translate("tasks", "steps")
    assert name == "序列长度"
    assert name != translate("MainWindow", " Steps ").strip()  # the budget: 步数


def test_the_messages_that_name_the_parameter_say_sequence_length(tmp_path, chinese_messages):
    with pytest.raises(ValueError) as e:
        make_task("sin-to-cos", steps=10, warmup=20)
    assert "序列长度" in str(e.value) and "步数" not in str(e.value)
    short = tmp_path / "short.csv"
    short.write_text("x\n" + "\n".join(str(i) for i in range(50)) + "\n", "utf-8")
    with pytest.raises(ValueError) as e:
        make_task("own-data", path=str(short), steps=100)
    assert "请减小序列长度 'steps'" in str(e.value), str(e.value)
