"""Allow ``python -m safeharbor``."""

from safeharbor.cli import main

raise SystemExit(main())
