"""Run ``python -m assoc_cli`` exactly like the ``assoc`` command."""

from assoc_cli.cli import main

main()
