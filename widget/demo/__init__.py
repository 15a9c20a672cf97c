"""The demo: a small news site on another origin, with the comments embedded."""
