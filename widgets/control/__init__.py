"""Remote disconnect/reconnect control in the GUI: the command queue panel, a meter's detail, the
customer view's strip, and the confirm and reason dialogs."""
