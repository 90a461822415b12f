"""``python -m bpo_kg`` runs the command line."""

import sys

from bpo_kg.cli import main

sys.exit(main())
