"""``python -m cayo`` runs the command line."""

from cayo.cli import main

main()
