"""``python -m extractor``: the command line, as the ``extractor`` command runs it."""

from .cli import main

main(prog_name="extractor")
