"""Access to the data files kg ships: ``schema/`` and ``queries/``.

They live at the top of the repository, where people read and edit them, and
are installed as the packages ``kg.schema`` and ``kg.queries``.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

__all__ = ["schema_text", "load_yaml", "query_text", "schema_digest"]


def schema_text(name: str) -> str:
    return resources.files("kg.schema").joinpath(name).read_text(encoding="utf-8")


def query_text(name: str) -> str:
    """The Cypher of ``queries/NAME.cypher``."""
    return resources.files("kg.queries").joinpath(f"{name}.cypher").read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def load_yaml(name: str):
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: 10x faster
    return yaml.load(schema_text(name), Loader=loader)


def schema_digest(*names: str) -> str:
    """A digest of schema files: results extracted with other data are stale."""
    import hashlib

    digest = hashlib.sha256()
    for name in names:
        digest.update(schema_text(name).encode("utf-8"))
    return digest.hexdigest()[:16]
