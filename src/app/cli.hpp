// The command line: jarida init | serve | demo | user add (`jarida --help`).
#pragma once

namespace jarida::app {

// Parses argv and runs the command; returns the process exit code.
int run_cli(int argc, char** argv);

}  // namespace jarida::app
