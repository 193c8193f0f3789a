// Interpreter loop: a bytecode VM dispatching on a switch (the shape of most interpreters).
#include "kernel.h"
enum { PUSH, ADD, SUB, DUP, SWAP, JNZ, DEC, POP, HALT, MUL, MOD };
static const int program[] = {
    PUSH, 0,          // acc
    PUSH, 0,          // counter placeholder (set by run)
    // loop: stack = acc, counter
    SWAP, DUP, PUSH, 3, MUL, PUSH, 7, ADD, PUSH, 1000003, MOD, SWAP, POP, SWAP,
    DEC, DUP, JNZ, 4, POP, HALT};
static int stack[64];

EXPORT int run(int n) {
  int pc = 0, sp = 0, steps = 0;
  for (;;) {
    steps++;
    int op = program[pc++];
    switch (op) {
      case PUSH: stack[sp++] = program[pc++]; if (pc == 4) stack[sp - 1] = n; break;
      case ADD: sp--; stack[sp - 1] += stack[sp]; break;
      case SUB: sp--; stack[sp - 1] -= stack[sp]; break;
      case MUL: sp--; stack[sp - 1] *= stack[sp]; break;
      case MOD: sp--; stack[sp - 1] %= stack[sp]; break;
      case DUP: stack[sp] = stack[sp - 1]; sp++; break;
      case SWAP: { int t = stack[sp - 1]; stack[sp - 1] = stack[sp - 2]; stack[sp - 2] = t; break; }
      case POP: sp--; break;
      case DEC: stack[sp - 1]--; break;
      case JNZ: sp--; if (stack[sp]) pc = program[pc]; else pc++; break;
      case HALT: return stack[sp - 1] + steps;
    }
  }
}
