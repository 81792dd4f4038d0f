"""Read-side queries, aggregated in SQL and streamed out."""
