"""Small shims over API differences between Sphinx 8 and 9."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.domains.std import StandardDomain
    from sphinx.environment import BuildEnvironment


def current_docname(env: BuildEnvironment) -> str:
    # env.current_document arrived in Sphinx 8.2; env.docname is deprecated from then on.
    current = getattr(env, "current_document", None)
    if current is not None:
        return current.docname
    return env.docname


def std_domain(env: BuildEnvironment) -> StandardDomain:
    domains = env.domains
    standard = getattr(domains, "standard_domain", None)
    if standard is not None:
        return standard
    return env.get_domain("std")  # type: ignore[return-value]
