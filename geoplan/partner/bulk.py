"""A partner's sites and services from a file (CSV or XLSX): reading, checking, filing.

A file is read first (name, size, content, header and number of rows): a file that cannot be
used is refused with one sentence (``UploadRefused``). Its rows are then checked, all of them,
before anything is filed. Rows for the same site (the same ``site_id``, or for a new site the
same ``site_name`` and ``address``) form one proposal with one service per row; each proposal
is checked by ``clean_proposal``, the same rules as the portal and the API, and its errors are
reported on the row and column they come from. Only a file whose rows are all correct can be
filed: each proposal becomes one change request, all in one transaction.

Empty cells change nothing: on a row for a registered site or service an empty cell keeps the
current value, on a row for a new one it leaves the value unset.
"""

from __future__ import annotations

import csv
import io
import math
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.db import transaction
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _

from geoplan.accounts.roles import organisation_ids
from geoplan.moderation.models import ChangeRequest
from geoplan.moderation.proposal import (
    ProposalError,
    clean_proposal,
    hours_intervals,
    snapshot_service,
    snapshot_site,
)
from geoplan.registry import hours as hours_lib
from geoplan.registry.models import (
    OpeningHours,
    Organization,
    Service,
    ServiceCategory,
    Site,
    Status,
)
from geoplan.registry.text import fold, normalise_address
from geoplan.registry.vocabulary import LANGUAGES, TargetGroup
from geoplan.territory.upload import MAX_UPLOAD_BYTES

MAX_ROWS = 500
# A workbook is a zip: what it unpacks to is bounded too, and so is the work of reading it.
MAX_XLSX_UNPACKED_BYTES = 20 * 2**20
MAX_SCANNED_LINES = 20_000
MAX_COLUMNS = 60
EXTENSIONS = (".csv", ".xlsx")


@dataclass(frozen=True)
class Column:
    name: str
    help: str
    example: str = ""


COLUMNS = (
    Column(
        "site_id",
        gettext_lazy("Empty for a new site; the number of one of your sites to change it."),
        "",
    ),
    Column(
        "organization_id",
        gettext_lazy(
            "The number of your organisation running the site: needed only if you belong "
            "to several."
        ),
        "",
    ),
    Column("site_name", gettext_lazy("The site's name (required for a new site)."), "Casa Aurora"),
    Column(
        "address",
        gettext_lazy("Street address in Turin (required for a new site; one site per address)."),
        "Via Giuseppe Garibaldi 10",
    ),
    Column(
        "lon",
        gettext_lazy("Longitude in degrees, a decimal point or comma (required for a new site)."),
        "7.6799",
    ),
    Column("lat", gettext_lazy("Latitude in degrees (required for a new site)."), "45.0735"),
    Column(
        "service_id",
        gettext_lazy("Empty for a new service; the number of a service at that site to change it."),
        "",
    ),
    Column("category", gettext_lazy("Category code (see the list below)."), "food_distribution"),
    Column(
        "service_name", gettext_lazy("The service's name (required for a new service)."), "Pasti"
    ),
    Column("description", gettext_lazy("What the service offers."), ""),
    Column("capacity", gettext_lazy("A whole number, 0 or more."), "40"),
    Column(
        "capacity_unit",
        gettext_lazy("What the capacity counts (required with a capacity)."),
        "meals",
    ),
    Column(
        "target_groups",
        gettext_lazy("Target group codes separated by “;” (see the list below)."),
        "homeless;migrants",
    ),
    Column("target_groups_note", gettext_lazy("Who the service is for, in your own words."), ""),
    Column("languages", gettext_lazy("Language codes separated by “;”."), "it;en;fr"),
    Column("step_free_access", gettext_lazy("yes or no; empty if not known."), "yes"),
    Column("eligibility", gettext_lazy("Who may use the service and how."), ""),
    Column("phone", gettext_lazy("Phone number."), "+39 011 123 4567"),
    Column("email", gettext_lazy("E-mail address."), "info@example.org"),
    Column("website", gettext_lazy("Full web address starting with https://."), ""),
    Column(
        "status",
        gettext_lazy("published (running, the default) or archived (stopped)."),
        "published",
    ),
    Column(
        "opening_hours",
        gettext_lazy(
            "Weekly hours in OpenStreetMap form; “PH off” closes the service on public holidays."
        ),
        "Mo-Fr 09:00-13:00,14:00-18:00; Sa 09:00-12:00; PH off",
    ),
)
COLUMN_NAMES = tuple(c.name for c in COLUMNS)
_ALIASES = {"organisation_id": "organization_id"}
SITE_COLUMNS = ("site_name", "address", "lon", "lat", "organization_id")
SERVICE_COLUMNS = (
    "category",
    "service_name",
    "description",
    "capacity",
    "capacity_unit",
    "target_groups",
    "target_groups_note",
    "languages",
    "step_free_access",
    "eligibility",
    "phone",
    "email",
    "website",
    "status",
    "opening_hours",
)
# Where a proposal's fields come from in the file.
_SITE_FIELD_COLUMN = {
    "name": "site_name",
    "address": "address",
    "location": "lon/lat",
    "organization": "organization_id",
}
_SERVICE_FIELD_COLUMN = {
    "id": "service_id",
    "name": "service_name",
    "hours": "opening_hours",
    "closures": "opening_hours",
    "closed_on_public_holidays": "opening_hours",
}
_TEXT_FIELDS = (
    "description",
    "capacity_unit",
    "target_groups_note",
    "eligibility",
    "phone",
    "email",
    "website",
)
_YES = {"yes", "y", "sì", "si", "true", "vero", "1"}
_NO = {"no", "n", "false", "falso", "0"}
_STATUS_WORDS = {"pubblicato": Status.PUBLISHED, "archiviato": Status.ARCHIVED}
_LIST_SPLIT = re.compile(r"[;,|]")


