"""The rules as a library: pure Python, standard library only, explicit ``as_of`` / ``now``.

Nothing here reads the clock, the environment or a database; an import-linter contract
(pyproject.toml) keeps Django and the apps out.
"""
