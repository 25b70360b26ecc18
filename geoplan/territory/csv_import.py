"""What the CSV importers share: the error types and a reader that checks the header.

Used by the indicator import and the site import, so that a bad file is reported the same way
whichever importer reads it, from the command line or from the admin's upload page.
"""

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.utils.translation import gettext as _


@dataclass
class RowError:
    line: int
    reason: str

    def __str__(self):
        return _("line %(line)d: %(reason)s") % {"line": self.line, "reason": self.reason}


class ImportRejected(Exception):
    def __init__(self, errors: list[RowError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


def read_csv(text: str, columns: Iterable[str]) -> Iterator[tuple[int, dict]]:
    """Check the header now, then yield (line, row) for each record; raise ImportRejected.

    Keys are stripped of spaces; as in csv.DictReader, surplus fields sit under the key None
    and missing ones are None. The line is the file's line where the record ends (header = 1).
    """
    reader = csv.DictReader(io.StringIO(text))
    try:
        header = [h.strip() for h in (reader.fieldnames or ())]
    except csv.Error as exc:
        raise _unreadable(reader, exc) from exc
    missing = [c for c in columns if c not in header]
    if missing:
        raise ImportRejected(
            [RowError(1, _("missing column(s) %(cols)s") % {"cols": ", ".join(missing)})]
        )
    return _records(reader)


def _records(reader: csv.DictReader) -> Iterator[tuple[int, dict]]:
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise _unreadable(reader, exc) from exc
        yield reader.line_num, {(k.strip() if k is not None else None): v for k, v in row.items()}


def _unreadable(reader: csv.DictReader, exc: csv.Error) -> ImportRejected:
    # Malformed CSV (e.g. a field over the csv module's size limit) is a bad file like any
    # other, so it is reported as a rejection, not left to escape as a crash.
    # The DictReader's own line_num is updated only after a good record: ask the inner reader.
    return ImportRejected(
        [
            RowError(
                max(reader.reader.line_num, 1),
                _("the file cannot be read as CSV: %(error)s") % {"error": exc},
            )
        ]
    )
