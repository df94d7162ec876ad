export interface OutStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** What the CLI touches of the process; tests pass their own. */
export interface CliIO {
  stdout: OutStream;
  stderr: OutStream;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export function processIO(): CliIO {
  return { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env };
}
