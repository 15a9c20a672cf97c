"""Mail: what an event sends, composing it, signed links, the outbox and the SMTP sender."""
