"""Reading input: text, HTML, URLs, JSONL batches, folders, feeds and WARC crawls, into ``Article`` records."""
