"""Office files (zip packages: .docx, .xlsx) rewritten so the same content gives the same bytes."""

from __future__ import annotations

import io
import zipfile

# Zip times have no time zone and cannot be before 1980; the content, not the build, sets them.
FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def stable(package: bytes) -> bytes:
    """The package with every member's time fixed, in the same order, deflated the same way
    (the libraries stamp each member with the time it was written)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(package)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            info.create_system = 0
            target.writestr(info, source.read(item.filename), compresslevel=6)
    return out.getvalue()
