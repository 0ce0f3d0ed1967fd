"""The Textual screens. Everything here renders a SessionState and appends events through
workshop.sessions; nothing here parses TOML or counts votes."""
