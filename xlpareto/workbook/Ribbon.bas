Attribute VB_Name = "Ribbon"
Attribute VB_Description = "Callbacks of the Pareto ribbon tab: each runs one fixed entry point of xlpareto.macros."
' Callbacks of the "Pareto" ribbon tab (customUI/customUI14.xml).
' Each one only runs a fixed entry point of the Python module xlpareto.macros through
' xlwings' RunPython; nothing from a cell is ever run as code.
Option Explicit

Public Sub RefreshAnalysis(control As IRibbonControl)
    RunPython "import xlpareto.macros as m; m.refresh_from_excel()"
End Sub

Public Sub ClearAnalysis(control As IRibbonControl)
    RunPython "import xlpareto.macros as m; m.clear_from_excel()"
End Sub

Public Sub ShowSettings(control As IRibbonControl)
    RunPython "import xlpareto.macros as m; m.settings_from_excel()"
End Sub

Public Sub ShowHelp(control As IRibbonControl)
    RunPython "import xlpareto.macros as m; m.help_from_excel()"
End Sub
