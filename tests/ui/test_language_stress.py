"""Issue 19's crash, repeated: an English text run reopened from its file, trained, the
language switched (the window is rebuilt), the corpus switched (a new model), again and
again. The crash came from Qt objects destroyed by a garbage collection in the relay
thread (``ui.collector``); this runs the sequence and checks that every collection ran
in the GUI thread, and that each step did what the learner asked."""

import gc
import threading

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QComboBox

from lstm_studio.io.runs import save_trainer
from lstm_studio.training import TrainConfig, Trainer
from lstm_studio.ui import i18n
from lstm_studio.ui.main_window import MainWindow, switch_language

TEXT = TrainConfig.from_preset(
    "text", task_params={"corpus": "english", "steps": 16}, hidden_size=16, steps=100_000
)


def test_reopen_train_switch_language_and_corpus_again_and_again(qtbot, tmp_path):
    trainer = Trainer(TEXT)
    for _ in range(3):
        trainer.train_step()
    save_trainer(tmp_path / "sonnets.lstmrun", trainer)
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings, data_dir=tmp_path / "data")
    window.show()
    collections = []

    def record(phase, info):
        if phase == "stop":
            collections.append(threading.current_thread().name)

    gc.callbacks.append(record)
    thresholds = gc.get_threshold()
    gc.set_threshold(50, 5, 5)  # were automatic collection on, every thread would collect
    try:
        assert window.files.open_run(str(tmp_path / "sonnets.lstmrun"))
        qtbot.waitUntil(lambda: window.session.last is not None, timeout=10_000)
        assert window.session.last.step == 3
        for language, corpus in [("zh_CN", "chinese"), ("en", "english")] * 2:
            step = window.session.last.step
            window.train_action.trigger()
            qtbot.waitUntil(lambda w=window, s=step: w.session.last.step >= s + 5, timeout=20_000)
            window.train_action.trigger()
            qtbot.waitUntil(lambda w=window: w.session.last.status == "paused", timeout=10_000)
            trained = window.session.last.step
            window = switch_language(window, language)  # the old window is deleted
            qtbot.waitUntil(
                lambda w=window, n=trained: w.session.last is not None and w.session.last.step == n,
                timeout=20_000,
            )
            assert window.train_action.text() == ("训练" if language == "zh_CN" else "Train")
            window.confirm_discard = lambda *args, **kwargs: True  # "Yes"
            box = window.setup._param_widgets["corpus"]
            assert isinstance(box, QComboBox)
            box.setCurrentIndex(box.findData(corpus))
            qtbot.waitUntil(
                lambda w=window, c=corpus: (
                    w.session.config.task_params["corpus"] == c
                    and w.session.last is not None
                    and w.session.last.step == 0
                ),
                timeout=20_000,
            )
        assert collections, "nothing was collected"
        assert set(collections) == {"MainThread"}
    finally:
        gc.set_threshold(*thresholds)
        gc.callbacks.remove(record)
        i18n.install("en")
        window.close()
