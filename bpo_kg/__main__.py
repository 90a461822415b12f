"""``python -m bpo_kg`` runs the command line (as the ``bpo-kg`` program does)."""

from bpo_kg.launch import run

run()
