"""The pure engine: rules, scoring, diff, what-if and gates. No I/O, no printing."""
