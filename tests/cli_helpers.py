"""Running the command line inside a test: ``run_cli(args, capsys, language)``."""

from __future__ import annotations

from lstm_studio import cli, translations


def run_cli(args: list[str], capsys, language: str | None = None) -> tuple[int, str, str]:
    """``lstm-studio ARGS`` in this process, in ``language`` (None: the default):
    ``(exit code, stdout, stderr)``; argparse's own exits are exit codes too."""
    translations.set_language(language)
    try:
        code = cli.main(args)
    except SystemExit as e:
        code = e.code
    finally:
        translations.set_language(None)
    out, err = capsys.readouterr()
    return code, out, err
