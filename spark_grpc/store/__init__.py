"""Where the log and the memories are kept: the interface every store
implements and what they share (``base``), the embedded SQLite store
(``sqlite``) and the PostgreSQL store for several replicas (``postgres``).
All SQL lives here."""
