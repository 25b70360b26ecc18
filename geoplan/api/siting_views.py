"""Being built."""

from .stub import NotYet


class Siting(NotYet):
    pass
