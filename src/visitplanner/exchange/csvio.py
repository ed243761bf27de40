"""CSV files as people really have them, and CSV files that French Excel opens correctly.

Reading accepts what spreadsheets write in France: Excel's "CSV (séparateur:
point-virgule)" in Windows-1252, Excel's "CSV UTF-8" (with a BOM), LibreOffice's
comma-separated UTF-8, tab-separated text, and Excel's "Texte Unicode"
(UTF-16 with a BOM). Anything else (binary data, UTF-16 without a BOM, a file
mixing encodings) is refused with one sentence naming the file and, when it
helps, the line, before any row reaches the catalogue.

Writing always produces UTF-8 with a BOM, semicolons and CRLF: the one form
that French Excel opens with its accents intact by a double click. Cells that a
spreadsheet would run as a formula are neutralised (OWASP "CSV injection").
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from visitplanner.domain.errors import UserError
from visitplanner.domain.text import fold
from visitplanner.i18n import N_, _

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_CELL_CHARS = 1024 * 1024
DELIMITERS = (";", "\t", ",")
# Characters that make a spreadsheet read a cell as a formula (and TAB/CR, which
# some of them skip before looking).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_SAMPLE_CHARS = 64 * 1024
_SAMPLE_RECORDS = 50
# ``csv.field_size_limit`` is process-wide: raise it only while one read runs.
_limit_lock = threading.Lock()


@dataclass(frozen=True)
class Table:
    """The cells of a CSV file, as text, with where each row came from."""

    path: Path
    headers: list[str]
    rows: list[list[str]]
    lines: list[int]  # line of the file where each row starts, for error messages
    encoding: str
    delimiter: str

    @property
    def name(self) -> str:
        return str(self.path)


# --- reading ------------------------------------------------------------------------------


def read_table(path: str | os.PathLike[str]) -> Table:
    """Reads a CSV file; raises :class:`UserError` if it cannot be a table of people."""
    path = Path(path)
    name = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise UserError(
                _("{path} is larger than {n} MB; split it into smaller files.").format(
                    path=name, n=MAX_FILE_BYTES // (1024 * 1024)
                )
            )
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(
            _("Cannot read {path}: {reason}.").format(path=name, reason=exc.strerror or exc)
        ) from None
    text, encoding = decode(data, name)
    if not text.strip():
        raise UserError(_("{path} is empty.").format(path=name))
    delimiter = detect_delimiter(text)
    headers, rows, lines = _parse(text, delimiter, name)
    if not rows:
        raise UserError(_("{path} has no data rows: only a header line.").format(path=name))
    return Table(path, headers, rows, lines, encoding, delimiter)


def decode(data: bytes, name: str) -> tuple[str, str]:
    """The text of ``data`` and the encoding it was in; binary data is refused."""
    if data.startswith(codecs.BOM_UTF8):
        encoding, text = "utf-8-sig", _strict_utf8(data[len(codecs.BOM_UTF8) :], name)
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            encoding, text = "utf-16", data.decode("utf-16")
        except UnicodeDecodeError:
            raise _not_text(name) from None
    elif b"\x00" in data:
        raise _not_text(name)
    else:
        try:
            encoding, text = "utf-8", data.decode("utf-8")
        except UnicodeDecodeError:
            loose = data.decode("utf-8", errors="replace")
            bad = loose.count("\ufffd")
            non_ascii = len(loose) - len(loose.encode("ascii", "ignore"))
            if non_ascii - bad > bad:
                # Mostly valid UTF-8 with a few stray bytes: reading it as
                # Windows-1252 would garble every accent, so say where it breaks.
                _strict_utf8(data, name)
            try:
                encoding, text = "cp1252", data.decode("cp1252")
            except UnicodeDecodeError:
                raise _not_text(name) from None
    text = text.rstrip("\x1a")  # the DOS end-of-file mark some old tools still write
    if _CONTROL.search(text):
        raise _not_text(name)
    return text, encoding


def _strict_utf8(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise UserError(
            _(
                "{path}, line {line}: the text is not valid UTF-8; "
                "save the file again as “CSV UTF-8”."
            ).format(path=name, line=line)
        ) from None


def _not_text(name: str) -> UserError:
    return UserError(_("{path} is not a text CSV file.").format(path=name))


def detect_delimiter(text: str) -> str:
    """The separator among ``; TAB ,`` that cuts the first lines into the most even columns.

    Scored on a parsed sample rather than by counting characters, so commas inside
    quoted cells of a semicolon file (or the reverse) do not mislead it.
    """
    sample = text[:_SAMPLE_CHARS]
    if len(text) > _SAMPLE_CHARS and "\n" in sample:
        sample = sample[: sample.rindex("\n")]
    best, best_score = ",", (False, 0.0, 0)
    for delimiter in DELIMITERS:
        records = []
        for record in csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter):
            if any(cell.strip() for cell in record):
                records.append(record)
            if len(records) > _SAMPLE_RECORDS:
                break
        if not records:
            continue
        width = len(records[0])
        data = records[1:]
        even = sum(1 for r in data if len(r) == width) / len(data) if data else 1.0
        score = (width > 1, even, width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _parse(text: str, delimiter: str, name: str) -> tuple[list[str], list[list[str]], list[int]]:
    headers: list[str] | None = None
    rows: list[list[str]] = []
    lines: list[int] = []
    with _limit_lock:
        previous = csv.field_size_limit(MAX_CELL_CHARS)
        try:
            reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
            while True:
                start = reader.line_num + 1
                try:
                    record = next(reader)
                except StopIteration:
                    break
                except csv.Error as exc:
                    raise _bad_line(name, start, exc) from None
                if not any(cell.strip() for cell in record):
                    continue  # blank lines, and the ";;;;" rows spreadsheets leave behind
                if headers is None:
                    headers = [cell.strip().lstrip("\ufeff") for cell in record]
                else:
                    rows.append(record)
                    lines.append(start)
        finally:
            csv.field_size_limit(previous)
    return headers or [], rows, lines


def _bad_line(name: str, line: int, exc: csv.Error) -> UserError:
    if "field larger than field limit" in str(exc):
        return UserError(
            _("{path}, line {line}: a cell is longer than 1 MB.").format(path=name, line=line)
        )
    return UserError(
        _("{path}, line {line}: this line cannot be read as CSV.").format(path=name, line=line)
    )


# --- columns ---------------------------------------------------------------------------------

# The person fields a column can fill, in the order the mapping step shows them.
FIELDS: dict[str, str] = {
    "family_name": N_("Family name"),
    "given_name": N_("Given name"),
    "full_name": N_("Full name (given name, then family name)"),
    "email": N_("E-mail"),
    "phone": N_("Phone"),
    "organisation": N_("Organisation"),
    "function": N_("Function"),
    "actor_type": N_("Actor type"),
    "language": N_("Language"),
    "role": N_("Role"),
    "status": N_("Status"),
    "notes": N_("Notes"),
}

# Header spellings, folded and without spaces ("Adresse e-mail" -> "adresseemail").
_SYNONYMS: dict[str, tuple[str, ...]] = {
    "family_name": (
        "nom", "nomdefamille", "nomdusage", "nomdenaissance", "lastname", "surname",
        "familyname",
    ),
    "given_name": ("prenom", "prenoms", "firstname", "givenname", "forename"),
    "full_name": (
        "nomcomplet", "name", "fullname", "participant", "participante", "participants",
        "nometprenom", "prenometnom", "nomprenom", "prenomnom", "identite", "contact",
    ),
    "email": (
        "email", "mail", "courriel", "mel", "adresseemail", "adressemail", "adressecourriel",
        "adressedecourriel", "adresseelectronique", "emailaddress", "mailaddress",
    ),
    "phone": (
        "telephone", "tel", "phone", "mobile", "portable", "telephoneportable", "phonenumber",
        "numerodetelephone", "telephonenumber", "gsm",
    ),
    "organisation": (
        "structure", "organisation", "organization", "organisme", "entreprise", "employeur",
        "societe", "company", "employer", "etablissement", "structuredappartenance",
    ),
    "function": (
        "fonction", "poste", "jobtitle", "function", "intituleduposte", "position", "job",
    ),
    "actor_type": (
        "typedacteur", "typeacteur", "categorie", "actortype", "category",
        "typedestructure", "typedorganisation",
    ),
    "language": ("langue", "language", "languepreferee", "preferredlanguage"),
    "role": ("role", "roles"),
    "status": ("statut", "status", "reponse", "response", "statutdereponse", "responsestatus"),
    "notes": (
        "notes", "note", "commentaire", "commentaires", "remarque", "remarques", "comment",
        "comments", "observations",
    ),
}  # fmt: skip
_BY_SPELLING = {spelling: key for key, spellings in _SYNONYMS.items() for spelling in spellings}


def field_label(key: str) -> str:
    """The translated name of a person field, for the mapping step and messages."""
    return _(FIELDS[key])


def header_key(header: str) -> str:
    """A header reduced to what matters: no case, accents, punctuation or spaces."""
    return fold(header.replace("-", " ").replace("_", " ").replace(".", " ")).replace(" ", "")


def guess_mapping(headers: Sequence[str]) -> dict[int, str | None]:
    """Which person field each column most likely holds (``None``: leave it out).

    Each field goes to the first column that names it. A lone "Name" column is a
    full name, unless the file also has a given-name column, where it is the
    family name; a full-name column is left out when the names come split.
    """
    guessed = {index: _BY_SPELLING.get(header_key(h)) for index, h in enumerate(headers)}
    found = set(guessed.values())
    for index, header in enumerate(headers):
        if header_key(header) == "name" and "given_name" in found and "family_name" not in found:
            guessed[index] = "family_name"
            found.add("family_name")
    mapping: dict[int, str | None] = {}
    taken: set[str] = set()
    for index, key in guessed.items():
        if key == "full_name" and {"family_name", "given_name"} & found:
            key = None
        if key in taken:
            key = None
        if key is not None:
            taken.add(key)
        mapping[index] = key
    return mapping


def check_mapping(table: Table, mapping: Mapping[int, str | None]) -> list[tuple[int, str]]:
    """The mapped (column, field) pairs, or :class:`UserError` naming what is missing.

    An import needs an e-mail column (people are matched by it) and a name column;
    each field can come from one column only.
    """
    columns: list[tuple[int, str]] = []
    seen: set[str] = set()
    for index, key in sorted(mapping.items()):
        if not key:
            continue
        if key not in FIELDS or not 0 <= index < len(table.headers):
            raise ValueError(f"bad mapping entry {index}: {key}")
        if key in seen:
            raise UserError(
                _("Two columns are set to “{field}”: keep only one.").format(field=field_label(key))
            )
        seen.add(key)
        columns.append((index, key))
    if "email" not in seen:
        raise UserError(
            _(
                "{path} has no e-mail column: name one “E-mail” or “Courriel”, "
                "or choose it in the column mapping."
            ).format(path=table.name)
        )
    if not {"family_name", "full_name"} & seen:
        raise UserError(
            _(
                "{path} has no name column: name one “Nom” or “Family name”, "
                "or choose it in the column mapping."
            ).format(path=table.name)
        )
    return columns


# --- writing -----------------------------------------------------------------------------------


def neutralise(value: object) -> str:
    """The cell as text, with a leading ``'`` if a spreadsheet would run it as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def unneutralise(text: str) -> str:
    """Undoes :func:`neutralise`, so an exported file imports back unchanged."""
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


def write_table(
    path: str | os.PathLike[str],
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    private: bool = False,
) -> int:
    """Writes a French-Excel CSV all at once (the old file stays until the new one is
    complete); returns the number of rows written. ``private``: personal data, readable
    by the user alone."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    from visitplanner.atomic_files import atomic_output

    count = 0
    try:
        with atomic_output(
            folder / path.name, "w", encoding="utf-8-sig", newline="", private=private
        ) as fh:
            writer = csv.writer(fh, delimiter=";", lineterminator="\r\n")
            writer.writerow([neutralise(h) for h in headers])
            for row in rows:
                writer.writerow([neutralise(cell) for cell in row])
                count += 1
    except OSError as exc:
        raise UserError(
            _("Cannot write {path}: {reason}.").format(path=str(path), reason=exc.strerror or exc)
        ) from None
    return count
