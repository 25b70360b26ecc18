"""Text normalisation shared by the importer and the model (accents and case ignored)."""

import re
import unicodedata


def fold(text: str) -> str:
    """Lower-case, strip accents, collapse spaces and punctuation."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_only = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9/]+", " ", ascii_only.lower()).strip()


def normalise_address(address: str) -> str:
    folded = fold(address)
    return re.sub(r"\s+torino$", "", folded).strip()
