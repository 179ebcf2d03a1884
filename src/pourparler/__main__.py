"""`python -m pourparler` runs the command line."""

from pourparler.cli import main

main()
