"""The application layer: configuration, finding and loading data, writing files. The CLI's only partner."""
