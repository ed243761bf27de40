"""User preferences, declared once with their defaults, stored as JSON in the config folder.

Kept out of Qt (no QSettings) so that the command line and tests read the same
file the window writes. Its version says which shape it has: an older file is brought
to this release's shape as it is read (:mod:`visitplanner.settings_versions`).
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from visitplanner.settings_versions import UnreadableVersion, current_version, migrate

log = logging.getLogger(__name__)

SETTINGS_VERSION = current_version()
ENV_VAR = "VISITPLANNER_SETTINGS"


@dataclass
class Settings:
    version: int = SETTINGS_VERSION
    language: str = "system"
    organiser_name: str = ""
    organiser_email: str = ""
    default_timezone: str = "Europe/Paris"
    last_page: str = "dashboard"
    window_geometry: str = ""
    window_state: str = ""
    # Direct sending of invitations. The password is not here: it is in the system keyring
    # (services.secrets), so this file can be read, copied or shared without leaking it.
    smtp_host: str = ""
    smtp_port: int = 587
    smtp_security: str = "starttls"  # "starttls", "ssl" or "none"
    smtp_user: str = ""
    # With security "none" a user name means the password crosses the network unencrypted;
    # sending is refused unless the user said the server is a local relay they trust.
    smtp_local_relay_confirmed: bool = False
    # Automatic daily copies of the catalogue file: how many to keep (0: none are made),
    # and where ("": a ``backups`` folder beside the catalogue). See services.backup.
    backup_keep: int = 7
    backup_folder: str = ""
    # Retention (RGPD): people with no participation for this many years are listed for
    # review; the bodies of messages sent are purged from the outbox after this many days.
    privacy_inactive_years: int = 3
    outbox_body_days: int = 90
    # Catalogues opened lately, newest first (recent_catalogues.py): files by path, team
    # catalogues by host, port, database, user and TLS choices; never a password.
    recent_catalogues: list[dict[str, Any]] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    # Read from a newer release's file: the keys this one does not know, written back as
    # they were (never a key of the file itself).
    kept_unknown: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Settings:
        known = _file_keys()
        return cls(**{k: v for k, v in data.items() if k in known})

    @property
    def daily_backups_to_keep(self) -> int:
        """``backup_keep`` as a number of copies, whatever a hand-edited file holds."""
        try:
            return max(0, int(self.backup_keep))
        except (TypeError, ValueError):
            return Settings.backup_keep

    @property
    def inactive_years(self) -> int:
        """``privacy_inactive_years`` as a number of years (at least 1)."""
        return _at_least(self.privacy_inactive_years, 1, Settings.privacy_inactive_years)

    @property
    def outbox_days(self) -> int:
        """``outbox_body_days`` as a number of days (at least 1)."""
        return _at_least(self.outbox_body_days, 1, Settings.outbox_body_days)


def _file_keys() -> set[str]:
    return {f.name for f in fields(Settings)} - {"kept_unknown"}


def _at_least(value: Any, low: int, default: int) -> int:
    """A whole number from a hand-editable file: its default when unreadable."""
    try:
        return max(low, int(value))
    except (TypeError, ValueError):
        return default


def settings_path() -> Path:
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override)
    from platformdirs import user_config_path

    return user_config_path("visitplanner", appauthor=False) / "settings.json"


def load_settings(path: Path | None = None) -> Settings:
    """The saved settings; defaults if the file is missing or unreadable."""
    path = path or settings_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Settings()
    if not isinstance(data, dict):
        return Settings()
    try:
        data = migrate(data)
    except UnreadableVersion as exc:
        log.warning("%s: %s; the default settings are used", path, exc)
        return Settings()
    settings = Settings.from_dict(data)
    if settings.version > current_version():
        known = _file_keys()
        settings.kept_unknown = {k: v for k, v in data.items() if k not in known}
    return settings


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Atomic write: a crash mid-save never leaves a half-written file."""
    path = path or settings_path()
    from visitplanner.atomic_files import write_text_atomic

    data = asdict(settings)
    data.update(data.pop("kept_unknown"))
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(path, json.dumps(data, ensure_ascii=False, indent=2))
