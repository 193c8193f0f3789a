// Mandelbrot set: float loops with an early exit and no memory traffic in the inner loop.
#include "kernel.h"
#define W 400
#define H 300
static unsigned char image[W * H];

EXPORT int run(int max_iter) {
  int inside = 0;
  for (int y = 0; y < H; y++) {
    double ci = -1.2 + 2.4 * y / H;
    for (int x = 0; x < W; x++) {
      double cr = -2.2 + 3.2 * x / W, zr = 0, zi = 0;
      int i = 0;
      while (i < max_iter && zr * zr + zi * zi <= 4.0) {
        double t = zr * zr - zi * zi + cr;
        zi = 2 * zr * zi + ci;
        zr = t;
        i++;
      }
      image[y * W + x] = (unsigned char)i;
      inside += i == max_iter;
    }
  }
  return inside;
}
