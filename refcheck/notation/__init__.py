"""How documents are numbered: the vocabulary (vocab.yaml) and canonical symbols."""
