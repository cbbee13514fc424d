"""Profile links edited on the site: adding, changing and removing where a relative is online.

:mod:`famille.profiles.services` holds the rules (who may, merging duplicates, the change log);
:mod:`famille.profiles.views` is the blueprint ``profiles`` with the pages under ``/people/<id>/links``.
"""
