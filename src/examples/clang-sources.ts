// Sources of the C and C++ examples, compiled in the page by clang (wasm32-wasip1). Each one's
// output is checked by src/examples/clang-examples.test.ts (the real compiler, in Node).

export const HELLO_C = `// Hello from C: printf goes to stdout through WASI fd_write.
#include <stdio.h>

int main(void) {
  printf("Hello from C, compiled in your browser!\\n");
  return 0;
}
`;

export const WORD_COUNT_C = `// Word count: reads /input.txt from the in-memory file system (edit it in the Files panel).
#include <ctype.h>
#include <stdio.h>

int main(void) {
  FILE *in = fopen("/input.txt", "r");
  if (!in) {
    perror("/input.txt");
    return 1;
  }
  long lines = 0, words = 0, bytes = 0;
  int c, in_word = 0;
  while ((c = fgetc(in)) != EOF) {
    bytes++;
    if (c == '\\n') lines++;
    if (isspace(c)) {
      in_word = 0;
    } else if (!in_word) {
      in_word = 1;
      words++;
    }
  }
  fclose(in);
  printf("%ld lines, %ld words, %ld bytes\\n", lines, words, bytes);
  return 0;
}
`;

export const FIB_C = `// Recursive Fibonacci: every call is metered, so the fuel shows the cost of recursion.
#include <stdio.h>

static int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

int main(void) {
  for (int n = 0; n <= 20; n += 5) printf("fib(%d) = %d\\n", n, fib(n));
  return 0;
}
`;

export const QSORT_C = `// qsort from the C library with a comparator of our own (descending, then by name).
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
  for (size_t i = 0; i < n; i++) printf("%zu. %s %d\\n", i + 1, table[i].name, table[i].points);
  return 0;
}
`;

export const CLASS_CPP = `// A C++ class, built with -fno-exceptions (this compiler's libc++ has no exception support).
#include <cstdio>

class Stack {
 public:
  bool push(int v) {
    if (size_ == kCapacity) return false;
    items_[size_++] = v;
    return true;
  }
  bool pop(int &out) {
    if (size_ == 0) return false;
    out = items_[--size_];
    return true;
  }
  int size() const { return size_; }

 private:
  static constexpr int kCapacity = 8;
  int items_[kCapacity] = {};
  int size_ = 0;
};

int main() {
  Stack s;
  for (int i = 1; i <= 10; i++) {
    if (!s.push(i * i)) std::printf("full at %d\\n", i);
  }
  int v;
  while (s.pop(v)) std::printf("%d ", v);
  std::printf("\\nempty: %s\\n", s.size() == 0 ? "yes" : "no");
  return 0;
}
`;
