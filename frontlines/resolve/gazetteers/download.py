"""Fetch a GeoNames country dump (``XX.zip``) from GeoNames' public download server."""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable
from pathlib import Path

from frontlines.errors import GazetteerError

BASE_URL = "https://download.geonames.org/export/dump/"


def base_url() -> str:
    """The dump server; ``FRONTLINES_GEONAMES_URL`` points elsewhere (a mirror, a test server)."""
    return os.environ.get("FRONTLINES_GEONAMES_URL", BASE_URL)


def download_dump(
    code: str,
    folder: Path,
    *,
    url: str | None = None,
    progress: Callable[[str, int, int], None] | None = None,
    timeout: float = 60.0,
) -> Path:
    """Download ``XX.zip`` (or ``allCountries.zip``) into ``folder``; returns the file."""
    import httpx

    if not re.fullmatch(r"[A-Za-z]{2}|allCountries|cities\d+", code):
        raise GazetteerError(f"{code!r} is not a country code (two letters) or allCountries")
    name = f"{code.upper() if len(code) == 2 else code}.zip"
    target = (url or base_url()).rstrip("/") + "/" + name
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / name
    part = folder / f".{name}.part"
    try:
        with httpx.stream("GET", target, timeout=timeout, follow_redirects=True) as r:
            if r.status_code != 200:
                raise GazetteerError(f"download failed: HTTP {r.status_code}", path=target)
            total = int(r.headers.get("content-length") or 0)
            done = 0
            with part.open("wb") as f:
                for chunk in r.iter_bytes(1 << 16):
                    f.write(chunk)
                    done += len(chunk)
                    if progress:
                        progress("downloading", done, total)
        if total and done != total:
            raise GazetteerError(f"download truncated ({done} of {total} bytes)", path=target)
        os.replace(part, out)
    except httpx.HTTPError as e:
        raise GazetteerError(f"download failed ({type(e).__name__}: {e})", path=target) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            part.unlink()
    return out
