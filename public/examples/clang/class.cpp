// A C++ class, built with -fno-exceptions (this compiler's libc++ has no exception support).
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
    if (!s.push(i * i)) std::printf("full at %d\n", i);
  }
  int v;
  while (s.pop(v)) std::printf("%d ", v);
  std::printf("\nempty: %s\n", s.size() == 0 ? "yes" : "no");
  return 0;
}
