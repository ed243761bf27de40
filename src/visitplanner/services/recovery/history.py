"""Undo and redo of catalogue edits, as named reversible steps.

The window shows "Undo create person “Anne Martin”" and the command works the
same from any front end, so the history lives here, free of Qt. Each step
keeps only what it needs to go both ways: the record's kind and id, and for an
edit the complete input before and after. Nothing is ever destroyed: undoing a
creation moves the record to the trash, and redoing it restores the same id, so
later steps that mention the record stay valid.

Every undo and redo is one service call, hence one transaction returning
:class:`~visitplanner.services.changes.Changes`. When the catalogue changed
underneath (the record was emptied from the trash, another person took the
e-mail address...), the call raises :class:`HistoryError`, nothing is written
and the step stays where it was, so the user can fix the cause and try again.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, MutableSequence
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from visitplanner.domain.errors import UserError
from visitplanner.i18n import N_, _
from visitplanner.services.changes import Changes
from visitplanner.services.directory import records as cat
from visitplanner.store.database import Catalogue

Kind = Literal["dynamic", "host", "person"]
Action = Literal["create", "edit", "delete"]
Input = cat.DynamicInput | cat.HostInput | cat.PersonInput

DEFAULT_LIMIT = 100


@dataclass(frozen=True)
class _Operations:
    """The catalogue's use cases for one kind of record."""

    input_type: type
    create: Callable[[Catalogue, Any], Changes]
    update: Callable[[Catalogue, int, Any], Changes]
    get: Callable[[Catalogue, int], Any]
    to_input: Callable[[Any], Any]


_OPERATIONS: dict[str, _Operations] = {
    "dynamic": _Operations(
        cat.DynamicInput, cat.create_dynamic, cat.update_dynamic, cat.get_dynamic, cat.dynamic_input
    ),
    "host": _Operations(
        cat.HostInput, cat.create_host, cat.update_host, cat.get_host, cat.host_input
    ),
    "person": _Operations(
        cat.PersonInput, cat.create_person, cat.update_person, cat.get_person, cat.person_input
    ),
}


def _operations(kind: str) -> _Operations:
    try:
        return _OPERATIONS[kind]
    except KeyError:
        raise ValueError(f"no undo history for records of kind {kind!r}") from None


def action_label(action: Action, kind: Kind, name: str) -> str:
    """The step's name as the Undo and Redo commands show it, in the current language."""
    # Whole sentences per kind and action: translators need them to agree in gender.
    templates = {
        ("create", "dynamic"): _("create dynamic “{name}”"),
        ("create", "host"): _("create host “{name}”"),
        ("create", "person"): _("create person “{name}”"),
        ("edit", "dynamic"): _("edit dynamic “{name}”"),
        ("edit", "host"): _("edit host “{name}”"),
        ("edit", "person"): _("edit person “{name}”"),
        ("delete", "dynamic"): _("delete dynamic “{name}”"),
        ("delete", "host"): _("delete host “{name}”"),
        ("delete", "person"): _("delete person “{name}”"),
    }
    return templates[(action, kind)].format(name=name)


@dataclass(frozen=True)
class Step:
    """One reversible user action.

    ``name`` is the record's name as the user saw it when acting (after an edit,
    the new name). ``before`` and ``after`` are set for edits only.
    """

    action: Action
    kind: Kind
    record_id: int
    name: str
    before: Input | None = None
    after: Input | None = None

    @property
    def label(self) -> str:
        """Translated when asked, so a change of language also renames the steps."""
        return action_label(self.action, self.kind, self.name)


class Reversible(Protocol):
    """A step that knows how to go both ways itself (a whole calendar import, say)."""

    @property
    def label(self) -> str: ...

    def revert(self, catalogue: Catalogue) -> Changes: ...

    def apply(self, catalogue: Catalogue) -> Changes: ...


class HistoryError(UserError):
    """An undo or redo the catalogue no longer allows; nothing was changed."""

    def __init__(self, message: str, step: Step | Reversible, cause: UserError) -> None:
        super().__init__(message)
        self.step = step
        self.cause = cause


