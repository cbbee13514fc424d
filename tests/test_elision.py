"""French elision before names, in Python messages and in templates, and never in English."""

from __future__ import annotations

import pytest
from flask import render_template_string
from flask_babel import force_locale, gettext, lazy_gettext, ngettext
from markupsafe import Markup

from famille.elision import elide, starts_with_vowel


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Antoine", True), ("Élodie", True), ("Hélène", True), ("Yves", True), ("Marc", False), ("", False)],
)
def test_which_names_begin_with_a_vowel(name: str, expected: bool) -> None:
    assert starts_with_vowel(name) is expected


def test_elide_only_before_a_vowel_and_only_a_whole_de() -> None:
    assert elide("Branche de %(name)s", {"name": "Antoine"}) == "Branche d'%(name)s"
    assert elide("Branche de %(name)s", {"name": "Marc"}) == "Branche de %(name)s"
    assert elide("Monde %(name)s", {"name": "Antoine"}) == "Monde %(name)s"
    assert elide("De %(name)s à %(other)s", {"name": "Émile", "other": "Anne"}) == "D'%(name)s à %(other)s"
    link = Markup('<a href="/people/3">Hélène</a>')
    assert elide(Markup("La fiche de %(who)s"), {"who": link}) == Markup("La fiche d'%(who)s")


def test_messages_elide_in_french_in_python_and_in_templates(app) -> None:
    template = "{{ _('Branch of %(name)s', name=name) }}|{{ ngettext('%(num)d person', '%(num)d people', 2) }}"
    with app.test_request_context():
        with force_locale("fr"):
            assert gettext("Branch of %(name)s", name="Antoine") == "Branche d'Antoine"
            assert gettext("Branch of %(name)s", name="Marc") == "Branche de Marc"
            assert str(lazy_gettext("Branch of %(name)s", name="Hélène")) == "Branche d'Hélène"
            assert render_template_string(template, name="Élodie").startswith("Branche d'Élodie|")
            one = "{{ _('Branch of %(name)s', name=n) }}"
            assert render_template_string(one, n="Anne <script>") == "Branche d'Anne &lt;script&gt;"  # still escaped
            link = Markup('<a href="/people/1">Anne</a>')
            assert render_template_string(one, n=link) == 'Branche d\'<a href="/people/1">Anne</a>'
        with force_locale("en"):
            assert gettext("Branch of %(name)s", name="Antoine") == "Branch of Antoine"
            assert ngettext("%(num)d person", "%(num)d people", 3) == "3 people"
