"""The HTML path: the page parsed and repaired (`extract`), trafilatura's extraction with the
story's dropped paragraphs put back (`recovery`), metadata from the markup (`metadata`),
all run by `pipeline`."""
