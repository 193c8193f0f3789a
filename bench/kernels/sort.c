// Sorting: quicksort of pseudo-random integers (branchy, memory-heavy).
#include "kernel.h"
#define N 50000
static unsigned data[N];

static void quicksort(unsigned *v, int lo, int hi) {
  while (lo < hi) {
    unsigned p = v[(lo + hi) / 2];
    int i = lo, j = hi;
    while (i <= j) {
      while (v[i] < p) i++;
      while (v[j] > p) j--;
      if (i <= j) { unsigned t = v[i]; v[i] = v[j]; v[j] = t; i++; j--; }
    }
    if (j - lo < hi - i) { quicksort(v, lo, j); lo = i; } else { quicksort(v, i, hi); hi = j; }
  }
}

EXPORT int run(int reps) {
  unsigned seed = 12345, check = 0;
  for (int r = 0; r < reps; r++) {
    for (int i = 0; i < N; i++) { seed = seed * 1103515245u + 12345u; data[i] = seed >> 8; }
    quicksort(data, 0, N - 1);
    check ^= data[N / 2] + data[r % N];
  }
  return (int)check;
}
