import { createInterface } from 'node:readline';

/** Line-by-line terminal I/O that works the same on a TTY and on a pipe (tests, scripts). */
export interface Terminal {
  /** Prints the prompt and resolves with the next line, or undefined at end of input (Ctrl-D, closed pipe). */
  ask(prompt: string): Promise<string | undefined>;
  print(...lines: string[]): void;
  /** True when output is a terminal that understands ANSI styles. */
  readonly ansi: boolean;
  close(): void;
}

export const openTerminal = (
  input: NodeJS.ReadableStream & { isTTY?: boolean } = process.stdin,
  output: NodeJS.WritableStream & { isTTY?: boolean } = process.stdout,
): Terminal => {
  const interactive = input.isTTY === true && output.isTTY === true;
  const rl = createInterface({ input, output, terminal: interactive, historySize: 200 });
  // The iterator buffers lines that arrive before they are asked for (a pipe delivers them all at once).
  const lines = rl[Symbol.asyncIterator]();
  // Ctrl-C ends the console like Ctrl-D does.
  rl.on('SIGINT', () => rl.close());

  return {
    ansi: output.isTTY === true && process.env.NO_COLOR === undefined,
    async ask(prompt) {
      rl.setPrompt(prompt);
      rl.prompt();
      const next = await lines.next();
      if (next.done === true) {
        output.write('\n');
        return undefined;
      }
      // On a pipe nothing echoes what was typed; echoing keeps the transcript readable.
      if (!interactive) output.write(`${next.value}\n`);
      return next.value;
    },
    print(...text) {
      output.write(`${text.join('\n')}\n`);
    },
    close() {
      rl.close();
    },
  };
};
