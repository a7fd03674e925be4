"""Finding citations in text: article split, cheap scanner, Lark grammar."""
