// Recursive Fibonacci: every call is metered, so the fuel shows the cost of recursion.
#include <stdio.h>

static int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

int main(void) {
  for (int n = 0; n <= 20; n += 5) printf("fib(%d) = %d\n", n, fib(n));
  return 0;
}
