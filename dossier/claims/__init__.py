"""Claims and where the sources disagree.

Per article (at analysis time, cached with the parse):
:mod:`dossier.claims.frames` reads event frames (who was arrested, how many, political
deadlines); :mod:`dossier.claims.facts` reads typed facts from every sentence whatever the
event: amounts with their unit or counted noun, ages, quotations with their speaker, the
named holders of a role ('his wife, Ann'), the times events happened (:mod:`dossier.claims.times`),
the account that posted something (:mod:`dossier.claims.accounts`) and the charge someone
pleaded guilty to (:mod:`dossier.claims.charges`).

Per dossier: :mod:`dossier.claims.compare` reports the frames' discrepancies and calls
:mod:`dossier.claims.align`, which aligns facts across sources (blocked by key, TF-IDF context)
and compares them by type. :mod:`dossier.claims.numbers` and :mod:`dossier.claims.quantities`
turn hedged counts and amounts into comparable intervals.
"""
