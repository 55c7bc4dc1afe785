"""Deterministic benchmark corpus: one review, written two ways.

The *model* (episodes, terms, topics and the prose around every citation and term
use) is drawn once from a seeded generator; two writers then render it:

* ``plain`` — only Sphinx and MyST built-ins, in the lean layout a careful author
  would choose by hand: orphan episode pages with a ``(episode-E0001)=`` label, an
  index page of ``{ref}`` links, Sphinx's ``glossary`` directive, ``{ref}`` citations
  and ``{term}`` uses.
* ``litreview`` — the extension: a YAML catalog, ``term`` directives, ``topic-page``
  and ``episode-list`` on every topic, ``{episode}`` citations, ``{term}`` uses.

Both carry the same words, so build-cost ratios measure the extension, not the text.

Run ``python benchmarks/corpus.py --size tiny --out /tmp/corpus`` to look at one.
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

FLAVOURS = ("plain", "litreview")

#: Label shown at the start of a topic header, as ``litreview_title`` renders it.
REVIEW_TITLE = "Literature review"


@dataclass(frozen=True)
class Size:
    """How big a corpus is."""

    name: str
    episodes: int
    topics: int
    citations_per_topic: int
    terms: int
    uses_per_term: int
    anchors_per_topic: int = 5
    #: How many distinct tags the episodes share: a curated vocabulary, one tag per
    #: fifty episodes or so, as a review's authors keep it.
    tags: int = 0


SIZES: dict[str, Size] = {
    s.name: s
    for s in (
        Size("tiny", episodes=24, topics=3, citations_per_topic=8, terms=10, uses_per_term=3, tags=4),
        Size("small", episodes=300, topics=30, citations_per_topic=40, terms=100, uses_per_term=30, tags=6),
        Size("medium", episodes=2000, topics=100, citations_per_topic=40, terms=400, uses_per_term=30, tags=40),
        Size("large", episodes=5000, topics=200, citations_per_topic=40, terms=1000, uses_per_term=30, tags=100),
        Size("huge", episodes=20000, topics=500, citations_per_topic=40, terms=2000, uses_per_term=30, tags=400),
    )
}


# --------------------------------------------------------------------------- model


@dataclass(frozen=True)
class Episode:
    id: str
    title: str
    authors: tuple[str, ...]
    year: int
    venue: str
    url: str
    tags: tuple[str, ...]
    #: Sentences of the summary; the first one is what listings show.
    summary: tuple[str, ...]

    @property
    def label(self) -> str:
        # The extension's own anchor is ``episode-<id casefolded>``; the plain flavour
        # keeps the ID's case, which std labels fold anyway.
        return f"episode-{self.id}"


@dataclass(frozen=True)
class Term:
    name: str
    aliases: tuple[str, ...]
    definition: str


@dataclass(frozen=True)
class Citation:
    episode: str
    #: Custom link text, or "" for the bare ID.
    text: str = ""


@dataclass(frozen=True)
class TermUse:
    term: str
    #: What the reader sees: the term, an alias, or other words (then ``text <term>``).
    text: str
    explicit: bool = False


Mention = Citation | TermUse
#: A sentence is a run of words with mentions spliced in between.
Sentence = tuple[str | Mention, ...]
#: Sections of a topic, each a title and paragraphs of sentences.
Sections = tuple[tuple[str, tuple[tuple[Sentence, ...], ...]], ...]


@dataclass(frozen=True)
class Topic:
    slug: str
    title: str
    summary: str
    anchors: tuple[str, ...]
    sections: Sections


@dataclass(frozen=True)
class Corpus:
    size: Size
    seed: int
    title: str
    intro: str
    episodes: tuple[Episode, ...]
    terms: tuple[Term, ...]
    topics: tuple[Topic, ...]

    def episode(self, episode_id: str) -> Episode:
        return self.episodes[int(episode_id[1:]) - 1]


_ONSETS = ("b", "c", "d", "f", "g", "l", "m", "n", "p", "r", "s", "t", "v", "st", "tr", "pl")
_NUCLEI = ("a", "e", "i", "o", "u", "ai", "ea", "io", "ou")
_CODAS = ("", "", "n", "r", "s", "l", "nt", "st", "x")
_VENUES = ("arXiv", "NeurIPS", "ICML", "ICLR", "ACL", "EMNLP", "TMLR", "JMLR", "Blog post")
_SURNAMES_N = 400


class _Words:
    """A fixed pseudo-English vocabulary drawn from syllables, so text is reproducible."""

    def __init__(self, rng: random.Random, size: int = 3000) -> None:
        seen: set[str] = set()
        words: list[str] = []
        while len(words) < size:
            word = "".join(
                rng.choice(_ONSETS) + rng.choice(_NUCLEI) + rng.choice(_CODAS) for _ in range(rng.choice((1, 2, 2, 3)))
            )
            if word not in seen:
                seen.add(word)
                words.append(word)
        self.words = words
        self.rng = rng

    def take(self, count: int) -> list[str]:
        return [self.rng.choice(self.words) for _ in range(count)]

    def sentence(self, low: int = 8, high: int = 16) -> str:
        words = self.take(self.rng.randint(low, high))
        return " ".join(words).capitalize() + "."

    def phrase(self, low: int = 2, high: int = 5) -> str:
        return " ".join(self.take(self.rng.randint(low, high)))


def build_corpus(size: Size, seed: int = 20260, tags: int | None = None) -> Corpus:
    """Draw the whole review from *seed*; the same arguments give the same corpus.
    *tags*: how many distinct tags (default the size's; 0 for the whole vocabulary)."""
    rng = random.Random(f"{seed}:{size.name}")
    words = _Words(rng)

    surnames = sorted({w.capitalize() for w in words.take(_SURNAMES_N)})
    width = max(4, len(str(size.episodes)))
    episodes = tuple(
        Episode(
            id=f"E{n:0{width}d}",
            title=words.phrase(4, 9).capitalize(),
            authors=tuple(f"{rng.choice(surnames)}, {rng.choice(surnames)}" for _ in range(rng.randint(1, 4))),
            year=rng.randint(2015, 2026),
            venue=rng.choice(_VENUES),
            url=f"https://example.org/papers/{n:0{width}d}",
            tags=tuple(sorted(set(words.take(rng.randint(1, 3))))),
            summary=tuple(words.sentence() for _ in range(rng.randint(2, 4))),
        )
        for n in range(1, size.episodes + 1)
    )

    term_names: list[str] = []
    taken: set[str] = set()
    while len(term_names) < size.terms:
        name = words.phrase(1, 3)
        if name not in taken:
            taken.add(name)
            term_names.append(name)
    terms: list[Term] = []
    for index, name in enumerate(term_names):
        aliases: tuple[str, ...] = ()
        if index % 4 == 0:
            alias = f"{name} {rng.choice(('variant', 'family', 'effect', 'regime'))}"
            if alias not in taken:
                taken.add(alias)
                aliases = (alias,)
        terms.append(Term(name, aliases, " ".join(words.sentence() for _ in range(2))))

    # Every term is used exactly uses_per_term times, spread evenly over the topics.
    uses: list[TermUse] = []
    for term in terms:
        for n in range(size.uses_per_term):
            if term.aliases and n % 3 == 1:
                uses.append(TermUse(term.name, term.aliases[0]))
            elif n % 5 == 2:
                uses.append(TermUse(term.name, words.phrase(1, 2), explicit=True))
            else:
                uses.append(TermUse(term.name, term.name))
    rng.shuffle(uses)

    topics: list[Topic] = []
    ids = [e.id for e in episodes]
    for t in range(size.topics):
        my_uses = uses[t :: size.topics]
        # A topic cites a handful of episodes several times, the rest once.
        distinct = rng.sample(ids, min(len(ids), max(1, size.citations_per_topic * 3 // 4)))
        cited = distinct + [rng.choice(distinct) for _ in range(size.citations_per_topic - len(distinct))]
        rng.shuffle(cited)
        citations = [Citation(e, words.phrase(1, 3) if n % 7 == 3 else "") for n, e in enumerate(cited)]
        mentions: list[Mention] = [*citations, *my_uses]
        rng.shuffle(mentions)
        title, summary = words.phrase(2, 5).capitalize(), words.sentence(10, 18)
        sections = _sections(mentions, words, rng)
        # The anchors are the first episodes the prose cites, so the default order of
        # episode-list (first citation) and the plain flavour's hand-written list agree.
        in_order = dict.fromkeys(c.episode for c in _citations(sections))
        anchors = tuple(in_order)[: size.anchors_per_topic]
        topics.append(Topic(f"topic-{t + 1:03d}", title, summary, anchors, sections))

    episodes = _curated_tags(episodes, size.tags if tags is None else tags, seed)
    return Corpus(
        size=size,
        seed=seed,
        title="Benchmark review",
        intro=" ".join(words.sentence() for _ in range(4)),
        episodes=episodes,
        terms=tuple(terms),
        topics=tuple(topics),
    )


def _curated_tags(episodes: tuple[Episode, ...], count: int, seed: int) -> tuple[Episode, ...]:
    """*episodes* with their tags mapped onto *count* of them (seeded on its own, so the
    rest of the corpus is drawn as before): drawn from the whole vocabulary, most tags
    would sit on one or two episodes, a page each."""
    if not count:
        return episodes
    rng = random.Random(f"{seed}:tags:{count}")
    names = sorted({tag for episode in episodes for tag in episode.tags})
    vocabulary = rng.sample(names, min(count, len(names)))
    mapping = {name: rng.choice(vocabulary) for name in names}
    return tuple(dataclasses.replace(e, tags=tuple(sorted({mapping[t] for t in e.tags}))) for e in episodes)


def _citations(sections: Sections) -> Iterator[Citation]:
    for _, paragraphs in sections:
        for paragraph in paragraphs:
            for sentence in paragraph:
                yield from (part for part in sentence if isinstance(part, Citation))


def _sections(mentions: list[Mention], words: _Words, rng: random.Random) -> Sections:
    """Prose holding *mentions*, about two per sentence, plus some sentences without any."""
    sentences: list[Sentence] = []
    queue = list(mentions)
    while queue or len(sentences) < 6:
        parts: list[str | Mention] = []
        for _ in range(rng.choice((0, 1, 2, 2, 3)) if queue else 0):
            if not queue:
                break
            parts.append(" ".join(words.take(rng.randint(2, 6))))
            parts.append(queue.pop())
        parts.append(" ".join(words.take(rng.randint(3, 8))))
        sentences.append(tuple(parts))
    paragraphs = [tuple(sentences[i : i + 5]) for i in range(0, len(sentences), 5)]
    return tuple((words.phrase(2, 4).capitalize(), tuple(paragraphs[i : i + 4])) for i in range(0, len(paragraphs), 4))


# --------------------------------------------------------------------------- writers


def _sentence_text(sentence: Sentence, mention: Callable[[Mention], str]) -> str:
    text = " ".join(part if isinstance(part, str) else mention(part) for part in sentence)
    return text[:1].upper() + text[1:] + "."


def _ref(episode: Episode, text: str = "") -> str:
    return f"{{ref}}`{text or episode.id} <{episode.label}>`"


def _tag_ref(tag: str) -> str:
    return f"{{ref}}`{tag} <tag-{tag}>`"


def _term_role(use: TermUse) -> str:
    return f"{{term}}`{use.text} <{use.term}>`" if use.explicit else f"{{term}}`{use.text}`"


def _toctree(corpus: Corpus) -> str:
    entries = "\n".join(f"topics/{t.slug}" for t in corpus.topics)
    return f"```{{toctree}}\n:maxdepth: 1\n\n{entries}\nglossary\nepisodes/index\n```\n"


def _conf(corpus: Corpus, flavour: str, extra: str = "") -> str:
    lines = [
        f"project = {corpus.title!r}",
        'author = "benchmarks"',
        'exclude_patterns = ["_build"]',
        'html_theme = "alabaster"',
    ]
    if flavour == "plain":
        lines.append('extensions = ["myst_parser"]')
    else:
        lines.append('extensions = ["myst_parser", "sphinxcontrib_litreview"]')
        lines.append('litreview_catalog = ["episodes.yaml"]')
    lines.append('myst_enable_extensions = ["colon_fence", "fieldlist"]')
    if extra:
        lines.append(extra)
    return "\n".join(lines) + "\n"


def _index(corpus: Corpus) -> str:
    return f"# {corpus.title}\n\n{corpus.intro}\n\n{_toctree(corpus)}"


def _first_sentence(episode: Episode) -> str:
    return episode.summary[0]


def write_plain(corpus: Corpus, root: Path, conf_extra: str = "") -> Iterator[tuple[Path, str]]:
    yield root / "index.md", _index(corpus)

    lines = ["# Episodes", ""]
    lines += [f"- {_ref(e)} {e.title}" for e in corpus.episodes]
    yield root / "episodes" / "index.md", "\n".join(lines) + "\n"

    for e in corpus.episodes:
        yield (
            root / "episodes" / f"{e.id}.md",
            "---\norphan: true\n---\n\n"
            f"({e.label})=\n# {e.id}: {e.title}\n\n"
            f":Authors: {'; '.join(e.authors)}\n"
            f":Year: {e.year}\n"
            f":Venue: {e.venue}\n"
            f":URL: <{e.url}>\n"
            f":Tags: {', '.join(_tag_ref(t) for t in e.tags)}\n\n"
            f"{' '.join(e.summary)}\n",
        )

    # A page per tag, as the extension writes: its episodes, and the topics citing each.
    cited_in: dict[str, list[Topic]] = {}
    for topic in corpus.topics:
        for episode_id in dict.fromkeys(c.episode for c in _citations(topic.sections)):
            cited_in.setdefault(episode_id, []).append(topic)
    tagged: dict[str, list[Episode]] = {}
    for e in corpus.episodes:
        for tag in e.tags:
            tagged.setdefault(tag, []).append(e)
    for tag, members in sorted(tagged.items()):
        page = ["---\norphan: true\n---\n", f"(tag-{tag})=", f"# Tag: {tag}", ""]
        for e in members:
            page.append(f"- {_ref(e)} {e.title} ({e.year}). {_first_sentence(e)}")
            topics = cited_in.get(e.id, ())
            if topics:
                page.append("  Cited in: " + ", ".join(f"{{doc}}`/topics/{t.slug}`" for t in topics))
        yield root / "episodes" / "tags" / f"{tag}.md", "\n".join(page) + "\n"

    glossary = ["# Glossary", "", ":::{glossary}"]
    for t in corpus.terms:
        glossary += [t.name, *t.aliases, f"   {t.definition}", ""]
    glossary.append(":::")
    yield root / "glossary.md", "\n".join(glossary) + "\n"

    def mention(m: Mention) -> str:
        if isinstance(m, Citation):
            return _ref(corpus.episode(m.episode), m.text)
        return _term_role(m)

    for topic in corpus.topics:
        count = len(topic.anchors)
        plural = "episode" if count == 1 else "episodes"
        out = [
            f"# {topic.title}",
            "",
            f"{REVIEW_TITLE} · {count} {plural}",
            "",
            "{doc}`Glossary → </glossary>`",
            "",
            topic.summary,
            "",
        ]
        for anchor in topic.anchors:
            e = corpus.episode(anchor)
            out.append(f"- {_ref(e)} {e.title} ({e.year}). {_first_sentence(e)}")
        out.append("")
        out += _topic_body(topic, mention)
        yield root / "topics" / f"{topic.slug}.md", "\n".join(out)

    yield root / "conf.py", _conf(corpus, "plain", conf_extra)


def write_litreview(corpus: Corpus, root: Path, conf_extra: str = "") -> Iterator[tuple[Path, str]]:
    yield root / "index.md", _index(corpus)

    records = [
        {
            "id": e.id,
            "title": e.title,
            "authors": list(e.authors),
            "year": e.year,
            "venue": e.venue,
            "url": e.url,
            "tags": list(e.tags),
            "summary": " ".join(e.summary),
        }
        for e in corpus.episodes
    ]
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    yield (
        root / "episodes.yaml",
        yaml.dump(records, Dumper=dumper, sort_keys=False, allow_unicode=True, width=1000),
    )

    glossary = ["# Glossary", ""]
    for t in corpus.terms:
        glossary.append(f":::{{term}} {t.name}")
        if t.aliases:
            glossary.append(f":aliases: {', '.join(t.aliases)}")
        glossary += [t.definition, ":::", ""]
    yield root / "glossary.md", "\n".join(glossary)

    def mention(m: Mention) -> str:
        if isinstance(m, Citation):
            return f"{{episode}}`{m.text} <{m.episode}>`" if m.text else f"{{episode}}`{m.episode}`"
        return _term_role(m)

    for topic in corpus.topics:
        out = [
            f"# {topic.title}",
            "",
            ":::{topic-page}",
            f":summary: {topic.summary}",
            f":anchors: {' '.join(topic.anchors)}",
            ":::",
            "",
            ":::{episode-list}",
            ":::",
            "",
        ]
        out += _topic_body(topic, mention)
        yield root / "topics" / f"{topic.slug}.md", "\n".join(out)

    yield root / "conf.py", _conf(corpus, "litreview", conf_extra)


def _topic_body(topic: Topic, mention: Callable[[Mention], str]) -> list[str]:
    out: list[str] = []
    for title, paragraphs in topic.sections:
        out += [f"## {title}", ""]
        for paragraph in paragraphs:
            out += [" ".join(_sentence_text(s, mention) for s in paragraph), ""]
    return out


def citation_sentence(corpus: Corpus, flavour: str, episode_id: str, n: int) -> str:
    """A paragraph citing *episode_id*, as the incremental-build edit appends it."""
    e = corpus.episode(episode_id)
    role = _ref(e) if flavour == "plain" else f"{{episode}}`{e.id}`"
    return f"\nEdit {n} of this topic now also cites {role} for the benchmark.\n"


def uncited_episode(corpus: Corpus, topic: Topic, n: int) -> str:
    """The *n*-th episode (counting from 0) that *topic* does not cite yet."""
    cited = {c.episode for c in _citations(topic.sections)}
    free = [e.id for e in corpus.episodes if e.id not in cited]
    return free[n % len(free)]


def write_corpus(corpus: Corpus, flavour: str, root: Path, conf_extra: str = "") -> tuple[int, int]:
    """Write one flavour into a fresh *root*; return (files, bytes)."""
    if root.exists():
        shutil.rmtree(root)
    files = write_plain(corpus, root, conf_extra) if flavour == "plain" else write_litreview(corpus, root, conf_extra)
    made: set[Path] = set()
    count = total = 0
    for path, text in files:
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        data = text.encode("utf-8")
        path.write_bytes(data)
        count += 1
        total += len(data)
    return count, total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="tiny")
    parser.add_argument("--seed", type=int, default=20260)
    parser.add_argument("--flavour", choices=(*FLAVOURS, "both"), default="both")
    parser.add_argument("--out", type=Path, required=True, help="folder to write into")
    args = parser.parse_args(argv)

    start = time.perf_counter()
    corpus = build_corpus(SIZES[args.size], args.seed)
    for flavour in FLAVOURS if args.flavour == "both" else (args.flavour,):
        files, size = write_corpus(corpus, flavour, args.out / flavour)
        print(f"{flavour}: {files} files, {size / 1e6:.2f} MB in {args.out / flavour}")
    print(f"generated in {time.perf_counter() - start:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