class History:
    """The undo and redo stacks of one open catalogue.

    Front ends make catalogue edits through :meth:`create`, :meth:`update` and
    :meth:`trash` instead of the catalogue functions so that they can be undone.
    ``on_change`` is called after every change of the stacks (to retitle the
    Undo and Redo commands); it is not called when an operation fails.
    """

    def __init__(
        self,
        catalogue: Catalogue,
        limit: int = DEFAULT_LIMIT,
        on_change: Callable[[], None] | None = None,
    ) -> None:
        if limit < 1:
            raise ValueError("the history must keep at least one step")
        self.catalogue = catalogue
        self.limit = limit
        self.on_change = on_change
        # The oldest steps fall off the left end once the limit is reached.
        self._undo: deque[Step | Reversible] = deque(maxlen=limit)
        self._redo: list[Step | Reversible] = []

    # --- state --------------------------------------------------------------------

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    @property
    def undo_label(self) -> str | None:
        """The name of the step :meth:`undo` would revert, or ``None``."""
        return self._undo[-1].label if self._undo else None

    @property
    def redo_label(self) -> str | None:
        """The name of the step :meth:`redo` would apply again, or ``None``."""
        return self._redo[-1].label if self._redo else None

    @property
    def undo_steps(self) -> tuple[Step | Reversible, ...]:
        """Steps that can be undone, oldest first."""
        return tuple(self._undo)

    @property
    def redo_steps(self) -> tuple[Step | Reversible, ...]:
        """Steps that can be redone, the next one to redo last."""
        return tuple(self._redo)

    def clear(self) -> None:
        """Forgets every step (another catalogue was opened, or the demo reloaded)."""
        self._undo.clear()
        self._redo.clear()
        self._notify()

    # --- recorded operations ------------------------------------------------------------

    def create(self, kind: Kind, data: Input) -> Changes:
        """Creates a record; undoing moves it to the trash."""
        ops = self._checked(kind, data)
        changes = ops.create(self.catalogue, data)
        record_id = changes.created_id(kind)
        name = ops.get(self.catalogue, record_id).name
        self._push(Step("create", kind, record_id, name))
        return changes

    def update(self, kind: Kind, record_id: int, data: Input) -> Changes:
        """Edits a record; undoing puts back every field as it was.

        An edit that changes nothing the user can see records no step, so Undo
        never offers to revert nothing.
        """
        ops = self._checked(kind, data)
        before = ops.to_input(ops.get(self.catalogue, record_id))
        changes = ops.update(self.catalogue, record_id, data)
        view = ops.get(self.catalogue, record_id)
        after = ops.to_input(view)
        if after != before:
            self._push(Step("edit", kind, record_id, view.name, before, after))
        return changes

    def trash(self, kind: Kind, record_id: int) -> Changes:
        """Moves a record to the trash; undoing restores it."""
        ops = _operations(kind)
        name = ops.get(self.catalogue, record_id).name
        changes = cat.move_to_trash(self.catalogue, kind, record_id)
        self._push(Step("delete", kind, record_id, name))
        return changes

    def record(self, step: Reversible) -> None:
        """Adds a step another service already carried out (an import) so it can be undone."""
        self._push(step)

    # --- undo and redo ------------------------------------------------------------------

    def undo(self) -> Changes:
        """Reverts the latest step; with nothing to undo, changes nothing."""
        return self._replay(
            self._undo, self._redo, self._revert, N_("Cannot undo {action}: {reason}")
        )

    def redo(self) -> Changes:
        """Applies again the latest undone step; with nothing to redo, changes nothing."""
        return self._replay(
            self._redo, self._undo, self._apply, N_("Cannot redo {action}: {reason}")
        )

    def _replay(
        self,
        source: MutableSequence[Step | Reversible],
        target: MutableSequence[Step | Reversible],
        run: Callable[[Any], Changes],
        failure: str,
    ) -> Changes:
        """Runs the latest step of ``source`` and, if it worked, moves it to ``target``."""
        if not source:
            return Changes()
        step = source[-1]
        try:
            changes = run(step)
        except UserError as exc:
            raise HistoryError(_(failure).format(action=step.label, reason=exc), step, exc) from exc
        source.pop()
        target.append(step)
        self._notify()
        return changes

    # --- internals ----------------------------------------------------------------------

    def _revert(self, step: Step | Reversible) -> Changes:
        if not isinstance(step, Step):
            return step.revert(self.catalogue)
        if step.action == "create":
            return cat.move_to_trash(self.catalogue, step.kind, step.record_id)
        if step.action == "delete":
            return cat.restore_from_trash(self.catalogue, step.kind, step.record_id)
        return _operations(step.kind).update(self.catalogue, step.record_id, step.before)

    def _apply(self, step: Step | Reversible) -> Changes:
        if not isinstance(step, Step):
            return step.apply(self.catalogue)
        if step.action == "create":
            return cat.restore_from_trash(self.catalogue, step.kind, step.record_id)
        if step.action == "delete":
            return cat.move_to_trash(self.catalogue, step.kind, step.record_id)
        return _operations(step.kind).update(self.catalogue, step.record_id, step.after)

    @staticmethod
    def _checked(kind: str, data: object) -> _Operations:
        ops = _operations(kind)
        if not isinstance(data, ops.input_type):
            raise TypeError(
                f"a {kind} needs a {ops.input_type.__name__}, not {type(data).__name__}"
            )
        return ops

    def _push(self, step: Step | Reversible) -> None:
        self._undo.append(step)
        self._redo.clear()
        self._notify()

    def _notify(self) -> None:
        if self.on_change is not None:
            self.on_change()
