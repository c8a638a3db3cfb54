"""The pure engine: scoring, margins, diff, what-if and gates. No I/O, no printing."""
