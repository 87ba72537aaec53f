"""Lists and numbers typed with a Chinese input method: full-width commas (，), the
enumeration comma (、), semicolons (；, ;), full-width digits and minus signs are read
like their ASCII counterparts, in the window and on the command line."""

import numpy as np
import pytest

from lstm_studio import cli
from lstm_studio.tasks import make_task
from lstm_studio.tasks.base import split_list
from lstm_studio.training import TrainConfig


@pytest.mark.parametrize(
    "text",
    [
        "0.1，0.2，-0.5",  # U+FF0C
        "0.1、0.2、-0.5",  # U+3001
        "0.1；0.2；-0.5",  # U+FF1B
        "0.1;0.2;-0.5",
        "0.1， 0.2 、-0.5",
        "０.１，０．２，－０.５",  # full-width digits, point and minus
        "0.1,0.2,\u22120.5",  # the mathematical minus sign
    ],
)
def test_echo_targets_typed_with_a_chinese_input_method(text):
    task = make_task("echo", targets=text)
    np.testing.assert_allclose(task.targets, [0.1, 0.2, -0.5])


def test_a_bad_echo_target_is_still_refused():
    with pytest.raises(ValueError, match="numbers separated by commas"):
        make_task("echo", targets="0.1，zero")


def test_split_list_keeps_the_parts_and_drops_the_empty_ones():
    assert split_list("5，10、20；40;80,") == ["5", "10", "20", "40", "80"]
    assert split_list(" ５ ，　１０ ") == ["5", "10"]  # an ideographic space too
    assert split_list("") == []


def test_numbers_of_task_parameters_may_be_full_width():
    task = make_task("sin-to-cos", steps="６０", min_speed="０．２", max_speed="０．３")
    assert task.values["steps"] == 60 and task.values["min_speed"] == pytest.approx(0.2)
    with pytest.raises(ValueError, match="must be in"):
        make_task("adding", steps="－５")  # read as -5, then refused for its range


def test_the_command_line_takes_chinese_commas_in_a_parameter(tmp_path, capsys):
    code = cli.main(
        [
            "train",
            "--task",
            "echo",
            "--param",
            "targets=0.1，0.2、0.3",
            "--steps",
            "2",
            "-q",
            "--out",
            str(tmp_path / "run"),
        ]
    )
    assert code == 0, capsys.readouterr().err
    config = TrainConfig.from_json((tmp_path / "run" / "config.json").read_text("utf-8"))
    np.testing.assert_allclose(make_task("echo", **config.task_params).targets, [0.1, 0.2, 0.3])
