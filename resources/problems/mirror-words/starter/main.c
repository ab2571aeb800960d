#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* lines: the input's lines, without their line breaks; count: how many. Return the translated lines joined by line breaks.
   Print the answer. */
static void solve(char **lines, size_t count)
{
    /* TODO: your solution */
    (void)lines;
    (void)count;
    printf("\n");
}

int main(void)
{
    size_t count = 0, capacity = 256;
    char **lines = malloc(capacity * sizeof *lines);
    char *line = NULL;
    size_t size = 0;
    ssize_t length;
    if (!lines)
        return 1;
    while ((length = getline(&line, &size, stdin)) >= 0) {
        if (length > 0 && line[length - 1] == '\n')
            line[--length] = '\0';
        if (count == capacity) {
            char **grown = realloc(lines, 2 * capacity * sizeof *lines);
            if (!grown)
                return 1;
            lines = grown;
            capacity *= 2;
        }
        lines[count++] = strdup(line);
    }
    free(line);
    solve(lines, count);
    for (size_t i = 0; i < count; i++)
        free(lines[i]);
    free(lines);
    return 0;
}
