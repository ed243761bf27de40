"""Join PDF files written one after the other into one document (pikepdf, hence qpdf).

reportlab keeps every page and every image of a document in memory until it saves
it, so a long document with many photos is written in parts, each saved as a file
of its own, and joined here. qpdf copies the parts' objects and reads their stream
data (page contents, photos) from the files only as it writes the result, so the
join holds the documents' structure, never all their pages at once.

A join keeps the pages and what is drawn on them, and the first part's document
information and catalogue entries (title, author, language), but not the other
parts' outlines, nor links from one part to another (whose targets did not exist
when the part was written): these are rebuilt from values the writer noted down.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pikepdf


@dataclass(frozen=True)
class OutlineEntry:
    """A bookmark: level 0 at the top, each level nested in the entry above it."""

    title: str
    level: int
    page: int  # 1-based, in the joined document
    closed: bool = True


@dataclass(frozen=True)
class PageLink:
    """A clickable rectangle on ``page`` that opens ``target`` (1-based pages, joined)."""

    page: int
    rect: tuple[float, float, float, float]  # lower-left x, y, upper-right x, y, in points
    target: int


def join_parts(
    parts: Sequence[str | os.PathLike[str]],
    target: str | os.PathLike[str],
    *,
    outline: Iterable[OutlineEntry] = (),
    links: Iterable[PageLink] = (),
) -> int:
    """Writes the pages of ``parts``, in order, to ``target``; returns its page count.

    The document information (title, author, subject…), the language and the viewer
    preferences are those of the first part; the outline and the links are the ones
    given. An intermediate file is written beside the parts.
    """
    import pikepdf  # heavy, and only needed here

    files = [os.path.abspath(part) for part in parts]
    with tempfile.TemporaryDirectory(dir=os.path.dirname(files[0])) as scratch:
        pages_only = os.path.join(scratch, "joined.pdf")
        # qpdf's own page copying, as its command line does it: pikepdf's pages.extend
        # reads every copied stream into memory at once (so that the source may be
        # closed), this reads each from its part as it writes. The first part is the
        # primary input: its document information and catalogue entries are kept.
        job = pikepdf.Job(["qpdf", files[0], "--pages", *files, "--", pages_only])
        job.run()
        exit_code = job.exit_code
        del job  # it may hold the parts open, which Windows would not let us delete
        if exit_code not in (0, 3):  # 3: warnings only, the file is written
            raise RuntimeError(f"qpdf could not join the parts (exit code {exit_code})")
        with pikepdf.open(pages_only) as joined:
            _add_outline(joined, outline)
            _add_links(joined, links)
            # Stream data is read from the intermediate file as it is written.
            joined.save(os.fspath(target))
            return len(joined.pages)


def _add_outline(pdf: pikepdf.Pdf, entries: Iterable[OutlineEntry]) -> None:
    """Writes the outline as plain dictionaries (PDF 32000 12.3.3).

    ``pikepdf.Outline`` keeps a Python item and its dictionary for every bookmark
    until it is closed: 100 MB for the 45,000 bookmarks of a 5,000-visit booklet,
    against 60 MB this way.
    """
    from pikepdf import Array, Dictionary, Name, String

    tree: list[tuple[OutlineEntry, list]] = []
    # (level, the list an entry one level deeper goes into)
    parents: list[tuple[int, list]] = [(-1, tree)]
    for entry in entries:
        while parents[-1][0] >= entry.level:
            parents.pop()
        children: list = []
        parents[-1][1].append((entry, children))
        parents.append((entry.level, children))
    if not tree:
        return
    pages = pdf.pages

    def write(nodes: list[tuple[OutlineEntry, list]], parent: pikepdf.Dictionary) -> int:
        """Links ``nodes`` under ``parent``; returns how many of them show when it is open."""
        previous = None
        shown = 0
        for entry, children in nodes:
            item = pdf.make_indirect(
                Dictionary(
                    Title=String(entry.title),
                    Parent=parent,
                    Dest=Array([pages[entry.page - 1].obj, Name.Fit]),
                )
            )
            if previous is None:
                parent.First = item
            else:
                previous.Next = item
                item.Prev = previous
            previous = item
            shown += 1
            if children:
                below = write(children, item)
                # Negative: closed, with that many entries showing once opened.
                item.Count = -below if entry.closed else below
                shown += 0 if entry.closed else below
        parent.Last = previous
        return shown

    root = pdf.make_indirect(Dictionary(Type=Name.Outlines))
    root.Count = write(tree, root)
    pdf.Root.Outlines = root


def _add_links(pdf: pikepdf.Pdf, links: Iterable[PageLink]) -> None:
    from pikepdf import Array, Dictionary, Name, String

    pages = pdf.pages
    for link in links:
        page = pages[link.page - 1].obj
        annotation = pdf.make_indirect(
            Dictionary(
                Type=Name.Annot,
                Subtype=Name.Link,
                Rect=Array([float(value) for value in link.rect]),
                Border=Array([0, 0, 0]),
                Contents=String(""),
                Dest=Array([pages[link.target - 1].obj, Name.Fit]),
            )
        )
        if Name.Annots not in page:
            page.Annots = Array()
        page.Annots.append(annotation)
