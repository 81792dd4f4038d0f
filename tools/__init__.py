"""Developer tools: generators and test helpers, not shipped in the wheel."""
