"""The VBA project writer: ``vbaProject.bin`` (MS-OVBA in a compound file) from module sources.

One module per stream or record family: ``compression`` (§2.4.1), ``dir_stream``,
``project_stream`` (PROJECT, PROJECTwm), ``vba_project_stream`` (_VBA_PROJECT), ``cfb`` (the
compound file) and ``packager``, which assembles them.

Examples
--------
>>> from xlpareto.workbook.vba import VbaModule, build_vba_project
>>> data = build_vba_project([VbaModule("Module1", "standard", "Sub A()\\r\\nEnd Sub\\r\\n")])
>>> data[:4].hex()
'd0cf11e0'
"""

from __future__ import annotations

from xlpareto.workbook.vba.packager import VbaModule, build_vba_project

__all__ = ["VbaModule", "build_vba_project"]
