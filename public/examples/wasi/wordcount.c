// Reads /input.txt, counts its lines, words and bytes, and writes a summary to /output.txt
// (like `wc`). Shows the in-memory file system: files given to the run, and files it writes.
#include <ctype.h>
#include <stdio.h>

int main(void) {
  FILE *in = fopen("/input.txt", "r");
  if (!in) {
    perror("cannot open /input.txt");
    return 1;
  }
  long lines = 0, words = 0, bytes = 0;
  int c, in_word = 0;
  while ((c = fgetc(in)) != EOF) {
    bytes++;
    if (c == '\n') lines++;
    if (isspace(c)) {
      in_word = 0;
    } else if (!in_word) {
      in_word = 1;
      words++;
    }
  }
  fclose(in);

  FILE *out = fopen("/output.txt", "w");
  if (!out) {
    perror("cannot create /output.txt");
    return 1;
  }
  fprintf(out, "lines: %ld\nwords: %ld\nbytes: %ld\n", lines, words, bytes);
  fclose(out);
  printf("wrote /output.txt: %ld lines, %ld words, %ld bytes\n", lines, words, bytes);
  return 0;
}
