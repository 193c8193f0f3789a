// qsort from the C library with a comparator of our own (descending, then by name).
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct score {
  const char *name;
  int points;
};

static int by_points_desc(const void *a, const void *b) {
  const struct score *x = a, *y = b;
  if (x->points != y->points) return y->points - x->points;
  return strcmp(x->name, y->name);
}

int main(void) {
  struct score table[] = {{"wat", 7}, {"c", 12}, {"rust", 12}, {"zig", 3}, {"go", 9}};
  size_t n = sizeof table / sizeof table[0];
  qsort(table, n, sizeof table[0], by_points_desc);
  for (size_t i = 0; i < n; i++) printf("%zu. %s %d\n", i + 1, table[i].name, table[i].points);
  return 0;
}
