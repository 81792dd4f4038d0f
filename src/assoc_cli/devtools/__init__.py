"""Developer tools (docs generation); not part of the user-facing CLI."""
