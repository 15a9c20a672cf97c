"""What a reader drives: posting, authoring, validation, rendering, and the pages of a thread."""
