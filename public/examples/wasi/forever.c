// Never ends: a loop with a side effect the compiler cannot remove, for timeout and fuel tests.
#include <stdio.h>

volatile unsigned long counter;

int main(void) {
  printf("looping forever\n");
  fflush(stdout);
  for (;;) counter++;
}
