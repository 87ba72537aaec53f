"""Qt user interface: the main window, its panels and the training worker."""
