"""The refresh macro's pieces: settings, reading the client table, writing the Analysis sheet.

:mod:`xlpareto.macros` holds the entry points; these modules do one job each.
"""
