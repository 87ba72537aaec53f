"""Panels as pictures: PNG at a chosen width, SVG as vectors, every panel into a folder.

Both render the panel widget itself (title lines, keys and colour bars included), not
only its plots. SVG goes through ``QSvgGenerator`` at the widget's own resolution:
pyqtgraph 0.14's SVG exporter fails on Qt >= 6.11 (ECOSYSTEM.md), and the generator
draws the curves as paths whatever the Qt version. Files are written atomically.
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QWidget

from lstm_studio.io import write_bytes_atomic
from lstm_studio.translations import os_reason
from lstm_studio.translations import tr as plain_tr

IMAGE_SUFFIXES = (".png", ".svg")
MAX_PNG_WIDTH = 8000


def png_bytes(widget: QWidget, width: int | None = None) -> bytes:
    """The widget as a PNG, ``width`` pixels wide (default: as on screen); the height
    keeps the widget's shape. Text and lines scale with it, so a wide PNG is sharp."""
    size = widget.size()
    width = size.width() if width is None else int(width)
    if not 16 <= width <= MAX_PNG_WIDTH:
        raise ValueError(
            plain_tr(
                "export",
                "the width must be 16 .. {most} pixels, got {width}",
                most=MAX_PNG_WIDTH,
                width=width,
            )
        )
    scale = width / max(size.width(), 1)
    height = max(1, round(size.height() * scale))
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.scale(scale, scale)
    widget.render(painter, QPoint(0, 0))
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise OSError(plain_tr("export", "the PNG could not be encoded"))
    return bytes(data.data())


def svg_bytes(widget: QWidget, title: str = "") -> bytes:
    """The widget as an SVG drawing: curves, text and heatmaps as the screen shows them."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    size = widget.size()
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(QSize(size.width(), size.height()))
    generator.setViewBox(QRect(0, 0, size.width(), size.height()))
    generator.setResolution(widget.logicalDpiX())  # else the axes come out mis-scaled
    generator.setTitle(title or widget.objectName())
    generator.setDescription("LSTM Studio")
    painter = QPainter(generator)
    widget.render(painter, QPoint(0, 0))
    painter.end()
    return portable_svg(bytes(data.data()))


SVG_NS = "http://www.w3.org/2000/svg"
_PAIR = re.compile(r"(-?[\d.]+(?:[eE][-+]?\d+)?),(-?[\d.]+(?:[eE][-+]?\d+)?)")


def portable_svg(svg: bytes) -> bytes:
    """Qt writes a curve as points in data units under a ``matrix(...)`` transform with
    ``vector-effect="non-scaling-stroke"``; viewers that ignore the effect (librsvg,
    ImageMagick, office suites) scale the line width by the y scale, hundreds of times.
    Bake the transform into the points instead, and ask for crisp heatmap pixels."""
    ET.register_namespace("", SVG_NS)
    ET.register_namespace("xlink", "http://www.w3.org/1999/xlink")
    root = ET.fromstring(svg)
    for group in root.iter(f"{{{SVG_NS}}}g"):
        matrix = group.get("transform", "")
        kids = list(group)
        if not matrix.startswith("matrix(") or not kids:
            continue
        if any(
            kid.get("vector-effect") != "non-scaling-stroke"
            or kid.tag.split("}")[-1] not in ("polyline", "polygon", "path")
            for kid in kids
        ):
            continue
        moved = _mover(*(float(v) for v in matrix[7:-1].split(",")))
        for kid in kids:
            attr = "d" if kid.tag.endswith("path") else "points"
            kid.set(attr, _PAIR.sub(moved, kid.get(attr, "")))
            del kid.attrib["vector-effect"]
        del group.attrib["transform"]
    for image in root.iter(f"{{{SVG_NS}}}image"):
        image.set("style", "image-rendering:pixelated")  # a heatmap's cells, not a blur
        _sharpen(image)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _mover(a: float, b: float, c: float, d: float, e: float, f: float):
    """A ``re.sub`` replacement that maps an "x,y" pair through matrix(a, b, c, d, e, f)."""

    def moved(m: re.Match) -> str:
        x, y = float(m.group(1)), float(m.group(2))
        return f"{a * x + c * y + e:.2f},{b * x + d * y + f:.2f}"

    return moved


XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
PNG_DATA = "data:image/png;base64,"


def _sharpen(image: ET.Element, at_least: int = 256) -> None:
    """A heatmap is a tiny picture (T x H pixels) stretched over its plot, and most
    viewers smooth it into a blur whatever the SVG asks. Blow its pixels up into
    blocks first, so any viewer shows cells."""
    href = image.get(XLINK_HREF, "")
    if not href.startswith(PNG_DATA):
        return
    picture = QImage.fromData(QByteArray.fromBase64(href[len(PNG_DATA) :].encode()))
    if picture.isNull() or max(picture.width(), picture.height()) >= at_least:
        return
    k = -(-at_least // max(picture.width(), picture.height(), 1))
    big = picture.scaled(
        picture.width() * k,
        picture.height() * k,
        Qt.AspectRatioMode.IgnoreAspectRatio,
        Qt.TransformationMode.FastTransformation,  # nearest neighbour: blocks
    )
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    big.save(buffer, "PNG")
    image.set(XLINK_HREF, PNG_DATA + bytes(data.toBase64().data()).decode())


def export_image(widget: QWidget, path: str | os.PathLike, width: int | None = None) -> None:
    """The widget to ``path``: PNG or SVG by the suffix. Raises ValueError for another
    suffix or a bad width, OSError when the file cannot be written (nothing is left)."""
    suffix = Path(os.fspath(path)).suffix.lower()
    if suffix == ".png":
        data = png_bytes(widget, width)
    elif suffix == ".svg":
        data = svg_bytes(widget)
    else:
        raise ValueError(plain_tr("export", "{name}: save as .png or .svg", name=Path(path).name))
    write_bytes_atomic(path, data)


def export_all(
    panels: dict[str, QWidget],
    folder: str | os.PathLike,
    width: int | None = None,
    written: list[Path] | None = None,
) -> list[Path]:
    """Every panel as ``<name>.png`` and ``<name>.svg`` in ``folder`` (made if missing);
    returns the files written. Stops at the first file that cannot be written (the
    files written until then are in ``written``, when given)."""
    folder = Path(os.fspath(folder))
    if folder.exists() and not folder.is_dir():
        raise NotADirectoryError(
            plain_tr("export", "{folder} is a file, not a folder", folder=folder)
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise OSError(
            e.errno,
            plain_tr(
                "export",
                "cannot make the folder {folder} ({reason})",
                folder=folder,
                reason=os_reason(e),
            ),
        ) from e
    written = [] if written is None else written
    for name, widget in panels.items():
        for suffix in IMAGE_SUFFIXES:
            path = folder / f"{name}{suffix}"
            export_image(widget, path, width if suffix == ".png" else None)
            written.append(path)
    return written
