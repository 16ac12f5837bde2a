package store

// Version is the program's version, set at build time from FyneApp.toml
// (see the Makefile); data files and returns name it.
var Version = "0.1.0-dev"
