"""Being built."""

from .stub import NotYet


class KpiList(NotYet):
    pass
