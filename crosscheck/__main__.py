"""``python -m crosscheck`` runs the command line."""

import sys

from crosscheck.cli import main

sys.exit(main())
