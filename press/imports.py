"""Import media contacts from a spreadsheet (XLSX or CSV): all rows or none.

Every row is checked first; any problem rejects the whole file with a report that names the
row and the column. Contacts are matched by e-mail (case-insensitive): a known address
updates that contact, an address repeated in the file is a rejected row, the address of a
contact forgotten on request is refused. Outlets are found by name or created (their type is
then required).
"""

import csv
import io
import unicodedata
from dataclasses import dataclass, field
from zipfile import BadZipFile

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit.services import record
from pauta.lifecycle import ensure, service
from press import permissions as perms
from press.contacts import email_hash
from press.models import Journalist, LegalBasis, Outlet, OutletType, PreferredChannel, Reach

MAX_ROWS = 5000


def fold(text) -> str:
    text = unicodedata.normalize("NFKD", str(text or "")).encode("ascii", "ignore").decode()
    return " ".join(text.lower().replace("-", " ").replace("_", " ").split())


# column key -> (the header people read, accepted header spellings, folded)
COLUMNS = {
    "name": (gettext_lazy("name"), ("nome", "name")),
    "email": (gettext_lazy("e-mail"), ("e mail", "email", "correio eletronico")),
    "outlet": (gettext_lazy("outlet"), ("veiculo", "outlet", "orgao de comunicacao")),
    "outlet_type": (gettext_lazy("outlet type"), ("tipo do veiculo", "tipo", "outlet type",
                                                  "tipo de veiculo")),
    "reach": (gettext_lazy("reach"), ("abrangencia", "alcance", "reach")),
    "city": (gettext_lazy("city"), ("cidade", "city", "municipio")),
    "beats": (gettext_lazy("beats"), ("editorias", "editoria", "beats", "temas")),
    "phone": (gettext_lazy("phone"), ("telefone", "phone", "fone")),
    "mobile": (gettext_lazy("mobile phone"), ("celular", "telemovel", "mobile")),
    "preferred_channel": (gettext_lazy("preferred channel"), ("canal preferido",
                                                             "preferred channel")),
    "legal_basis": (gettext_lazy("legal basis"), ("base legal", "fundamento legal",
                                                  "legal basis")),
    "source": (gettext_lazy("source of the data"), ("origem", "fonte", "origem dos dados",
                                                    "source")),
}
REQUIRED = ("name", "email", "source")
VALUES = {
    "outlet_type": {**{v: v for v in OutletType.values}, "jornal": "newspaper",
                    "radio": "radio", "televisao": "tv", "tv": "tv", "portal": "portal",
                    "site": "portal", "agencia": "agency", "agencia de noticias": "agency"},
    "reach": {**{v: v for v in Reach.values}, "local": "local", "regional": "regional",
              "nacional": "national"},
    "preferred_channel": {**{v: v for v in PreferredChannel.values}, "e mail": "email",
                          "telefone": "phone", "whatsapp": "whatsapp"},
    "legal_basis": {**{v: v for v in LegalBasis.values}, "interesse legitimo":
                    "legitimate_interest", "consentimento": "consent", "legitimate interest":
                    "legitimate_interest", "funcao publica": "public_interest",
                    "interesse publico": "public_interest"},
}


@dataclass
class Report:
    rows: int = 0
    created: int = 0
    updated: int = 0
    errors: list[str] = field(default_factory=list)  # one sentence per rejected cell

    @property
    def ok(self) -> bool:
        return not self.errors


class Unreadable(Exception):
    pass


def _read(name: str, data: bytes) -> list[list]:
    if name.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
            return [["" if v is None else v for v in row]
                    for row in sheet.iter_rows(values_only=True, max_row=MAX_ROWS + 2)]
        except (BadZipFile, KeyError, ValueError, OSError, IndexError) as exc:
            raise Unreadable from exc
    if name.lower().endswith(".csv"):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise Unreadable from exc
        if "\x00" in text:
            raise Unreadable
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=";,\t")
        except csv.Error:
            dialect = csv.excel
        return list(csv.reader(io.StringIO(text), dialect))
    raise Unreadable


def _header(row) -> dict[int, str]:
    """Column index → key, by the accepted spellings or the label in any interface language
    (the import page lists the labels in the person's language)."""
    aliases = {alias: key for key, (_label, names) in COLUMNS.items() for alias in names}
    for language in ("en", "pt-br", "pt-pt"):
        with translation.override(language):
            aliases.update({fold(str(label)): key for key, (label, _n) in COLUMNS.items()})
    return {i: aliases[fold(cell)] for i, cell in enumerate(row) if fold(cell) in aliases}


