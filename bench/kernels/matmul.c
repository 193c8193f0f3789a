// Matrix multiply: dense float loops over linear memory.
#include "kernel.h"
#define N 96
static double a[N * N], b[N * N], c[N * N];

EXPORT int run(int reps) {
  for (int i = 0; i < N * N; i++) { a[i] = (i % 7) * 0.5; b[i] = (i % 5) * 0.25; }
  double sum = 0;
  for (int r = 0; r < reps; r++) {
    for (int i = 0; i < N; i++)
      for (int j = 0; j < N; j++) {
        double s = 0;
        for (int k = 0; k < N; k++) s += a[i * N + k] * b[k * N + j];
        c[i * N + j] = s;
      }
    sum += c[r % (N * N)];
    a[r % (N * N)] += 1;
  }
  return (int)sum;
}
