// Sieve of Eratosthenes: tight loops of byte stores.
#include "kernel.h"
#define LIMIT 1000000
static unsigned char composite[LIMIT];

EXPORT int run(int reps) {
  int count = 0;
  for (int r = 0; r < reps; r++) {
    for (int i = 0; i < LIMIT; i++) composite[i] = 0;
    count = 0;
    for (int i = 2; i < LIMIT; i++) {
      if (composite[i]) continue;
      count++;
      for (int j = i + i; j < LIMIT; j += i) composite[j] = 1;
    }
  }
  return count;
}
