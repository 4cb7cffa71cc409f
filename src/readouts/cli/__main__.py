"""``python -m readouts.cli``: the same as the ``readouts`` command."""
import sys

from readouts.cli import main

sys.exit(main())
