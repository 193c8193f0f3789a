// Ends through exit(3): WASI proc_exit(3), reported as an "exit" with code 3.
#include <stdio.h>
#include <stdlib.h>

int main(void) {
  printf("about to exit with status 3\n");
  fflush(stdout);
  exit(3);
  printf("never printed\n");
  return 0;
}
