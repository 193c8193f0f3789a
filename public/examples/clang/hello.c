// Hello from C: printf goes to stdout through WASI fd_write.
#include <stdio.h>

int main(void) {
  printf("Hello from C, compiled in your browser!\n");
  return 0;
}
