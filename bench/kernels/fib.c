// Recursive fib: call-heavy, the worst case for per-call metering.
#include "kernel.h"
static int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
EXPORT int run(int n) { return fib(n); }
