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

const guarded = new WeakSet<NodeJS.WriteStream>();

/**
 * A reader that stops early (`iamlint | head`) closes the pipe. Without a handler Node throws
 * EPIPE with a stack trace; instead the rest of the output is dropped and the run still ends
 * with its own exit code. Other write errors are said plainly (exit 2).
 */
function dropOutputToClosedPipe(stream: NodeJS.WriteStream): NodeJS.WriteStream {
  if (guarded.has(stream)) return stream;
  guarded.add(stream);
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') return;
    process.exitCode = 2;
    if (stream !== process.stderr) process.stderr.write(`iamlint: cannot write the output: ${error.message}\n`);
  });
  return stream;
}

export function processIO(): CliIO {
  return {
    stdout: dropOutputToClosedPipe(process.stdout),
    stderr: dropOutputToClosedPipe(process.stderr),
    cwd: process.cwd(),
    env: process.env,
  };
}
