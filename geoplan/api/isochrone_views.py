"""Being built."""

from .stub import NotYet


class Isochrones(NotYet):
    pass
