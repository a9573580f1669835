"""Operating Skillframe: static files as served in production, security headers and idle
sessions (middleware), backup and restore. At the top layer: it may read every app's tables."""
