"""``python -m mock_interviewer``: the same as the ``mock-interviewer`` command."""

import sys

from mock_interviewer.cli import main

sys.exit(main())
