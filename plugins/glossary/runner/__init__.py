"""The example runner: which blocks run, running each in a process of its own, the results
store, showing results in a page, and the pytest plugin. It imports the core, never the
site or the command line."""
