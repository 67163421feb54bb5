"""PDF documents and seal labels. Takes plain dataclasses, returns bytes; no Qt, no SQL."""
