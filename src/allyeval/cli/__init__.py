"""The ``allyeval`` command line: the Typer app, its shared options, and the work behind each
command (load, call ``core``/``analysis``, pick a renderer, write). The top layer."""
