"""Incremental builds: rewrite exactly the pages whose late-rendered parts changed.

After reading, each page's *digest* is computed from what its views show and
what its references display (titles, previews). A page whose digest differs from
the one stored by the previous build is handed back to Sphinx to be rewritten;
nothing else is, and nothing is re-read.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from .bibliography import bibliography
from .domain import LitreviewDomain, get_domain
from .previews import episode_preview, term_preview
from .views.data import compute
from .views.specs import ViewKind

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def page_inputs(domain: LitreviewDomain, env: BuildEnvironment, docname: str) -> list[object]:
    """Everything the late-rendered parts of *docname* depend on."""
    inputs: list[object] = []
    for spec in domain.views.get(docname, ()):
        inputs.append((spec, compute(domain, env, spec, docname)))
        if spec.kind in TAG_LINKING_VIEWS:  # their data names tags, not the tags' pages
            inputs.append(("tag-pages", tag_pages(domain)))
    # Labels other than IDs are decided after reading (a new "2025b" elsewhere changes them).
    labels = bibliography(domain).labels
    for episode_id in dict.fromkeys(domain.citations.get(docname, ())):
        inputs.append(("episode", episode_id, episode_preview(domain, episode_id), labels.get(episode_id)))
    for key in dict.fromkeys(domain.term_uses.get(docname, ())):
        inputs.append(("term", key, term_preview(domain, key)))
    for target in dict.fromkeys([*domain.tag_refs.get(docname, ()), *domain.tag_lists.get(docname, ())]):
        tag = domain.tag(target)
        inputs.append(("tag", target, (tag.display, tag.docname) if tag else None))
    for target in dict.fromkeys(domain.topic_refs.get(docname, ())):
        topic = domain.topic(target)
        shown = (topic.docname, domain.topic_title(topic.docname), topic.summary) if topic else None
        inputs.append(("topic", target, shown))
    return inputs


#: Views linking tags whose data holds the tags' display forms only.
TAG_LINKING_VIEWS = frozenset({ViewKind.EPISODE_INDEX})


def tag_pages(domain: LitreviewDomain) -> tuple[tuple[str, str | None], ...]:
    """Every tag's page, once per build."""
    memo = domain.derived.tags
    if "pages" not in memo:
        memo["pages"] = tuple((key, info.docname) for key, info in domain.tag_table().items())
    return memo["pages"]  # type: ignore[no-any-return]


def digest(inputs: list[object]) -> bytes:
    return hashlib.blake2b(repr(inputs).encode(), digest_size=12).digest()


def pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated``: pages whose views or reference previews changed."""
    domain = get_domain(env)
    fresh: dict[str, bytes] = {}
    for docname in sorted(env.found_docs):
        inputs = page_inputs(domain, env, docname)
        if inputs:
            fresh[docname] = digest(inputs)
    stale = [doc for doc, value in fresh.items() if domain.digests.get(doc) != value]
    domain.digests.clear()
    domain.digests.update(fresh)
    return stale
