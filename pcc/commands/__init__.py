"""One module per `pcc` verb: the verb's body, called by the wiring in pcc.cli."""
