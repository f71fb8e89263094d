from __future__ import annotations

import subprocess
import sys


def test_conflict_engine_imports_no_django():
    code = (
        "import sys, regie.scheduling.conflicts; print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    )

    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)

    assert result.stdout == "[]\n"
