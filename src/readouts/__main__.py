"""``python -m readouts``: the same as the ``readouts`` command."""
import sys

from readouts.cli import main

sys.exit(main())
