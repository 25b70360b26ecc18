"""Idempotent updates shared by the loaders and importers: only fields whose value changed."""


def assign_changed(obj, values: dict) -> list[str]:
    """Set on ``obj`` the fields whose value differs; return their names (empty: unchanged).

    Geometries are compared with a tolerance (1e-9°), so a value that went through WKB and
    back does not count as a change.
    """
    changed = []
    for name, new in values.items():
        current = getattr(obj, name)
        if hasattr(current, "equals_exact") and hasattr(new, "equals_exact"):
            same = current.equals_exact(new, tolerance=1e-9)
        else:
            same = current == new
        if not same:
            setattr(obj, name, new)
            changed.append(name)
    return changed
