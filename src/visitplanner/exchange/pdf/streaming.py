"""Lay out long documents in two passes whose memory does not grow with their length.

reportlab's ``multiBuild`` keeps the whole story (every parsed paragraph) and lays it
out again until page numbers settle: a 5,000-visit booklet held 1.6 GB that way.
Documents made of sections (chapters) that each start on a new page need no such
loop: the first pass lays out one section at a time on a canvas that keeps nothing
(:class:`PageCounter`) and learns how many pages each takes; the second pass writes
the document once, its sections generated as the page template consumes them
(:class:`LazyStory`), with "page X / Y" and the contents' page numbers already known.

A reportlab canvas still keeps every page and image it drew until it saves the file,
so the second pass writes runs of sections as files of their own (:func:`plan_parts`
says how many in each; :class:`LinkRecorder` notes links that point into other
files), joined afterwards (:mod:`.joining`).
"""

from __future__ import annotations

import os
import pickle
import tempfile
from collections.abc import Iterable, Iterator
from typing import IO, Any, Generic, TypeVar

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable

T = TypeVar("T")


class LazyStory(list):
    """A story that refills from an iterator as the document template eats its front.

    ``BaseDocTemplate.build`` only looks at the head of its list (``flowables[0]``,
    ``del flowables[0]``, ``insert(0, …)`` for split remainders), so a few dozen
    flowables ahead are enough for it, whatever the length of the document.
    """

    def __init__(self, items: Iterable[Flowable], ahead: int = 64) -> None:
        super().__init__()
        self._items: Iterator[Flowable] = iter(items)
        self._ahead = ahead
        self._fill()

    def _fill(self) -> None:
        while len(self) < self._ahead:
            item = next(self._items, None)
            if item is None:
                return
            self.append(item)

    def __delitem__(self, index: Any) -> None:
        super().__delitem__(index)
        self._fill()


class PageCounter(Canvas):
    """A canvas that counts pages and throws their content away (first pass only)."""

    def showPage(self) -> None:
        if self._onPage:
            self._onPage(self._pageNumber)
        self._startPage()

    def save(self) -> None:
        return None

    def drawImage(
        self, image: Any, x: float, y: float, width: Any = None, height: Any = None, **kw: Any
    ) -> Any:
        # A canvas keeps every image it draws (encoded, with the document) until it
        # saves; counting pages needs none of them.
        return (width, height)

    def drawInlineImage(
        self, image: Any, x: float, y: float, width: Any = None, height: Any = None, **kw: Any
    ) -> Any:
        return (width, height)


def count_pages(doc: BaseDocTemplate, flowables: Iterable[Flowable]) -> int:
    """Lays ``flowables`` out on ``doc`` without writing anything; returns the page count."""
    doc.build(LazyStory(flowables), canvasmaker=PageCounter)
    return int(doc.page)


class Spool(Generic[T]):
    """Values written once to a temporary file, then read back once, in order.

    The second pass must see exactly what the first pass counted, without asking the
    database again and without keeping every chapter in memory.
    """

    def __init__(self, folder: str | os.PathLike[str] | None = None) -> None:
        self._file: IO[bytes] = tempfile.TemporaryFile(dir=folder)  # noqa: SIM115
        self.count = 0

    def add(self, value: T) -> None:
        pickle.dump(value, self._file, protocol=pickle.HIGHEST_PROTOCOL)
        self.count += 1

    def __iter__(self) -> Iterator[T]:
        self._file.flush()
        self._file.seek(0)
        for _ in range(self.count):
            yield pickle.load(self._file)  # our own file, written just now

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> Spool[T]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class LinkRecorder(Canvas):
    """A canvas that notes its internal links instead of writing them.

    A document written in parts links to pages of parts not written yet (the
    contents to its chapters); reportlab refuses a link to a destination it does not
    know, so the links are noted, as (page of this part, rectangle in points,
    destination name), for the join to add once every page is in place.
    """

    def __init__(self, *args: Any, links: list[tuple[int, tuple[float, ...], str]], **kw: Any):
        super().__init__(*args, **kw)
        self.links = links

    def linkRect(
        self,
        contents: str,
        destinationname: str,
        Rect: Any = None,
        addtopage: int = 1,
        name: str | None = None,
        relative: int = 1,
        **kw: Any,
    ) -> None:
        rect = tuple(float(value) for value in self._absRect(Rect, relative))
        self.links.append((self.getPageNumber(), rect, destinationname))


def plan_parts(sizes: Iterable[tuple[int, int]], *, max_pages: int, max_bytes: int) -> list[int]:
    """How many consecutive sections (chapters) go in each part of a document.

    ``sizes`` gives each section's (pages, bytes of images). A part takes sections
    while it stays within ``max_pages`` pages and ``max_bytes`` bytes of images, and
    always at least one, however large.
    """
    counts: list[int] = []
    pages = size = 0
    for section_pages, section_bytes in sizes:
        if not counts or pages + section_pages > max_pages or size + section_bytes > max_bytes:
            counts.append(0)
            pages = size = 0
        counts[-1] += 1
        pages += section_pages
        size += section_bytes
    return counts
