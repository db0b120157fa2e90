"""Reading documents as people get them: decoding, normalised text, Word, PDF and HTML renderings."""
