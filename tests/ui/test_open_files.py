"""Opening files the usual ways: a drop on the window, File > Open Recent (issue 19)."""

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from window_helpers import shown

from lstm_studio.io import save_trainer
from lstm_studio.io.runs import RUN_SUFFIX
from lstm_studio.training import TrainConfig, Trainer
from lstm_studio.ui.files import MAX_RECENT
from lstm_studio.ui.main_window import MainWindow

QUICK = TrainConfig.from_preset("binary-addition", task_params={"bits": 4}, steps=100_000)


def _window(qtbot, tmp_path) -> MainWindow:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    settings.setValue("settings_version", 1)
    settings.setValue("config", QUICK.to_json())
    window = MainWindow(settings=settings, data_dir=tmp_path / "data")
    qtbot.addWidget(window)
    window.ask_restore = lambda step: pytest.fail(f"offered step {step}")
    window.show()
    shown(qtbot, window)
    return window


def _run_file(tmp_path, steps=5):
    trainer = Trainer(QUICK.replace(steps=steps))
    for _ in trainer.run(probes=False):
        pass
    path = tmp_path / f"dropped{RUN_SUFFIX}"
    save_trainer(path, trainer)
    return path


def _drop(window, *paths) -> bool:
    """Drag ``paths`` over the window and drop them; was the drag accepted?"""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    where = window.rect().center()
    enter = QDragEnterEvent(
        where, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier(0)
    )
    QApplication.sendEvent(window, enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(
        QPointF(where),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier(0),
    )
    QApplication.sendEvent(window, drop)
    return drop.isAccepted()


def test_a_dropped_run_opens_and_is_listed_in_open_recent(qtbot, tmp_path):
    path = _run_file(tmp_path)
    window = _window(qtbot, tmp_path)

    assert _drop(window, path)
    qtbot.waitUntil(lambda: window.session.last is not None and window.session.last.step == 5)

    assert window.files.recent_files() == [str(path)]
    window.files._fill_recent()
    labels = [a.text() for a in window.files.recent_menu.actions() if a.text()]
    assert labels[0] == f"&1 {path.name}"
    window.close()


@pytest.mark.parametrize(
    "name, content, words",
    [
        ("notes.pkl", b"\x80\x04K\x01.", ["does not open notes.pkl", ".lstmrun", ".csv"]),
        (f"broken{RUN_SUFFIX}", b"not a run at all", [f"broken{RUN_SUFFIX}"]),
        ("weights.npz", b"PK\x03\x04 not really", ["weights.npz"]),
    ],
)
def test_a_foreign_or_corrupt_drop_says_so_and_changes_nothing(
    qtbot, tmp_path, name, content, words
):
    window = _window(qtbot, tmp_path)
    before = (window.session.last, window.session.config)
    path = tmp_path / name
    path.write_bytes(content)

    assert _drop(window, path)
    qtbot.waitUntil(lambda: window.files.last_error != "", timeout=5000)

    for word in words:
        assert word in window.files.last_error
    assert (window.session.last, window.session.config) == before
    assert path.read_bytes() == content  # the file is left as it was
    assert window.files.recent_files() == []
    window.close()


def test_a_dropped_csv_trains_on_it_as_your_own_data(qtbot, tmp_path):
    window = _window(qtbot, tmp_path)
    path = tmp_path / "prices.csv"
    path.write_text("price\n" + "".join(f"{i % 7}.5\n" for i in range(200)))

    assert _drop(window, path)
    qtbot.waitUntil(lambda: window.session.config.task == "own-data", timeout=10_000)

    assert window.session.config.task_params["path"] == str(path)
    qtbot.waitUntil(lambda: window.files.recent_files() == [str(path)], timeout=5000)
    window.close()


def test_a_dropped_csv_that_cannot_be_used_keeps_the_model(qtbot, tmp_path):
    window = _window(qtbot, tmp_path)
    before = window.session.config
    path = tmp_path / "bad.csv"
    path.write_text('a,b\n"1,000.5",2\n3,4\n')

    assert _drop(window, path)
    qtbot.waitUntil(lambda: "1000.5" in window.setup.problem.text(), timeout=10_000)

    assert window.session.config == before
    assert window.files.recent_files() == []
    window.close()


def test_a_file_dragged_over_a_plot_is_taken_by_the_window(qtbot, tmp_path):
    import pyqtgraph as pg

    window = _window(qtbot, tmp_path)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path / f"run{RUN_SUFFIX}"))])
    plot = window.findChildren(pg.GraphicsView)[0].viewport()  # it takes drops itself
    enter = QDragEnterEvent(
        QPoint(5, 5),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier(0),
    )
    QApplication.sendEvent(plot, enter)
    assert enter.isAccepted()
    window.close()


def test_text_and_web_links_are_not_taken_as_files(qtbot, tmp_path):
    window = _window(qtbot, tmp_path)
    mime = QMimeData()
    mime.setUrls([QUrl("https://example.org/run.lstmrun")])
    enter = QDragEnterEvent(
        QPoint(5, 5),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier(0),
    )
    QApplication.sendEvent(window, enter)
    assert not enter.isAccepted()
    window.close()


def test_two_files_dropped_at_once_are_refused(qtbot, tmp_path):
    window = _window(qtbot, tmp_path)
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    a.write_text("1\n2\n3\n")
    b.write_text("1\n2\n3\n")

    assert not window.files.open_dropped([str(a), str(b)])
    assert "one file at a time" in window.files.last_error
    window.close()


def test_open_recent_forgets_a_file_that_is_gone_and_keeps_ten(qtbot, tmp_path):
    window = _window(qtbot, tmp_path)
    files = window.files
    for i in range(MAX_RECENT + 3):
        files.remember(str(tmp_path / f"run{i}{RUN_SUFFIX}"))
    recent = files.recent_files()
    assert len(recent) == MAX_RECENT and recent[0].endswith(f"run{MAX_RECENT + 2}{RUN_SUFFIX}")

    files._fill_recent()
    first = next(a for a in files.recent_menu.actions() if a.text().startswith("&1 "))
    first.trigger()

    assert "was not found" in files.last_error
    assert recent[0] not in files.recent_files()
    files._fill_recent()
    clear = next(a for a in files.recent_menu.actions() if a.text() == "&Clear the list")
    clear.trigger()
    assert files.recent_files() == []
    window.close()


def test_an_autosave_reopened_is_not_a_recent_file(qtbot, tmp_path):
    window = _window(qtbot, tmp_path)
    autosave = window.files.folder / f"autosave-5{RUN_SUFFIX}"
    _run_file(tmp_path).replace(autosave)

    assert window.files.open_run(str(autosave))
    qtbot.waitUntil(lambda: window.session.last is not None and window.session.last.step == 5)

    assert window.files.recent_files() == []
    window.close()
