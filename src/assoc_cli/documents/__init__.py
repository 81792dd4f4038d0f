"""Documents people print: notices, agendas, sign-in sheets — Markdown, text and .docx."""
