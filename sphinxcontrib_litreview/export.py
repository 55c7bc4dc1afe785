"""``litreview.json``: the review's objects and their edges, for other tools.

Written at ``build-finished`` (successful builds only) by HTML-format builders that
publish a browsable site: ``html``, ``dirhtml``, ``singlehtml`` and the serialising
HTML builders (``json``, ``pickle``). Embedded HTML builders such as ``epub`` are
skipped (they pack their files before ``build-finished``), and so are non-HTML
builders (latex, text, man, …), which have no page URIs to point at.

Every URI is relative to the output directory and equals the one ``objects.inv``
holds for the same object. The file is rewritten only when its content changes,
so file watchers (sphinx-autobuild) do not loop. Its shape is described by
``litreview.schema.json`` next to this module.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .bibliography import bibliography
from .domain import LitreviewDomain, get_domain
from .files import write_if_changed

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

EXPORT_FILENAME = "litreview.json"
SCHEMA_PATH = Path(__file__).resolve().parent / "litreview.schema.json"
#: Bump when a consumer of the file would need to change; described by the schema.
EXPORT_VERSION = 1


def wants_export(builder: Builder) -> bool:
    """Builders whose output is a browsable site that the URIs can point into."""
    return builder.format == "html" and not getattr(builder, "embedded", False)


def page_uri(builder: Builder, docname: str, anchor: str = "") -> str:
    """The URI of *docname* (and *anchor* on it) relative to the output directory."""
    uri = builder.get_target_uri(docname)
    if uri.startswith("#"):
        # singlehtml: every page is a fragment of the root page.
        root = builder.config.root_doc
        uri = root + getattr(builder, "out_suffix", ".html") + uri
    if anchor:
        # An object's own anchor replaces a page fragment (ids are unique on singlehtml).
        uri = uri.split("#", 1)[0] + "#" + anchor
    return uri


def build_export(domain: LitreviewDomain, builder: Builder) -> dict[str, Any]:
    """The export document: plain JSON data, every list in a stable order."""
    derived = domain.derived
    page_uris: dict[str, str] = {}

    def uri(docname: str, anchor: str = "") -> str:
        # One lookup per page: a term's Used in pages recur across thousands of terms.
        if docname not in page_uris:
            page_uris[docname] = page_uri(builder, docname)
        found = page_uris[docname]
        return found.split("#", 1)[0] + "#" + anchor if anchor else found

    defined = {episode.id for episode in domain.episodes()}
    bib = bibliography(domain)
    topic_id = {docname: topic.id for docname, topic in domain.topics.items()}

    episodes = []
    for episode in domain.episodes():
        cited_by = derived.cited_by.get(episode.id, {})
        episodes.append({
            "id": episode.id,
            "title": episode.title,
            "authors": list(episode.authors),
            "year": episode.year,
            "venue": episode.venue,
            "url": episode.url,
            "doi": episode.doi,
            "tags": list(episode.tags),
            "summary": episode.summary,
            "type": episode.type,
            "editors": list(episode.editors),
            "volume": episode.volume,
            "issue": episode.issue,
            "pages": episode.pages,
            "publisher": episode.publisher,
            "isbn": episode.isbn,
            "accessed": episode.accessed,
            "title_rich": episode.rich_title,
            "venue_rich": episode.rich_venue,
            "reference": bib.references.get(episode.id),
            "label": bib.labels.get(episode.id, episode.id),
            "catalog": episode.catalog or None,
            "docname": episode.docname,
            "anchor": episode.anchor,
            "uri": uri(episode.docname, episode.anchor),
            "citations": derived.citation_totals.get(episode.id, 0),
            "cited_by": sorted(
                ({"topic": topic_id[doc], "docname": doc, "count": count}
                 for doc, count in cited_by.items()),
                key=lambda edge: (edge["topic"], edge["docname"]),
            ),
        })

    topics = []
    for docname, topic in sorted(domain.topics.items(), key=lambda kv: (kv[1].id, kv[0])):
        # Edges point only at defined episodes; the build has warned about the others.
        cited: dict[str, int] = {}
        for episode_id in domain.citations.get(docname, ()):
            if episode_id in defined:
                cited[episode_id] = cited.get(episode_id, 0) + 1
        topics.append({
            "id": topic.id,
            "title": domain.topic_title(docname),
            "summary": topic.summary,
            "docname": docname,
            "uri": uri(docname),
            # Declared order is the author's ranking: kept, duplicates dropped.
            "anchors": [a for a in dict.fromkeys(topic.anchors) if a in defined],
            "cites": [{"episode": eid, "count": n} for eid, n in sorted(cited.items())],
        })

    terms = []
    for term in domain.terms():
        uses = derived.term_use_counts
        terms.append({
            "name": term.name,
            "key": term.key,
            "aliases": list(term.aliases),
            "definition": term.definition,
            "docname": term.docname,
            "anchor": term.anchor,
            "uri": uri(term.docname, term.anchor),
            "used_in": [
                {
                    "docname": doc,
                    "title": domain.topic_title(doc),
                    "uri": uri(doc),
                    "count": uses[(term.key, doc)],
                }
                for doc in derived.term_used_in.get(term.key, ())  # already sorted
            ],
        })

    return {"version": EXPORT_VERSION, "episodes": episodes, "topics": topics, "terms": terms}


def dumps(data: dict[str, Any]) -> str:
    """JSON with one object per line: diffs well, and stays on the fast C encoder.

    (``json.dumps(indent=...)`` falls back to the pure-Python encoder, which took
    seconds per build on a review of thousands of episodes.)
    """
    encode = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode
    lines = ["{"]
    for index, (key, value) in enumerate(data.items()):
        comma = "," if index < len(data) - 1 else ""
        if isinstance(value, list) and value:
            items = [f"    {encode(item)}" for item in value]
            lines.append(f"  {encode(key)}: [")
            lines.append(",\n".join(items))
            lines.append(f"  ]{comma}")
        else:
            lines.append(f"  {encode(key)}: {encode(value)}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def write_export(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``: write ``litreview.json`` after a successful build."""
    if exception is not None or not app.config.litreview_export:
        return
    if not wants_export(app.builder):
        return
    data = build_export(get_domain(app.env), app.builder)
    text = dumps(data)
    write_if_changed(Path(app.outdir) / EXPORT_FILENAME, text.encode("utf-8"))


def setup_export(app: Sphinx) -> None:
    app.connect("build-finished", write_export)
