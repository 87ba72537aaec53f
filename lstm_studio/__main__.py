"""``python -m lstm_studio``: the same as the ``lstm-studio`` command."""

import sys

from lstm_studio.app import main

# importing this module (a tool, a test) must not open a window
if __name__ == "__main__":
    sys.argv[0] = "lstm-studio"  # the name argparse shows in usage and errors
    raise SystemExit(main())
