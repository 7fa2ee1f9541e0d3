"""Many captures: finding them (`jobs`), running them in worker processes (`runner`), or on a
Dask cluster (`distributed`)."""
