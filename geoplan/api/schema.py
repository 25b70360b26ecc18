"""The OpenAPI document's hooks (drf-spectacular)."""


def drop_unslashed_twins(endpoints):
    """Some endpoints answer with and without a trailing slash (a POST cannot follow a
    redirect): the document lists each once, with the slash."""
    paths = {path for path, *_rest in endpoints}
    return [
        endpoint
        for endpoint in endpoints
        if endpoint[0].endswith("/") or f"{endpoint[0]}/" not in paths
    ]
