"""Being built."""

from .stub import NotYet


class ScenarioList(NotYet):
    pass


class ScenarioDetail(NotYet):
    pass


class ScenarioEdits(NotYet):
    pass


class ScenarioEditDetail(NotYet):
    pass


class ScenarioResults(NotYet):
    pass


class ScenarioCompare(NotYet):
    pass


class ScenarioFromPlanned(NotYet):
    pass
