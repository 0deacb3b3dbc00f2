"""pdfplumber on every page of the given files, as a Python user would read tables: extract_tables
and extract_words. Prints {"seconds": ..., "pages": ...} as JSON (bench/run.ts runs it)."""
import json
import sys
import time

import pdfplumber

start = time.perf_counter()
pages = 0
for path in sys.argv[1:]:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_tables()
            page.extract_words()
            page.flush_cache()
            pages += 1
print(json.dumps({"seconds": time.perf_counter() - start, "pages": pages}))
