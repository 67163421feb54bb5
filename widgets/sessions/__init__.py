"""Live sessions in the GUI: the end of a login the services declared, and the idle lock."""
