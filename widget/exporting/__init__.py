"""Our own export: every stored field of sites, threads and comments, as one JSON document."""
