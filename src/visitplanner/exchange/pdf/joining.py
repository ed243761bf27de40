"""Join PDF files written one after the other into one document (pikepdf, hence qpdf).

reportlab keeps every page and every image of a document in memory until it saves
it, so a long document with many photos is written in parts, each saved as a file
of its own, and joined here. qpdf copies the parts' objects and reads their stream
data (page contents, photos) from the files only as it writes the result, so the
join holds the documents' structure, never all their pages at once.

A join keeps the pages and what is drawn on them but not what belongs to a whole
document: the outline, the document's metadata and catalogue entries, and links
from one part to another (whose targets did not exist when the part was written).
These are rebuilt here from values the writer noted down.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pikepdf

# What the first part's catalogue says about the whole document (language, showing
# the title rather than the file name, what the viewer opens with).
_CATALOGUE_KEYS = ("/Lang", "/ViewerPreferences", "/PageMode")


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

    The document information (title, author, subject…) and the language are those
    of the first part; the outline and the links are the ones given.
    """
    import pikepdf  # heavy, and only needed here

    with ExitStack() as stack:
        # The parts stay open until the joined file is saved: their stream data is
        # copied from them then.
        sources = [stack.enter_context(pikepdf.open(os.fspath(part))) for part in parts]
        joined = stack.enter_context(pikepdf.new())
        for source in sources:
            joined.pages.extend(source.pages)
        first = sources[0]
        for key in _CATALOGUE_KEYS:
            if key in first.Root:
                value = first.Root[key]
                # Direct values (reportlab's, all of them) are copied with the catalogue.
                indirect = getattr(value, "is_indirect", False)
                joined.Root[key] = joined.copy_foreign(value) if indirect else value
        joined.docinfo = joined.copy_foreign(first.docinfo)
        _add_outline(joined, outline)
        _add_links(joined, links)
        joined.save(os.fspath(target), min_version=max(s.pdf_version for s in sources))
        return len(joined.pages)


def _add_outline(pdf: pikepdf.Pdf, entries: Iterable[OutlineEntry]) -> None:
    from pikepdf import OutlineItem, PageLocation

    with pdf.open_outline() as tree:
        # (level, the list an entry one level deeper goes into)
        parents: list[tuple[int, list[OutlineItem]]] = [(-1, tree.root)]
        for entry in entries:
            item = OutlineItem(entry.title, entry.page - 1, PageLocation.Fit)
            item.is_closed = entry.closed
            while parents[-1][0] >= entry.level:
                parents.pop()
            parents[-1][1].append(item)
            parents.append((entry.level, item.children))


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