class UploadRefused(Exception):
    """A file that cannot be used at all; the message says why. Nothing was read from it."""

    def __init__(self, message: str):
        self.message = str(message)
        super().__init__(self.message)


@dataclass
class Row:
    line: int  # the file's line (CSV) or the sheet's row number (XLSX); the header is line 1
    values: dict[str, str]
    surplus: bool = False  # a value under no column name


# ---------------------------------------------------------------------------------------------
# Reading a file
# ---------------------------------------------------------------------------------------------
def too_big_message(size: int) -> str:
    return _(
        "The file is too large: %(size)d bytes, over the limit of %(limit_mib)d MiB "
        "(%(limit)d bytes). Split it into smaller files."
    ) % {"size": size, "limit": MAX_UPLOAD_BYTES, "limit_mib": MAX_UPLOAD_BYTES // 2**20}


def read_upload(upload) -> list[Row]:
    """The rows of an uploaded file (a Django UploadedFile); raise UploadRefused."""
    if upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
        raise UploadRefused(too_big_message(upload.size))
    data = upload.read(MAX_UPLOAD_BYTES + 1)
    return read_file(upload.name or "", data)


def read_file(name: str, data: bytes) -> list[Row]:
    """The rows of a .csv or .xlsx file's content; raise UploadRefused."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise UploadRefused(too_big_message(len(data)))
    lowered = name.lower()
    if not lowered.endswith(EXTENSIONS):
        raise UploadRefused(
            _("“%(name)s” is neither a .csv nor a .xlsx file: upload one of those.")
            % {"name": name}
        )
    if not data:
        raise UploadRefused(_("The file “%(name)s” is empty.") % {"name": name})
    table = _xlsx_table(name, data) if lowered.endswith(".xlsx") else _csv_table(name, data)
    return _rows(table)


def _csv_table(name: str, data: bytes) -> Iterator[tuple[int, list[str]]]:
    if data.startswith(b"PK\x03\x04"):
        raise UploadRefused(
            _(
                "“%(name)s” is a spreadsheet workbook, not CSV text: save it as “CSV UTF-8”, or "
                "upload it with its .xlsx name."
            )
            % {"name": name}
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UploadRefused(
            _(
                "“%(name)s” is not UTF-8 text (byte %(position)d cannot be read): save it as "
                "“CSV UTF-8” and upload it again."
            )
            % {"name": name, "position": exc.start + 1}
        ) from exc
    if "\x00" in text:
        raise UploadRefused(_("“%(name)s” is not a text file.") % {"name": name})
    if not text.strip():
        raise UploadRefused(_("The file “%(name)s” is empty.") % {"name": name})
    first = text.lstrip("\r\n").splitlines()[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    return _csv_records(name, csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def _csv_records(name: str, reader) -> Iterator[tuple[int, list[str]]]:
    while True:
        line = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise UploadRefused(
                _("“%(name)s” cannot be read as CSV at line %(line)d: %(error)s")
                % {"name": name, "line": line, "error": exc}
            ) from exc
        yield line, cells


def _not_a_workbook(name: str) -> UploadRefused:
    return UploadRefused(
        _(
            "“%(name)s” is not an Excel workbook (.xlsx): its content is of another kind. Save "
            "it from your spreadsheet as .xlsx, or as “CSV UTF-8” with a .csv name."
        )
        % {"name": name}
    )


def _xlsx_table(name: str, data: bytes) -> Iterator[tuple[int, list[str]]]:
    if not data.startswith(b"PK\x03\x04"):
        raise _not_a_workbook(name)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError) as exc:
        raise _not_a_workbook(name) from exc
    if unpacked > MAX_XLSX_UNPACKED_BYTES:
        raise UploadRefused(
            _("“%(name)s” is too large once unpacked (%(size)d MiB): split it into smaller files.")
            % {"name": name, "size": unpacked // 2**20}
        )
    return _xlsx_records(name, data)


def _xlsx_records(name: str, data: bytes) -> Iterator[tuple[int, list[str]]]:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise _not_a_workbook(name) from exc
    try:
        sheets = workbook.worksheets
        if not sheets or not hasattr(sheets[0], "iter_rows"):
            raise _not_a_workbook(name)
        sheet = sheets[0]
        # The rows actually written, not the size a file declares for itself.
        sheet.reset_dimensions()
        rows = sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True)
        line = 0
        while True:
            try:
                values = next(rows)
            except StopIteration:
                return
            except UploadRefused:
                raise
            except Exception as exc:
                raise _not_a_workbook(name) from exc
            line += 1
            yield line, [_cell_text(v) for v in values]
    finally:
        workbook.close()


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value)


def _header_name(cell: str) -> str:
    name = cell.replace("\ufeff", "").strip().lower().replace(" ", "_")
    return _ALIASES.get(name, name)


def _read_header(cells: list[str]) -> list[str | None]:
    names = [_header_name(c) or None for c in cells]
    given = [n for n in names if n]
    listed = ", ".join(COLUMN_NAMES)
    if not any(n in COLUMN_NAMES for n in given):
        raise UploadRefused(
            _("The first line must name the columns (%(columns)s); this file's has none of them.")
            % {"columns": listed}
        )
    unknown = [n for n in given if n not in COLUMN_NAMES]
    if unknown:
        raise UploadRefused(
            ngettext(
                "Unknown column “%(names)s”. The columns are: %(columns)s.",
                "Unknown columns “%(names)s”. The columns are: %(columns)s.",
                len(unknown),
            )
            % {"names": "”, “".join(unknown), "columns": listed}
        )
    twice = sorted({n for n in given if given.count(n) > 1})
    if twice:
        raise UploadRefused(
            _("The column “%(name)s” is given twice.") % {"name": "”, “".join(twice)}
        )
    if "site_id" not in given and not {"site_name", "address"} <= set(given):
        raise UploadRefused(
            _(
                "The file needs a site_id column (for your registered sites) or site_name and "
                "address columns (for new sites)."
            )
        )
    return names


def _rows(table: Iterable[tuple[int, list[str]]]) -> list[Row]:
    records = iter(table)
    columns = None
    for _line, cells in records:
        if any(c.strip() for c in cells):
            columns = _read_header(cells)
            break
    if columns is None:
        raise UploadRefused(_("The file has no rows: its first line should name the columns."))
    rows: list[Row] = []
    too_many = UploadRefused(
        _("The file has more than %(n)d rows: split it into files of at most %(n)d rows.")
        % {"n": MAX_ROWS}
    )
    for line, cells in records:
        if line > MAX_SCANNED_LINES:
            raise too_many
        if not any(c.strip() for c in cells):
            continue
        if len(rows) == MAX_ROWS:
            raise too_many
        values: dict[str, str] = {}
        surplus = False
        for i, cell in enumerate(cells):
            name = columns[i] if i < len(columns) else None
            if name:
                values[name] = cell.strip()
            elif cell.strip():
                surplus = True
        rows.append(Row(line, values, surplus))
    if not rows:
        raise UploadRefused(_("The file has no rows under its first line (the column names)."))
    return rows


# ---------------------------------------------------------------------------------------------
# Checking rows
# ---------------------------------------------------------------------------------------------
@dataclass
class RowReport:
    line: int
    label: str
    errors: list[tuple[str, str]] = field(default_factory=list)  # (column, sentence)
    unchanged: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class Proposal:
    """One site's rows: the proposal filed for them and where each part came from."""

    site_id: int | None
    raw: dict
    lines: list[tuple[int, str]]  # (line, label) of each row
    site_lines: dict[str, int] = field(default_factory=dict)  # site field -> line
    service_lines: list[int] = field(default_factory=list)  # raw["services"][i] -> line
    site: Site | None = None
    payload: dict | None = None
    unchanged: bool = False

    @property
    def first_line(self) -> int:
        return self.lines[0][0]

    def as_data(self) -> dict:
        """What is kept in the session between the preview and the submission."""
        return {
            "site_id": self.site_id,
            "raw": self.raw,
            "lines": [list(pair) for pair in self.lines],
            "site_lines": self.site_lines,
            "service_lines": self.service_lines,
        }

    @classmethod
    def from_data(cls, data: dict) -> Proposal:
        return cls(
            site_id=data["site_id"],
            raw=data["raw"],
            lines=[(int(line), str(label)) for line, label in data["lines"]],
            site_lines={k: int(v) for k, v in data["site_lines"].items()},
            service_lines=[int(v) for v in data["service_lines"]],
        )


@dataclass
class Report:
    rows: dict[int, RowReport] = field(default_factory=dict)
    proposals: list[Proposal] = field(default_factory=list)

    def add(self, line: int, column: str, message: str) -> None:
        row = self.rows.get(line)
        if row is None:
            row = self.rows[line] = RowReport(line, "")
        if (column, str(message)) not in row.errors:
            row.errors.append((column, str(message)))

    @property
    def ok(self) -> bool:
        return all(r.ok for r in self.rows.values())

    @property
    def lines(self) -> list[RowReport]:
        return [self.rows[k] for k in sorted(self.rows)]

    @property
    def failed(self) -> list[RowReport]:
        return [r for r in self.lines if not r.ok]

    @property
    def to_file(self) -> list[Proposal]:
        return [p for p in self.proposals if not p.unchanged]

    @property
    def unchanged_lines(self) -> list[int]:
        return [r.line for r in self.lines if r.unchanged]


@dataclass
class _Parsed:
    row: Row
    errors: list[tuple[str, str]]
    key: tuple
    site_id: int | None
    site: dict
    service: dict | None
    label: str


def _whole_number(text: str) -> int | None:
    try:
        number = float(text.replace(",", "."))
    except ValueError:
        return None
    if not math.isfinite(number) or not number.is_integer():
        return None
    return int(number)


def _degrees(text: str) -> float | None:
    if "," in text and "." not in text:
        text = text.replace(",", ".")
    try:
        number = float(text)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _codes(text: str) -> list[str]:
    return [c.strip().lower() for c in _LIST_SPLIT.split(text) if c.strip()]


def _parse_row(row: Row) -> _Parsed:
    errors: list[tuple[str, str]] = []
    value = row.values.get
    if row.surplus:
        errors.append(
            (
                "",
                _(
                    "This row has a value under no column name: a value holding the separator "
                    "(comma or semicolon) must be in quotes."
                ),
            )
        )
    site_text = value("site_id", "")
    site_id = None
    if site_text:
        site_id = _whole_number(site_text)
        if site_id is None or site_id <= 0:
            site_id = None
            errors.append(
                ("site_id", _("“%(value)s” is not a site number.") % {"value": site_text})
            )

    site: dict = {}
    name, address = value("site_name", ""), value("address", "")
    if name:
        site["name"] = name
    if address:
        site["address"] = address
    lon_text, lat_text = value("lon", ""), value("lat", "")
    lon = lat = None
    for column, text in (("lon", lon_text), ("lat", lat_text)):
        if not text:
            continue
        number = _degrees(text)
        if number is None:
            errors.append((column, _("“%(value)s” is not a number.") % {"value": text}))
        elif column == "lon":
            lon = number
        else:
            lat = number
    if bool(lon_text) != bool(lat_text):
        errors.append(("lon/lat", _("Give both lon and lat, or neither.")))
    elif lon is not None and lat is not None:
        if 44 <= lon <= 46 and 7 <= lat <= 8:
            errors.append(
                (
                    "lon/lat",
                    _("lon and lat look swapped: in Turin lon is about 7.7 and lat about 45.07."),
                )
            )
        else:
            site["location"] = {"lon": lon, "lat": lat}
    org_text = value("organization_id", "")
    if org_text:
        org = _whole_number(org_text)
        if org is None:
            errors.append(
                (
                    "organization_id",
                    _("“%(value)s” is not an organisation number.") % {"value": org_text},
                )
            )
        else:
            site["organization"] = org

    service = None
    service_text = value("service_id", "")
    bad_service_id = False
    if service_text or any(value(c) for c in SERVICE_COLUMNS):
        service = {}
        if service_text:
            service_id = _whole_number(service_text)
            if service_id is None or service_id <= 0:
                bad_service_id = True
                errors.append(
                    (
                        "service_id",
                        _("“%(value)s” is not a service number.") % {"value": service_text},
                    )
                )
            else:
                service["id"] = service_id
        if value("category"):
            service["category"] = value("category").lower()
        if value("service_name"):
            service["name"] = value("service_name")
        for key in _TEXT_FIELDS:
            if value(key):
                service[key] = value(key)
        if value("capacity"):
            capacity = _whole_number(value("capacity"))
            if capacity is None or capacity < 0:
                errors.append(
                    (
                        "capacity",
                        _("“%(value)s” is not a whole number, 0 or more.")
                        % {"value": value("capacity")},
                    )
                )
            else:
                service["capacity"] = capacity
        if value("target_groups"):
            service["target_groups"] = _codes(value("target_groups"))
        if value("languages"):
            service["languages"] = _codes(value("languages"))
        if value("step_free_access"):
            answer = value("step_free_access").lower()
            if answer in _YES:
                service["step_free_access"] = True
            elif answer in _NO:
                service["step_free_access"] = False
            else:
                errors.append(
                    (
                        "step_free_access",
                        _("Answer yes or no (or leave the cell empty if not known)."),
                    )
                )
        if value("status"):
            status = value("status").lower()
            service["status"] = _STATUS_WORDS.get(status, status)
        if value("opening_hours"):
            try:
                intervals, holidays_off = hours_lib.parse_weekly(value("opening_hours"))
            except hours_lib.HoursError as exc:
                errors.append(("opening_hours", str(exc)))
            else:
                service["hours"] = [
                    {
                        "weekday": iv.weekday,
                        "opens_at": f"{iv.opens_at:%H:%M}",
                        "closes_at": f"{iv.closes_at:%H:%M}",
                        "valid_from": None,
                        "valid_to": None,
                    }
                    for iv in intervals
                ]
                service["closed_on_public_holidays"] = holidays_off
        if bad_service_id:
            service = None  # which service the row changes is not known

    if site_text:
        key = ("site", site_id if site_id is not None else f"line {row.line}")
    elif name or address:
        key = ("new", fold(name), normalise_address(address))
    else:
        key = ("line", row.line)
    site_label = name or (_("site %(id)s") % {"id": site_text} if site_text else "")
    service_label = value("service_name", "") or (
        _("service %(id)s") % {"id": service_text} if service_text else ""
    )
    label = " · ".join(p for p in (site_label, service_label) if p)
    return _Parsed(row, errors, key, site_id, site, service, label)


def _family(column: str) -> str:
    return "location" if column in {"lon", "lat", "lon/lat"} else column


def _same(field_name: str, a, b) -> bool:
    if field_name in {"name", "address"}:
        return fold(str(a)) == fold(str(b))
    return a == b


def check_rows(rows: list[Row], user) -> Report:
    """Check every row of a file for ``user``; the report lists each row's errors (or none)
    and the proposals the rows make. Nothing is stored."""
    report = Report()
    organisations = set(organisation_ids(user))
    parsed = [_parse_row(row) for row in rows]
    for p in parsed:
        report.rows[p.row.line] = RowReport(p.row.line, p.label, list(p.errors))
    groups: dict[tuple, list[_Parsed]] = {}
    for p in parsed:
        groups.setdefault(p.key, []).append(p)
    wanted = {p.site_id for p in parsed if p.site_id is not None}
    own = {s.pk: s for s in Site.objects.filter(pk__in=wanted, organization_id__in=organisations)}
    new_addresses: dict[str, int] = {}
    for key, members in groups.items():
        first = members[0]
        site = None
        if key[0] == "line":
            report.add(
                first.row.line,
                "site_id",
                _("Say which site: its site_id, or site_name and address for a new site."),
            )
            continue
        if key[0] == "site":
            if first.site_id is None:
                continue  # the row already says its site_id is not a number
            site = own.get(first.site_id)
            if site is None:
                # Another organisation's site is reported exactly as one that does not exist.
                for m in members:
                    report.add(
                        m.row.line,
                        "site_id",
                        _("site %(id)s is not one of your organisation's sites.")
                        % {"id": first.site_id},
                    )
                continue
        proposal = Proposal(
            site_id=site.pk if site else None,
            raw={},
            lines=[(m.row.line, m.label) for m in members],
            site=site,
        )
        site_raw: dict = {}
        for m in members:
            for name, value in m.site.items():
                if name not in site_raw:
                    site_raw[name] = value
                    proposal.site_lines[name] = m.row.line
                elif not _same(name, site_raw[name], value):
                    report.add(
                        m.row.line,
                        _SITE_FIELD_COLUMN[name],
                        _(
                            "This differs from line %(line)d, which gives another value for the "
                            "same site."
                        )
                        % {"line": proposal.site_lines[name]},
                    )
        services = []
        for m in members:
            if m.service is not None:
                services.append(m.service)
                proposal.service_lines.append(m.row.line)
        if site is None:
            address_key = key[2] if key[0] == "new" else None
            if address_key:
                if address_key in new_addresses:
                    report.add(
                        first.row.line,
                        "address",
                        _(
                            "Line %(line)d proposes another new site at this address: the "
                            "registry keeps one site per address."
                        )
                        % {"line": new_addresses[address_key]},
                    )
                else:
                    new_addresses[address_key] = first.row.line
            located = "location" in site_raw or any(
                _family(col) == "location" for m in members for col, _m in m.errors
            )
            if not located:
                report.add(
                    first.row.line,
                    "lon/lat",
                    _(
                        "A new site needs its location: lon and lat in degrees, such as 7.6858 "
                        "and 45.0712."
                    ),
                )
        proposal.raw = (
            {"site": site_raw, "services": services} if site_raw else {"services": services}
        )
        if site is not None:
            _check_seasons(report, site, services, proposal.service_lines)
        report.proposals.append(proposal)
        _clean(report, proposal, organisations)
    return report


def _check_seasons(report: Report, site: Site, services: list[dict], lines: list[int]) -> None:
    """A file gives weekly hours only: it cannot replace hours that run by season."""
    changing = {s.get("id"): line for s, line in zip(services, lines, strict=True) if "hours" in s}
    changing.pop(None, None)
    if not changing:
        return
    seasonal = set(
        OpeningHours.objects.filter(service__site=site, service_id__in=list(changing))
        .exclude(valid_from__isnull=True, valid_to__isnull=True)
        .values_list("service_id", flat=True)
    )
    for service_id in sorted(seasonal):
        report.add(
            changing[service_id],
            "opening_hours",
            _(
                "Service %(id)s has seasonal hours, which a file cannot give: change its hours in "
                "the portal."
            )
            % {"id": service_id},
        )


def _clean(report: Report, proposal: Proposal, organisations: set[int]) -> None:
    """Check the proposal with clean_proposal; put its errors on their rows and columns."""
    try:
        proposal.payload = clean_proposal(proposal.raw, organisations, proposal.site)
    except ProposalError as exc:
        if proposal.site is not None and exc.unchanged:
            proposal.unchanged = True
            for line, _label in proposal.lines:
                report.rows.setdefault(line, RowReport(line, _label)).unchanged = True
            return
        _map_errors(report, proposal, exc.errors)


def _map_errors(report: Report, proposal: Proposal, errors: dict[str, list[str]]) -> None:
    first = proposal.first_line
    # What the rows' own reading already found wrong is not said a second time.
    found = {
        (line, _family(column))
        for line, row in report.rows.items()
        for column, _message in row.errors
        if column
    }
    for path, messages in errors.items():
        parts = path.split(".")
        places: list[tuple[int, str]]
        if parts[0] == "site" and len(parts) > 1:
            column = _SITE_FIELD_COLUMN.get(parts[1], parts[1])
            places = [(proposal.site_lines.get(parts[1], first), column)]
        elif parts[0] == "services" and len(parts) > 1 and parts[1].isdecimal():
            index = int(parts[1])
            line = proposal.service_lines[index] if index < len(proposal.service_lines) else first
            column = _SERVICE_FIELD_COLUMN.get(parts[2], parts[2]) if len(parts) > 2 else ""
            places = [(line, column)]
        elif parts[0] == "services":
            places = []
        else:
            places = [(first, "")]
        for message in messages:
            where = places or _service_places(proposal, message)
            for line, column in where:
                if (line, _family(column)) not in found:
                    report.add(line, column, message)


def _service_places(proposal: Proposal, message: str) -> list[tuple[int, str]]:
    """Rows a message about the whole list of services is about: the new services it names."""
    services = proposal.raw.get("services", [])
    named = [
        (line, "service_name")
        for service, line in zip(services, proposal.service_lines, strict=True)
        if service.get("id") is None and service.get("name") and f"“{service['name']}”" in message
    ]
    return named or [(proposal.first_line, "service_name")]


def recheck(data: list[dict], user) -> Report:
    """Check again, as they are now, the proposals kept from a preview."""
    report = Report()
    organisations = set(organisation_ids(user))
    proposals = [Proposal.from_data(d) for d in data]
    wanted = {p.site_id for p in proposals if p.site_id is not None}
    own = {s.pk: s for s in Site.objects.filter(pk__in=wanted, organization_id__in=organisations)}
    for proposal in proposals:
        for line, label in proposal.lines:
            report.rows[line] = RowReport(line, label)
        if proposal.site_id is not None:
            proposal.site = own.get(proposal.site_id)
            if proposal.site is None:
                for line, _label in proposal.lines:
                    report.add(
                        line,
                        "site_id",
                        _("site %(id)s is not one of your organisation's sites.")
                        % {"id": proposal.site_id},
                    )
                continue
            _check_seasons(
                report, proposal.site, proposal.raw.get("services", []), proposal.service_lines
            )
        report.proposals.append(proposal)
        _clean(report, proposal, organisations)
        if proposal.unchanged:
            for line, _label in proposal.lines:
                report.add(
                    line, "", _("The site has changed since the preview: nothing would change now.")
                )
    return report


def file_proposals(report: Report, user) -> list[ChangeRequest]:
    """File one change request per proposal, all or none; raises ProposalError or
    PermissionDenied (and then nothing is stored)."""
    from geoplan.moderation.workflow import propose

    with transaction.atomic():
        return [
            propose(user, p.raw, p.site, source=ChangeRequest.Source.UPLOAD) for p in report.to_file
        ]


# ---------------------------------------------------------------------------------------------
# Preview: what each proposal would change, in words
# ---------------------------------------------------------------------------------------------
@dataclass
class Change:
    label: str
    now: list[str] | None  # None for a new record
    proposed: list[str]


@dataclass
class ServiceCard:
    new: bool
    name: str
    line: int
    changes: list[Change]


@dataclass
class Card:
    new: bool
    name: str
    address: str
    organisation: str
    lines: list[int]
    site_changes: list[Change]
    services: list[ServiceCard]
    warnings: list[str]


_SITE_LABELS = {
    "name": gettext_lazy("name"),
    "address": gettext_lazy("address"),
    "location": gettext_lazy("location"),
    "organization": gettext_lazy("organisation"),
}


def _service_label(key: str) -> str:
    if key == "hours":
        return str(gettext_lazy("opening hours"))
    return str(Service._meta.get_field(key).verbose_name)


def _hours_lines(rows: list[dict]) -> list[str]:
    if not rows:
        return [_("no weekly hours")]
    by_day: dict[int, list[str]] = {}
    seasonal = False
    for iv in hours_intervals(rows):
        seasonal = seasonal or bool(iv.valid_from or iv.valid_to)
        by_day.setdefault(iv.weekday, []).append(f"{iv.opens_at:%H:%M}–{iv.closes_at:%H:%M}")
    lines = [
        f"{OpeningHours.Weekday(day).label}: {', '.join(spans)}"
        for day, spans in sorted(by_day.items())
    ]
    if seasonal:
        lines.append(_("(and seasonal hours)"))
    return lines


class _Words:
    """Display values for a proposal's fields, in the current language."""

    def __init__(self):
        language = get_language() or "it"
        self.categories = {c.code: c.name(language) for c in ServiceCategory.objects.all()}
        self.groups = dict(TargetGroup.choices)
        self.languages = {code: str(label) for code, label in LANGUAGES}
        self.statuses = dict(Status.choices)
        self._orgs: dict[int, str] = {}

    def organisation(self, org_id) -> str:
        if org_id is None:
            return ""
        if org_id not in self._orgs:
            org = Organization.objects.filter(pk=org_id).only("name").first()
            self._orgs[org_id] = org.name if org else str(org_id)
        return self._orgs[org_id]

    def site_value(self, key: str, value) -> list[str]:
        if value in (None, ""):
            return [_("not given")]
        if key == "location":
            return [f"lon {value['lon']:.6f}, lat {value['lat']:.6f}"]
        if key == "organization":
            return [self.organisation(value)]
        return [str(value)]

    def service_value(self, key: str, value) -> list[str]:
        if key == "hours":
            return _hours_lines(value or [])
        if key in {"step_free_access", "closed_on_public_holidays"}:
            return [{True: _("yes"), False: _("no")}.get(value, _("not known"))]
        if value in (None, "", []):
            return [_("not given")]
        if key == "category":
            return [self.categories.get(value, value)]
        if key == "target_groups":
            return [", ".join(str(self.groups.get(v, v)) for v in value)]
        if key == "languages":
            return [", ".join(self.languages.get(v, v) for v in value)]
        if key == "status":
            return [str(self.statuses.get(value, value))]
        return [str(value)]


def preview(report: Report, user) -> list[Card]:
    """One card per proposal to file, saying what it creates or changes."""
    from geoplan.registry.checks import location_warnings

    words = _Words()
    cards = []
    for proposal in report.to_file:
        payload = proposal.payload or {}
        site = proposal.site
        now_site = snapshot_site(site) if site else {}
        proposed_site = payload.get("site", {})
        merged = {**now_site, **proposed_site}
        site_changes = [
            Change(
                str(_SITE_LABELS[key]),
                words.site_value(key, now_site[key]) if site else None,
                words.site_value(key, value),
            )
            for key, value in proposed_site.items()
        ]
        services = []
        current = (
            {
                s.pk: s
                for s in site.services.select_related("category").prefetch_related(
                    "schedules", "closures"
                )
            }
            if site
            else {}
        )
        lines = _service_lines(proposal)
        for service in payload.get("services", []):
            before = snapshot_service(current[service["id"]]) if service.get("id") else None
            line = lines(service)
            changes = []
            for key, value in service.items():
                if key in {"id", "closed_on_public_holidays", "closures"}:
                    continue
                changes.append(
                    Change(
                        _service_label(key),
                        words.service_value(key, before[key]) if before else None,
                        words.service_value(key, value),
                    )
                )
            if "closed_on_public_holidays" in service:
                key = "closed_on_public_holidays"
                changes.append(
                    Change(
                        _service_label(key),
                        words.service_value(key, before[key]) if before else None,
                        words.service_value(key, service[key]),
                    )
                )
            name = (before or {}).get("name") or service.get("name", "")
            services.append(ServiceCard(before is None, name, line, changes))
        warnings = []
        if merged.get("location") and (
            site is None or {"address", "location", "name"} & proposed_site.keys()
        ):
            warnings = [
                w.message
                for w in location_warnings(
                    merged.get("name", ""),
                    merged.get("address", ""),
                    merged["location"]["lon"],
                    merged["location"]["lat"],
                    exclude_site=site.pk if site else None,
                    visible_to=organisation_ids(user),
                )
            ]
        cards.append(
            Card(
                new=site is None,
                name=merged.get("name", ""),
                address=merged.get("address", ""),
                organisation=words.organisation(merged.get("organization")),
                lines=[line for line, _label in proposal.lines],
                site_changes=site_changes,
                services=services,
                warnings=warnings,
            )
        )
    return cards


def _service_lines(proposal: Proposal):
    """For each service of the cleaned payload, in order, the row it came from.

    The payload keeps the file's order and leaves out only services that do not change.
    """
    raw = list(zip(proposal.raw.get("services", []), proposal.service_lines, strict=True))
    position = 0

    def line_of(service: dict) -> int:
        nonlocal position
        while position < len(raw):
            raw_service, line = raw[position]
            position += 1
            if raw_service.get("id") == service.get("id"):
                return line
        return proposal.first_line

    return line_of


# ---------------------------------------------------------------------------------------------
# Empty templates to fill in
# ---------------------------------------------------------------------------------------------
def template_csv() -> bytes:
    """The header line, with a byte-order mark so that spreadsheets read it as UTF-8."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(COLUMN_NAMES)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def template_xlsx() -> bytes:
    """A workbook: the header on the first sheet, what each column holds on a second one."""
    import openpyxl
    from openpyxl.styles import Font

    language = get_language() or "it"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = _("sites")[:31]
    sheet.append(list(COLUMN_NAMES))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        sheet.column_dimensions[cell.column_letter].width = max(14, len(cell.value) + 4)
    sheet.freeze_panes = "A2"
    help_sheet = workbook.create_sheet(_("columns")[:31])
    help_sheet.append([_("column"), _("what it holds"), _("example")])
    for cell in help_sheet[1]:
        cell.font = Font(bold=True)
    for column in COLUMNS:
        help_sheet.append([column.name, str(column.help), column.example])
    help_sheet.append([])
    help_sheet.append([_("category codes")])
    help_sheet[help_sheet.max_row][0].font = Font(bold=True)
    for category in ServiceCategory.objects.all():
        help_sheet.append([category.code, category.name(language)])
    help_sheet.append([])
    help_sheet.append([_("target group codes")])
    help_sheet[help_sheet.max_row][0].font = Font(bold=True)
    for code, label in TargetGroup.choices:
        help_sheet.append([code, str(label)])
    help_sheet.append([])
    help_sheet.append([_("language codes")])
    help_sheet[help_sheet.max_row][0].font = Font(bold=True)
    for code, label in LANGUAGES:
        help_sheet.append([code, str(label)])
    help_sheet.column_dimensions["A"].width = 22
    help_sheet.column_dimensions["B"].width = 80
    help_sheet.column_dimensions["C"].width = 40
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
