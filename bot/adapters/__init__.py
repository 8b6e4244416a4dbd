"""Chat adapters: each one only translates between a platform and the command core."""
