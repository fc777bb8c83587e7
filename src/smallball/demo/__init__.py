"""The demo international event: a Friendship Open loaded through the real use cases."""
