"""What the main-window tests share (imported by name: pytest puts this folder on
sys.path)."""


def shown(qtbot, window, timeout: int = 10_000):
    """Wait for the window's model to be shown: its first snapshot comes from the
    training process, a moment after the model is made (at launch, a Reset, a new
    setup, an opened run). Returns that snapshot."""
    qtbot.waitUntil(lambda: window.session.last is not None, timeout=timeout)
    return window.session.last
