"""Reading the rendered pages: PNG pixels as numpy arrays (Pillow decodes), coloured pixels.

Examples
--------
>>> import tempfile, pathlib
>>> from PIL import Image
>>> path = pathlib.Path(tempfile.mkdtemp()) / "red.png"
>>> Image.new("RGB", (3, 2), (255, 0, 0)).save(path)
>>> read_png(path).shape, coloured_pixel_count(path)
((2, 3, 3), 6)
"""

from __future__ import annotations

import os

import numpy as np
from PIL import Image


def read_png(png: str | os.PathLike) -> np.ndarray:
    """Decode a PNG into a ``(height, width, channels)`` uint8 array (Pillow)."""
    try:
        with Image.open(png) as image:
            if image.format != "PNG":
                raise ValueError(f"{png} is not a PNG file")
            array = np.asarray(image)
    except OSError as error:  # Pillow's "cannot identify image file"
        raise ValueError(f"{png} is not a PNG file") from error
    return array if array.ndim == 3 else array[:, :, None]


def coloured_pixel_count(png: str | os.PathLike, saturation: int = 60) -> int:
    """Count pixels whose channels differ by at least ``saturation`` (i.e. not white/grey/black)."""
    image = read_png(png)
    if image.shape[2] < 3:
        return 0
    rgb = image[:, :, :3].astype(np.int16)
    return int(((rgb.max(axis=2) - rgb.min(axis=2)) >= saturation).sum())


def png_has_chart_like_content(png: str | os.PathLike, min_pixels: int = 400) -> bool:
    """True when the page shows at least ``min_pixels`` clearly coloured pixels.

    Cell text, borders and gridlines render black/grey, so a page of plain cells has (almost)
    none; chart series in LibreOffice's default palette (or ours) produce thousands at 60 dpi.
    Coloured cell fills (conditional formatting) also count: render a sheet without them, or
    raise ``min_pixels``, when that matters.
    """
    return coloured_pixel_count(png) >= min_pixels
