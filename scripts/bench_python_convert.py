"""One conversion through the binding, written out as the CLI writes it, for
scripts/bench_python.sh to time against `docgrid convert --compact`:

    python scripts/bench_python_convert.py FILE > out.json
"""

import sys

import docgrid

sys.stdout.write(docgrid.convert(sys.argv[1]).to_json())
