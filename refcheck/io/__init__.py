"""Reading inputs: decoding, Markdown/HTML/.docx to text with an offset map."""
