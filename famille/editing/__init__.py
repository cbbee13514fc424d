"""Editing people and families on the site: names, sex, events, notes, relatives, deletion.

Views (``views.py`` and its neighbours) are thin; the work is done by typed services (``names``, ``events``,
``notes``, ``relations``, ``deletion``) built on :mod:`famille.editing.services` (who may, the change log) and
:mod:`famille.editing.summary` (the listing fields and search words, kept as an import computes them).
"""
