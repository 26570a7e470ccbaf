"""Claims and where the sources disagree.

:mod:`dossier.claims.frames` reads claims out of one parsed article (with its mentions);
:mod:`dossier.claims.compare` aligns them across the dossier and reports discrepancies;
:mod:`dossier.claims.numbers` turns hedged counts into comparable ranges.
"""
