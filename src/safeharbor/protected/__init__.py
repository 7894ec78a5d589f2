"""Protected fields: case content encrypted at rest, keys from the environment."""
