"""Usage inspection in the GUI: theft-suspicion ranking, route packages out and results in."""
