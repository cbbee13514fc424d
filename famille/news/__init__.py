"""News posts: short announcements by members about themselves or a relative, with at most one photo."""
