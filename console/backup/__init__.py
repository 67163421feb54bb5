"""Backup and restore: `db backup` / `db restore`, and the embedded console's daily backups.

    done = backup(url, Path("site.backup"))      # one consistent snapshot
    restored = restore(done.path, empty_url)      # then audit verify on the copy
"""

from console.backup.pg_tools import BackupFailed
from console.backup.restore import RestoreResult, backup_kind, restore
from console.backup.snapshot import BackupResult, backup

__all__ = ["BackupFailed", "BackupResult", "RestoreResult", "backup", "backup_kind", "restore"]
