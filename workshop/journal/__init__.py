"""The session file: sealed [[events]] blocks, locked durable appends, loading and following."""
