"""``python -m dossier`` runs the same command line as ``dossier``."""

from dossier.cli import run

if __name__ == "__main__":
    run()
