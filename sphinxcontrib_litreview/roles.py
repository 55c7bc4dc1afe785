"""Roles ``{episode}``, ``{term}`` and ``{topic}``: cross-references that also record
who cites what, so back-links and counts can be built once every page is read."""

from __future__ import annotations

import re

from docutils import nodes
from docutils.nodes import Node, system_message
from sphinx import addnodes
from sphinx.util.docutils import SphinxRole
from sphinx.util.nodes import split_explicit_title

from .compat import current_docname
from .domain import LABEL_ATTRIBUTE, LABEL_BARE, LABEL_FULL, get_domain
from .model import term_key
from .tags import tag_key
from .text import squash
from .warnings_ import LitreviewWarning, warn


class LitreviewXRefRole(SphinxRole):
    """Common pieces: explicit titles, location, pending_xref construction."""

    reftype = ""

    @property
    def docname(self) -> str:
        return current_docname(self.env)

    def warn(self, kind: LitreviewWarning, message: str) -> None:
        warn(kind, message, location=(self.docname, self.lineno))

    def xref(self, target: str, title: str, explicit: bool) -> addnodes.pending_xref:
        classes = ["xref", "litreview", f"litreview-{self.reftype}"]
        node = addnodes.pending_xref(
            self.rawtext,
            refdomain="litreview",
            reftype=self.reftype,
            reftarget=target,
            # Only a topic's text comes from its target. Marking the rest explicit keeps
            # intersphinx from swapping "E026" for the inventory's "E026: title".
            refexplicit=explicit or self.reftype != "topic",
            refwarn=True,
            refdoc=self.docname,
        )
        text = nodes.inline(title, title, classes=classes)
        if self.reftype == "episode" and not explicit:
            text["support_smartquotes"] = False  # an ID is shown exactly as written
        node += text
        self.set_source_info(node)
        return node

    def split(self) -> tuple[bool, str, str]:
        explicit, title, target = split_explicit_title(self.text)
        return explicit, squash(title), squash(target)


class EpisodeRole(LitreviewXRefRole):
    """``{episode}`E026``, ``{episode}`E026,E011``, ``{episode}`text <E026>``."""

    reftype = "episode"

    def run(self) -> tuple[list[Node], list[system_message]]:
        explicit, title, target = self.split()
        ids = [part for part in re.split(r"[\s,;]+", target) if part]
        if not ids:
            self.warn(
                LitreviewWarning.BAD_ID,
                f"empty episode reference {self.rawtext!r}; write e.g. {{episode}}`E026`",
            )
            return [nodes.inline(self.rawtext, self.text)], []
        if explicit and len(ids) > 1:
            self.warn(
                LitreviewWarning.OPTION,
                f"custom text {title!r} names several episodes ({', '.join(ids)}); "
                "custom text takes one ID. Showing the IDs instead",
            )
            explicit = False
        pattern = self.config.litreview_episode_id_pattern
        domain = get_domain(self.env)
        # Labels other than the ID are known once every page is read: the references
        # are marked here and show their label when resolved (LitreviewDomain._labelled).
        mode = "id" if explicit else self.config.litreview_episode_label
        opening, separator, closing = _GROUPS.get(mode, _GROUPS["id"]) if len(ids) > 1 else ("", ", ", "")
        label = LABEL_BARE if mode == "numeric" and len(ids) > 1 else LABEL_FULL
        result: list[Node] = [nodes.Text(opening)] if opening else []
        for index, episode_id in enumerate(ids):
            if index:
                result.append(nodes.Text(separator))
            if re.fullmatch(pattern, episode_id) is None:
                self.warn(
                    LitreviewWarning.BAD_ID,
                    f"{episode_id!r} is not a valid episode ID (pattern '{pattern}'); "
                    "it is shown as plain text",
                )
                result.append(nodes.inline(episode_id, episode_id, classes=["litreview-bad-id"]))
                continue
            domain.note_citation(self.docname, episode_id)
            xref = self.xref(episode_id, title if explicit else episode_id, explicit)
            if mode != "id":
                xref[LABEL_ATTRIBUTE] = label
            result.append(xref)
        if closing:
            result.append(nodes.Text(closing))
        return result, []


#: How the references of one ``{episode}`E1,E2``` read, for each label mode:
#: (opening, separator, closing), as ``references.labels.citation_group`` joins labels.
_GROUPS = {
    "id": ("", ", ", ""),
    "title": ("", ", ", ""),
    "author-year": ("(", "; ", ")"),
    "numeric": ("[", ", ", "]"),
}


class SingleTargetRole(LitreviewXRefRole):
    """A role naming one object: warn on an empty target, record the use, link it."""

    empty_warning = LitreviewWarning.UNKNOWN_TERM
    example = ""

    def note(self, target: str) -> str:
        """Record the use of *target*; return the reference target to resolve."""
        raise NotImplementedError

    def run(self) -> tuple[list[Node], list[system_message]]:
        explicit, title, target = self.split()
        if not target:
            self.warn(
                self.empty_warning,
                f"empty {self.reftype} reference {self.rawtext!r}; write e.g. {self.example}",
            )
            return [nodes.inline(self.rawtext, self.text)], []
        return [self.xref(self.note(target), title, explicit)], []


class TermRole(SingleTargetRole):
    """``{litreview:term}`entropy``: a litreview term first, else a glossary term;
    case-insensitive, aliases too. (Unprefixed ``{term}`` is Sphinx's own role, which
    finds litreview terms as well: see ``LitreviewDomain.register_std_terms``.)"""

    reftype = "term"
    empty_warning = LitreviewWarning.UNKNOWN_TERM
    example = "{litreview:term}`entropy`"

    def note(self, target: str) -> str:
        # The use itself is recorded from the page's references (process_doc), as for
        # the standard role. The normalised key is what objects.inv lists.
        return term_key(target)


class TopicRole(SingleTargetRole):
    """``{topic}`training-methods``: the topic's title, linking to it."""

    reftype = "topic"
    empty_warning = LitreviewWarning.UNKNOWN_TOPIC
    example = "{topic}`training-methods`"

    def note(self, target: str) -> str:
        get_domain(self.env).note_topic_ref(self.docname, target)
        return target


class TagRole(SingleTargetRole):
    """``{tag}`rl``: the tag's page, linked with the tag's display form (any case, or
    an alias, finds it); ``{tag}`these papers <rl>`` with text of its own."""

    reftype = "tag"
    empty_warning = LitreviewWarning.UNKNOWN_TOPIC
    example = "{tag}`rl`"

    def note(self, target: str) -> str:
        # Recorded from the page's references (process_doc), as tags of episodes are.
        return tag_key(target)

    def xref(self, target: str, title: str, explicit: bool) -> addnodes.pending_xref:
        node = super().xref(target, title, explicit)
        # The display form replaces the text (tags.ShowTagForms), and intersphinx may
        # take it from another project's inventory.
        node["refexplicit"] = explicit
        return node
