// The jarida binary: every command is defined in app/cli.cpp.
#include "app/cli.hpp"

int main(int argc, char** argv) {
  return jarida::app::run_cli(argc, argv);
}
