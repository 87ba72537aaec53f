"""Our right-click menu on the plots (issue 19, item 8): pyqtgraph's English one is gone,
ours speaks the window's language, fits the plot again and saves the panel as a picture."""

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDockWidget, QMenu, QPushButton, QVBoxLayout, QWidget

from lstm_studio.training import TrainConfig, Trainer
from lstm_studio.ui import i18n
from lstm_studio.ui.panels.loss import LossPanel
from lstm_studio.ui.panels.norms import NormsPanel


@pytest.fixture(scope="module")
def run():
    # a task with a metric of its own: the loss panel shows both plots, x linked
    config = TrainConfig(
        task="binary-addition",
        task_params={"bits": 4},
        hidden_size=8,
        batch_size=8,
        steps=30,
        eval_every=10,
        snapshot_hz=1000,
    )
    trainer = Trainer(config)
    return trainer, list(trainer.run(probes=False))


def _shown(qtbot, cls, run):
    trainer, snaps = run
    panel = cls()
    qtbot.addWidget(panel)
    panel.resize(600, 420)
    panel.show()
    qtbot.waitExposed(panel)
    panel.reset(trainer.task, trainer.config)
    for snap in snaps:
        panel.on_snapshot(snap)
    panel.grab()  # drawn: the plots fit the run
    return panel


def _right_click(plot):
    """Right-click the middle of ``plot`` and return the menu that popped up."""
    view = plot.scene().views()[0]
    centre = view.mapFromScene(plot.getViewBox().sceneBoundingRect().center())
    before = {id(w) for w in QApplication.topLevelWidgets() if w.isVisible()}
    QTest.mouseClick(view.viewport(), Qt.MouseButton.RightButton, pos=QPoint(centre))
    QApplication.processEvents()
    menus = [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QMenu) and w.isVisible() and id(w) not in before
    ]
    assert len(menus) == 1
    return menus[0]


def _texts(menu):
    return [a.text() for a in menu.actions() if not a.isSeparator()]


@pytest.mark.parametrize("cls", [LossPanel, NormsPanel])
def test_right_click_shows_our_menu(qtbot, run, cls):
    panel = _shown(qtbot, cls, run)
    plot = panel.loss_plot if cls is LossPanel else panel.weight_plot
    menu = _right_click(plot)
    # pyqtgraph's had View All, X axis, Y axis, Mouse Mode, Plot Options, Export...
    assert _texts(menu) == ["Show all"]  # no dock here: nothing to save from
    menu.close()


def test_show_all_follows_the_curve_again(qtbot, run):
    panel = _shown(qtbot, LossPanel, run)
    panel.metric_plot.getViewBox().scaleBy(x=0.1)  # as the wheel zooms: following stops
    panel.grab()
    assert panel.loss_plot.viewRange()[0][1] < run[1][-1].step
    assert not panel.loss_plot.getViewBox().autoRangeEnabled()[0]
    menu = _right_click(panel.metric_plot)
    menu.actions()[0].trigger()
    assert panel.loss_plot.getViewBox().autoRangeEnabled()[0]
    assert not panel.metric_plot.getViewBox().autoRangeEnabled()[0]  # the link does it
    panel.grab()  # the range is fitted when drawn
    lo, hi = panel.loss_plot.viewRange()[0]
    assert lo <= 1 and hi >= run[1][-1].step


def test_the_menu_saves_through_the_docks_button(qtbot, run):
    panel = _shown(qtbot, NormsPanel, run)
    host = QWidget()
    qtbot.addWidget(host)
    dock = QDockWidget("Norms")
    title = QWidget()
    saved = []
    button = QPushButton("save", title)
    button.setObjectName("dock_export")
    button.clicked.connect(lambda: saved.append(dock.widget()))
    dock.setTitleBarWidget(title)
    dock.setWidget(panel)
    QVBoxLayout(host).addWidget(dock)
    host.resize(600, 460)
    host.show()
    qtbot.waitExposed(host)
    menu = _right_click(panel.grad_plot)
    assert _texts(menu) == ["Show all", "Save the panel as a picture (PNG, SVG)…"]
    menu.actions()[-1].trigger()
    assert saved == [panel]
    menu.close()


def test_the_menu_speaks_chinese(qtbot, run):
    assert i18n.install("zh_CN")
    try:
        panel = _shown(qtbot, LossPanel, run)
        menu = _right_click(panel.loss_plot)
        assert _texts(menu) == ["全部显示"]
        menu.close()
    finally:
        i18n.install("en")


def test_in_the_window_the_menu_saves_the_panel_as_an_svg(qtbot, tmp_path, monkeypatch):
    # the whole way: right click on the loss plot, our menu, the window's save dialog,
    # ui/export.py's SVG with the panel's curves
    import xml.etree.ElementTree as ET

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QFileDialog
    from window_helpers import shown

    from lstm_studio.ui.main_window import MainWindow

    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    settings.setValue("settings_version", 1)
    quick = TrainConfig.from_preset("binary-addition", task_params={"bits": 4}, steps=100)
    settings.setValue("config", quick.to_json())
    window = MainWindow(settings=settings, data_dir=tmp_path / "data")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    shown(qtbot, window)
    path = tmp_path / "loss.svg"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(path), ""))
    panel = window.panel_docks["loss_panel"].widget()
    window.panel_docks["loss_panel"].raise_()
    panel.grab()
    menu = _right_click(panel.loss_plot)
    assert _texts(menu) == ["Show all", "Save the panel as a picture (PNG, SVG)…"]
    menu.actions()[-1].trigger()
    root = ET.fromstring(path.read_bytes())
    assert root.tag.endswith("svg") and len(root.findall(".//{*}path")) > 0
    window.close()
