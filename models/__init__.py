"""newsfacts' knowledge files (lexicons, gazetteers, settings), installed as the package data `pipeline.models`."""
