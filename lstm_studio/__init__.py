"""LSTM Studio: learn how recurrent networks work by watching them train.

The package is layered and imports only run downward: ``engine`` (NumPy only), ``tasks``,
``training`` (no Qt), then ``ui`` (PySide6 + pyqtgraph). This module must stay free of Qt
imports so the lower layers can be used and tested without a GUI.
"""

__version__ = "0.1.0"
