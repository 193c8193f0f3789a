// Echoes stdin back to stdout with line numbers, then reports how many bytes it read.
#include <stdio.h>

int main(void) {
  char line[4096];
  long n = 0, total = 0;
  while (fgets(line, sizeof line, stdin)) {
    for (char *p = line; *p; p++) total++;
    printf("%ld: %s", ++n, line);
  }
  printf("\nread %ld bytes from stdin\n", total);
  return 0;
}
