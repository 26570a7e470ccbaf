"""``python -m dossier`` runs the same command line as ``dossier``."""

from dossier.cli import main

if __name__ == "__main__":
    main()
