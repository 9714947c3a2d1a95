"""The ribbon: the ``customUI/customUI14.xml`` part, its relationship and content type.

XlsxWriter cannot add a customUI part; :func:`with_custom_ui` adds it to the package's parts
(with the package relationship pointing at it and a default ``xml`` content type), and the
one packaging step (:func:`xlpareto.workbook.package.assemble`) writes the zip.

Examples
--------
>>> b"Refresh analysis" in CUSTOM_UI.encode()
True
"""

from __future__ import annotations

import re
from xml.sax.saxutils import quoteattr

CUSTOM_UI_NAMESPACE = "http://schemas.microsoft.com/office/2009/07/customui"
CUSTOM_UI_RELATIONSHIP = "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility"
CUSTOM_UI_PART = "customUI/customUI14.xml"
CUSTOM_UI_REL_ID = "rIdXlparetoRibbon"
TAB_LABEL = "Pareto"
#: the VBA module that holds the callbacks; ``onAction`` names it (``Ribbon.RefreshAnalysis``)
#: as xlwings' own ribbons do, so a Sub of the same name in another module can't be called
CALLBACK_MODULE = "Ribbon"

#: (id, label, callback, imageMso, size, screentip) of each button, by group.
BUTTONS = {
    "Analysis": (
        (
            "xlparetoRefresh",
            "Refresh analysis",
            "RefreshAnalysis",
            "RefreshAll",
            "large",
            "Rebuild the Analysis sheet and the Pareto chart from the Clients table and Settings.",
        ),
        (
            "xlparetoClear",
            "Clear analysis",
            "ClearAnalysis",
            "Delete",
            "normal",
            "Empty the Analysis sheet (the Clients table is not touched).",
        ),
    ),
    "Workbook": (
        (
            "xlparetoSettings",
            "Settings",
            "ShowSettings",
            "PropertySheet",
            "normal",
            "Go to the Settings sheet: cutoffs, tier method, budget.",
        ),
        (
            "xlparetoHelp",
            "Help",
            "ShowHelp",
            "Help",
            "normal",
            "How to use the workbook and its worksheet functions.",
        ),
    ),
}


def on_action(callback: str) -> str:
    """The ``onAction`` value of a callback: qualified with its module."""
    return f"{CALLBACK_MODULE}.{callback}"


def _button(button: tuple[str, str, str, str, str, str]) -> str:
    ident, label, callback, image, size, tip = button
    return (
        f"        <button id={quoteattr(ident)} label={quoteattr(label)} size={quoteattr(size)}"
        f" imageMso={quoteattr(image)} onAction={quoteattr(on_action(callback))}"
        f" screentip={quoteattr(label)} supertip={quoteattr(tip)}/>\n"
    )


def custom_ui_xml() -> str:
    """The ribbon part: a tab *Pareto* with the groups and buttons of :data:`BUTTONS`."""
    groups = "".join(
        f'      <group id="xlpareto{name}" label="{name}">\n'
        + "".join(_button(b) for b in buttons)
        + "      </group>\n"
        for name, buttons in BUTTONS.items()
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<customUI xmlns="{CUSTOM_UI_NAMESPACE}">\n'
        "  <ribbon>\n    <tabs>\n"
        f'    <tab id="xlparetoTab" label="{TAB_LABEL}">\n'
        f"{groups}"
        "    </tab>\n    </tabs>\n  </ribbon>\n</customUI>\n"
    )


CUSTOM_UI = custom_ui_xml()


def callbacks() -> list[str]:
    """Names of the VBA callbacks the ribbon calls."""
    return [b[2] for buttons in BUTTONS.values() for b in buttons]


def _with_relationship(rels: bytes) -> bytes:
    text = rels.decode("utf-8")
    if CUSTOM_UI_RELATIONSHIP in text:
        return rels
    entry = (
        f'<Relationship Id="{CUSTOM_UI_REL_ID}" Type="{CUSTOM_UI_RELATIONSHIP}" '
        f'Target="{CUSTOM_UI_PART}"/>'
    )
    return re.sub("</Relationships>", entry + "</Relationships>", text).encode("utf-8")


def _with_xml_default(content_types: bytes) -> bytes:
    text = content_types.decode("utf-8")
    if 'Extension="xml"' in text:
        return content_types
    entry = '<Default Extension="xml" ContentType="application/xml"/>'
    return text.replace("<Override ", entry + "<Override ", 1).encode("utf-8")


def with_custom_ui(parts: dict[str, bytes], xml: str = CUSTOM_UI) -> dict[str, bytes]:
    """``parts`` (name -> bytes, in package order) with the ribbon part ``xml`` added last and
    the package relationship and ``xml`` content type it needs."""
    result = {}
    for name, data in parts.items():
        if name == "[Content_Types].xml":
            data = _with_xml_default(data)
        elif name == "_rels/.rels":
            data = _with_relationship(data)
        if name != CUSTOM_UI_PART:
            result[name] = data
    result[CUSTOM_UI_PART] = xml.encode("utf-8")
    return result
