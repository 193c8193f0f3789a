// Hashing: a 64-bit FNV-1a and a xorshift mix over a buffer (integer ALU bound).
#include "kernel.h"
#define LEN 65536
static unsigned char buf[LEN];

EXPORT long long run(int reps) {
  for (int i = 0; i < LEN; i++) buf[i] = (unsigned char)(i * 31 + 7);
  unsigned long long h = 1469598103934665603ull;
  for (int r = 0; r < reps; r++) {
    for (int i = 0; i < LEN; i++) { h ^= buf[i]; h *= 1099511628211ull; }
    h ^= h >> 33; h *= 0xff51afd7ed558ccdull; h ^= h >> 33;
    buf[r % LEN] ^= (unsigned char)h;
  }
  return (long long)h;
}
