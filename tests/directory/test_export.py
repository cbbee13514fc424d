"""Downloads of the directory: vCard 4.0 read back line by line, CSV read with the csv module, privacy, file
names; and the pure writers (escaping, folding, formulas)."""

from __future__ import annotations

import csv
import io
import re

from famille.directory.export import attachment_name, csv_text, vcard_text
from famille.directory.rows import ExportRow, LinkView
from famille.privacy import PersonView
from tests.directory.conftest import EN


def _cards(text: str) -> list[dict[str, list[str]]]:
    """The vCards of ``text``, unfolded, as {property: [values]} each."""
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")  # CRLF line ends only
    unfolded = text.replace("\r\n ", "")
    cards, current = [], None
    for line in unfolded.split("\r\n")[:-1]:
        name, _, value = line.partition(":")
        if line == "BEGIN:VCARD":
            current = {}
        elif line == "END:VCARD":
            cards.append(current)
            current = None
        else:
            current.setdefault(name, []).append(value)
    assert current is None
    return cards


def test_vcards_of_the_selection(client, login_as, family) -> None:
    login_as("member")
    response = client.get("/directory/download.vcf?platform=linkedin", headers=EN)
    assert response.status_code == 200 and response.mimetype == "text/vcard"
    assert response.mimetype_params["charset"] == "utf-8"
    assert re.fullmatch(
        r'attachment; filename="directory-\d{4}-\d\d-\d\d\.vcf"', response.headers["Content-Disposition"]
    )
    helene, lea = _cards(response.get_data(as_text=True))
    assert (
        helene["VERSION"] == ["4.0"] and helene["FN"] == ["Hélène Tremblay"] and helene["N"] == ["Tremblay;Hélène;;;"]
    )
    assert helene["URL"] == ["https://www.linkedin.com/in/helene-tremblay-test"]
    assert helene["EMAIL"] == ["helene@example.org"] and helene["NOTE"] == ["Branch of Henri Tremblay"]
    assert lea["FN"] == ["Léa Bouchard"] and lea["URL"] == [
        "https://www.linkedin.com/in/lea-bouchard-test",
        "https://www.instagram.com/lea.bouchard.test",
    ]
    everyone = _cards(client.get("/directory/download.vcf", headers=EN).get_data(as_text=True))
    assert [card["FN"][0] for card in everyone][-1] == "Ôdile Inconnu" and len(everyone) == 9
    assert everyone[-1]["NOTE"] == ["Elsewhere in the tree"] and "URL" not in everyone[-1]


def test_csv_of_the_selection(client, login_as, family) -> None:
    login_as("member")
    response = client.get("/directory/download.csv?all=1", headers=EN)
    assert response.mimetype == "text/csv" and response.mimetype_params["charset"] == "utf-8"
    assert re.fullmatch(
        r'attachment; filename="directory-\d{4}-\d\d-\d\d\.csv"', response.headers["Content-Disposition"]
    )
    body = response.get_data()
    assert body.startswith(b"\xef\xbb\xbf")  # the BOM that makes Excel read UTF-8
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    assert list(rows[0])[:5] == ["Name", "Birth year", "Branch", "LinkedIn", "Facebook"]
    assert list(rows[0])[-2:] == ["E-mail", "Website"]
    by_name = {row["Name"]: row for row in rows}
    assert len(rows) == 13 and "Zoé Tremblay" in by_name and "Georgette Côté" in by_name
    helene = by_name["Hélène Tremblay"]
    assert helene["Birth year"] == "1960" and helene["Branch"] == "Branch of Henri Tremblay"
    assert helene["LinkedIn"] == "https://www.linkedin.com/in/helene-tremblay-test"
    assert helene["E-mail"] == "helene@example.org" and helene["Facebook"] == ""
    assert by_name["Gaston Tremblay"]["Branch"] == "The founding couple"
    assert by_name["Émilie Roy"]["Branch"] == "Branch of Armand Tremblay"


def test_one_branch_of_one_ancestor(client, login_as, family) -> None:
    login_as("member")
    text = client.get(f"/directory/download.csv?ancestor={family['Henri']}&branch={family['Hélène']}").get_data(
        as_text=True
    )
    names = [row[0] for row in csv.reader(io.StringIO(text.removeprefix("\ufeff")))][1:]
    assert names == ["Hélène Tremblay", "Paul Bouchard", "Léa Bouchard"]


def _row(given: str, surname: str, *links: LinkView) -> ExportRow:
    return ExportRow(PersonView(1, given, surname, "1950", "", False), "1950", "branch", None, links)


def test_vcard_escapes_text_and_folds_long_lines() -> None:
    long_url = "https://example.org/" + "é" * 10 + "a" * 120
    row = _row("Jean, dit «Ti-Jean»; fils", "Côté\\Roy", LinkView(long_url, "website", "", ""))
    text = vcard_text([row], note=lambda _row: "Branche de\nHenri")
    lines = text.split("\r\n")
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)
    assert "FN:Jean\\, dit «Ti-Jean»\\; fils Côté\\\\Roy" in text.replace("\r\n ", "")
    assert "NOTE:Branche de\\nHenri" in text and f"URL:{long_url}" in text.replace("\r\n ", "")
    text.encode("utf-8").decode("utf-8")  # folding never cut a character in two


def test_csv_cells_never_become_formulas() -> None:
    row = _row('=HYPERLINK("http://evil")', "-Roy", LinkView("mailto:a@example.org", "email", "", ""))
    text = csv_text([row], headings=["Name", "Birth", "Branch"] + ["p"] * 13, branch=lambda _row: "@branch")
    [_heading, cells] = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert cells[0] == '\'=HYPERLINK("http://evil") -Roy' and cells[2] == "'@branch"
    assert "a@example.org" in cells  # the address of a mailto: link without a handle


def test_file_names_are_plain_ascii() -> None:
    assert attachment_name("annuaire-Côté « 2025 »", "csv") == "annuaire-cote-2025.csv"
    assert attachment_name('"; rm -rf /', "vcf") == "rm-rf.vcf"
    assert attachment_name("€€€", "vcf") == "directory.vcf"
