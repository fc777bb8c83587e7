"""Competition formats: round robin groups, knockout draws, Swiss, team ties and stages.

Pure: imports nothing from db/, app/ or web/. Import the submodules directly.
"""
