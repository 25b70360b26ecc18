"""Being built."""

from .stub import NotYet


class NeedProfileDetail(NotYet):
    pass
