"""The import kernel every importer shares (people, role profiles, goals, framework formats).

- `problems`: `Problem` (where, column, value, message) and `FormatError` (every problem);
- `spreadsheets`: CSV/XLSX files read safely into numbered rows, with size and row limits;
- `tables`: the header normalised and checked, rows as records with their places;
- `command`: the base of the `skillframe … import FILE [--dry-run]` commands.

It imports no Django app, so every app may use it (it sits below `frameworks` in the layers).
"""
