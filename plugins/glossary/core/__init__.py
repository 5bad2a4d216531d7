"""The glossary's core: the term file format, its parser, the rules, the settings, link
resolution and the A–Z index. It imports no site engine, no runner and no command line,
so it outlives any of them."""
