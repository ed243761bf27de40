"""Where a SQLite catalogue must not live: synced folders (by name or by the marker their
client leaves) and network file systems (read from a mountinfo file written here)."""

from __future__ import annotations

from pathlib import Path

import pytest

from visitplanner.services.team.network_folders import NETWORK, SYNC, risky_place, warning

MOUNTINFO = r"""22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
35 22 0:31 / /home rw,relatime shared:2 - ext4 /dev/sda2 rw
40 35 0:45 / /home/ana/partage rw,relatime shared:20 - cifs //nas/partage rw,vers=3.1.1
41 22 0:46 / /mnt/nfs rw,relatime shared:21 - nfs4 nas:/export rw
42 41 0:47 / /mnt/nfs/local\040disk rw,relatime shared:22 - ext4 /dev/sdb1 rw
43 35 0:48 / /home/ana/serveur rw,nosuid,nodev shared:23 - fuse.sshfs ana@srv:/ rw
44 22 0:49 / /run/user/1000/gvfs rw,nosuid,nodev shared:24 - fuse.gvfsd-fuse gvfsd-fuse rw
"""


@pytest.fixture
def mountinfo(tmp_path: Path) -> Path:
    path = tmp_path / "mountinfo"
    path.write_text(MOUNTINFO)
    return path


@pytest.mark.parametrize(
    ("path", "name", "folder"),
    [
        ("/home/ana/Nextcloud/reseau/catalogue.sqlite", "Nextcloud", "/home/ana/Nextcloud"),
        ("/home/ana/ownCloud/catalogue.sqlite", "ownCloud", "/home/ana/ownCloud"),
        ("/home/ana/Dropbox (Perso)/catalogue.sqlite", "Dropbox", "/home/ana/Dropbox (Perso)"),
        ("/home/ana/OneDrive - Réseau/c.sqlite", "OneDrive", "/home/ana/OneDrive - Réseau"),
        (
            "/Users/ana/Library/Mobile Documents/com~apple~CloudDocs/c.sqlite",
            "iCloud Drive",
            "/Users/ana/Library/Mobile Documents",
        ),
        ("/Users/ana/Google Drive/My Drive/c.sqlite", "Google Drive", "/Users/ana/Google Drive"),
        ("/home/ana/Seafile/Mes documents/c.sqlite", "Seafile", "/home/ana/Seafile"),
        ("/home/ana/pCloudDrive/c.sqlite", "pCloud", "/home/ana/pCloudDrive"),
        (
            "/Users/ana/Library/CloudStorage/OneDrive-Personal/c.sqlite",
            "OneDrive",
            "/Users/ana/Library/CloudStorage/OneDrive-Personal",
        ),
        (
            "/Users/ana/Library/CloudStorage/Box-Box/c.sqlite",
            "a cloud storage service",
            "/Users/ana/Library/CloudStorage",
        ),
    ],
)
def test_sync_clients_by_folder_name(path, name, folder, mountinfo):
    place = risky_place(path, mountinfo=mountinfo, platform="linux")
    assert (place.kind, place.name, place.folder) == (SYNC, name, folder)


def test_a_file_named_like_a_client_is_not_a_folder_of_it(mountinfo):
    assert risky_place("/home/ana/dropbox.sqlite", mountinfo=mountinfo, platform="linux") is None
    assert (
        risky_place("/home/ana/Documents/c.sqlite", mountinfo=mountinfo, platform="linux") is None
    )


def test_syncthing_and_nextcloud_by_the_marker_they_leave(tmp_path):
    shared = tmp_path / "Réseau"
    (shared / ".stfolder").mkdir(parents=True)
    (shared / "2027").mkdir()
    place = risky_place(shared / "2027" / "catalogue.sqlite", mountinfo=None, platform="linux")
    assert (place.kind, place.name, place.folder) == (SYNC, "Syncthing", str(shared))
    synced = tmp_path / "Equipe"
    synced.mkdir()
    (synced / ".sync_4f0e2a1b.db").write_bytes(b"")
    place = risky_place(synced / "c.sqlite", mountinfo=None, platform="linux")
    assert place.name == "Nextcloud / ownCloud"


def test_dropbox_settings_folder_in_the_home_is_no_marker(tmp_path):
    (tmp_path / ".dropbox").mkdir()  # Dropbox's own settings, not a synced folder
    (tmp_path / "Documents").mkdir()
    assert (
        risky_place(tmp_path / "Documents" / "c.sqlite", mountinfo=None, platform="linux") is None
    )


@pytest.mark.parametrize(
    ("path", "name", "folder"),
    [
        ("/home/ana/partage/catalogue.sqlite", "SMB", "/home/ana/partage"),
        ("/mnt/nfs/equipe/catalogue.sqlite", "NFS", "/mnt/nfs"),
        ("/home/ana/serveur/c.sqlite", "SSHFS", "/home/ana/serveur"),
        (
            "/run/user/1000/gvfs/smb-share:server=nas,share=x/c.sqlite",
            "a desktop network mount (GVFS)",
            "/run/user/1000/gvfs",
        ),
    ],
)
def test_network_file_systems_from_mountinfo(path, name, folder, mountinfo):
    place = risky_place(path, mountinfo=mountinfo, platform="linux")
    assert (place.kind, place.name, place.folder) == (NETWORK, name, folder)


def test_the_innermost_mount_decides(mountinfo):
    # A local disk mounted inside the NFS tree (its name has a space, written \040).
    assert (
        risky_place("/mnt/nfs/local disk/c.sqlite", mountinfo=mountinfo, platform="linux") is None
    )
    assert risky_place("/home/ana/c.sqlite", mountinfo=mountinfo, platform="linux") is None


def test_windows_unc_paths_are_network_shares():
    place = risky_place(r"\\nas\partage\catalogue.sqlite", platform="win32")
    assert place.kind == NETWORK


def test_the_warning_points_to_team_mode_in_both_languages(mountinfo):
    from visitplanner.i18n import set_language

    place = risky_place("/mnt/nfs/c.sqlite", mountinfo=mountinfo, platform="linux")
    english = warning(place, "/mnt/nfs/c.sqlite")
    assert english.startswith("/mnt/nfs/c.sqlite is on a network file system (NFS, mounted at")
    assert "team mode (File › Connect to a team catalogue…)" in english
    set_language("fr")
    try:
        french = warning(place, "/mnt/nfs/c.sqlite")
    finally:
        set_language("en")
    assert "système de fichiers réseau" in french
    assert "catalogue d’équipe" in french