def parse(name: str, data: bytes) -> tuple[Report, list[dict]]:
    """Read and check the whole file; nothing is written."""
    report = Report()
    try:
        table = _read(name, data)
    except Unreadable:
        report.errors.append(_("The file is not a readable XLSX or CSV spreadsheet."))
        return report, []
    table = [row for row in table if any(str(c).strip() for c in row)]
    if not table:
        report.errors.append(_("The spreadsheet is empty."))
        return report, []
    columns = _header(table[0])
    missing = [str(COLUMNS[k][0]) for k in REQUIRED if k not in columns.values()]
    if missing:
        report.errors.append(_("Row 1 (the header): missing column(s) %(columns)s.")
                             % {"columns": ", ".join(f"“{m}”" for m in missing)})
        return report, []
    if len(table) - 1 > MAX_ROWS:
        report.errors.append(_("The spreadsheet has more than %(n)s contacts; split it.")
                             % {"n": MAX_ROWS})
        return report, []
    seen: dict[str, int] = {}
    parsed = []
    for number, raw in enumerate(table[1:], start=2):
        report.rows += 1
        row = {key: str(raw[i]).strip() if i < len(raw) else "" for i, key in columns.items()}

        def reject(key, text, number=number):
            report.errors.append(_("Row %(row)s, column “%(column)s”: %(problem)s")
                                 % {"row": number, "column": COLUMNS[key][0], "problem": text})

        for key in REQUIRED:
            if not row.get(key):
                reject(key, _("this cell is required."))
        email = row.get("email", "").lower()
        if email:
            try:
                validate_email(email)
            except ValidationError:
                reject("email", _("“%(value)s” is not an e-mail address.") % {"value": email})
            else:
                if email in seen:
                    reject("email", _("the same e-mail address is on row %(row)s.")
                           % {"row": seen[email]})
                seen.setdefault(email, number)
                if Journalist.objects.filter(forgotten_email_hash=email_hash(email)).exists():
                    reject("email", _("this person asked to be forgotten."))
        for key, choices in VALUES.items():
            value = row.get(key, "")
            if value and fold(value) not in choices:
                reject(key, _("“%(value)s” is not one of the accepted values.") % {"value": value})
            elif value:
                row[key] = choices[fold(value)]
        if row.get("outlet") and not Outlet.objects.filter(name__iexact=row["outlet"]).exists() \
                and not row.get("outlet_type"):
            reject("outlet_type", _("a new outlet (“%(outlet)s”) needs its type.")
                   % {"outlet": row["outlet"]})
        for key in ("name", "beats", "source", "city", "outlet"):
            limit = {"name": 200, "beats": 300, "source": 200, "city": 100, "outlet": 200}[key]
            if len(row.get(key, "")) > limit:
                reject(key, _("longer than %(n)s characters.") % {"n": limit})
        for key in ("phone", "mobile"):
            if len(row.get(key, "")) > 40:
                reject(key, _("longer than %(n)s characters.") % {"n": 40})
        row["email"] = email
        parsed.append(row)
    return report, parsed


@service
def contacts_import(*, by, name: str, data: bytes) -> Report:
    """Import the file if every row is right; else import nothing and report every problem."""
    ensure(perms.can_edit_contacts(by))
    report, rows = parse(name, data)
    if not report.ok:
        return report
    outlets = {o.name.lower(): o for o in Outlet.objects.all()}
    for row in rows:
        outlet = None
        if row.get("outlet"):
            outlet = outlets.get(row["outlet"].lower())
            if outlet is None:
                outlet = Outlet.objects.create(
                    name=row["outlet"], type=row["outlet_type"],
                    reach=row.get("reach") or Reach.LOCAL, city=row.get("city", ""))
                outlets[outlet.name.lower()] = outlet
                record(by=by, verb="outlet_create", target=outlet)
        fields = {"name": row["name"], "outlet": outlet, "beats": row.get("beats", ""),
                  "phone": row.get("phone", ""), "mobile": row.get("mobile", ""),
                  "preferred_channel": row.get("preferred_channel") or PreferredChannel.EMAIL,
                  "legal_basis": row.get("legal_basis") or LegalBasis.LEGITIMATE_INTEREST,
                  "source": row["source"]}
        journalist = Journalist.objects.filter(email__iexact=row["email"]).first()
        if journalist is None:
            journalist = Journalist.objects.create(email=row["email"], **fields)
            report.created += 1
        else:
            for key, value in fields.items():
                setattr(journalist, key, value)
            journalist.save()
            report.updated += 1
        record(by=by, verb="journalist_import", target=journalist)
    return report
