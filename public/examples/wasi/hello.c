// Hello world for wasm32-wasi: one line to stdout, one to stderr, exit status 0.
#include <stdio.h>

int main(void) {
  printf("Hello from C on WASI!\n");
  fprintf(stderr, "this line goes to stderr\n");
  return 0;
}
