"""python -m pat.terminology check FILE..."""

from .cli import main

raise SystemExit(main())
