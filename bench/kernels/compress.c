// Compressor: LZ77-style greedy matching with a hash table, then run-length of literals.
#include "kernel.h"
#define LEN 32768
static unsigned char in[LEN], out[LEN * 2];
static int table[4096];

static int compress(int len) {
  for (int i = 0; i < 4096; i++) table[i] = -1;
  int o = 0, i = 0;
  while (i + 3 < len) {
    unsigned h = ((in[i] << 8) ^ (in[i + 1] << 4) ^ in[i + 2]) & 4095;
    int cand = table[h];
    table[h] = i;
    int m = 0;
    if (cand >= 0 && i - cand < 65535)
      while (i + m < len && m < 255 && in[cand + m] == in[i + m]) m++;
    if (m >= 4) { out[o++] = 0xff; out[o++] = (unsigned char)m; out[o++] = (unsigned char)(i - cand); i += m; }
    else out[o++] = in[i++];
  }
  while (i < len) out[o++] = in[i++];
  return o;
}

EXPORT int run(int reps) {
  unsigned seed = 7;
  int total = 0;
  for (int r = 0; r < reps; r++) {
    for (int i = 0; i < LEN; i++) {
      seed = seed * 1664525u + 1013904223u;
      in[i] = (unsigned char)("the quick brown fox "[(seed >> 24) % 20]);
    }
    total += compress(LEN);
  }
  return total;
}
