// Reads the clocks and the random source. In deterministic mode every run prints the same
// values (fixed epoch, a monotonic clock that advances per call, seeded random bytes).
#include <stdio.h>
#include <time.h>
#include <unistd.h>

int main(void) {
  struct timespec real, mono1, mono2;
  clock_gettime(CLOCK_REALTIME, &real);
  clock_gettime(CLOCK_MONOTONIC, &mono1);
  clock_gettime(CLOCK_MONOTONIC, &mono2);
  printf("realtime: %lld.%09ld\n", (long long)real.tv_sec, real.tv_nsec);
  printf("monotonic: %lld.%09ld then %lld.%09ld\n", (long long)mono1.tv_sec, mono1.tv_nsec,
         (long long)mono2.tv_sec, mono2.tv_nsec);
  printf("time(): %lld\n", (long long)time(NULL));

  // A 10 ms sleep (poll_oneoff on a clock): virtual time jumps ahead instead of waiting.
  struct timespec nap = {0, 10 * 1000 * 1000}, mono3;
  nanosleep(&nap, NULL);
  clock_gettime(CLOCK_MONOTONIC, &mono3);
  printf("after sleeping 10 ms: %lld.%09ld\n", (long long)mono3.tv_sec, mono3.tv_nsec);

  unsigned char bytes[16];
  if (getentropy(bytes, sizeof bytes) != 0) {
    perror("getentropy");
    return 1;
  }
  printf("random:");
  for (unsigned i = 0; i < sizeof bytes; i++) printf(" %02x", bytes[i]);
  printf("\n");
  return 0;
}
