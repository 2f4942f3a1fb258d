"""Files written for the user (reports, staffing plans, catalogues, PDFs): a path that cannot
be written — a folder given as the file, a missing or read-only folder, a full disk — is an
:class:`~hallapp.core.errors.OutputError` naming the path (exit 20), not an internal error."""

from __future__ import annotations

from pathlib import Path

from hallapp.core.errors import OutputError


def write_file(path: Path | str, data: bytes, *, make_folders: bool = False) -> Path:
    """Write ``data`` to ``path`` (creating its folders with ``make_folders``); returns it."""
    target = Path(path)
    try:
        if make_folders:
            target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise OutputError(f"无法写入文件 {target}：{reason}", code="file_not_written",
                          path=str(target), reason=reason) from exc
    return target
