"""Everything that knows HTTP: the JSON API, reader pages, admin, feeds, mail pages, errors."""
