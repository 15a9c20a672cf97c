"""Values every layer shares: refusals, the client, keyed hashes, canonical URLs."""
