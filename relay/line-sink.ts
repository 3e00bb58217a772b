// Where the relay's log lines go. Node writes to a regular file synchronously, so with
// standard output redirected to a file every request would wait for the disk (and, on a
// journaling file system, for other programs' fsyncs) before the relay could take the next
// one. Lines bound for a file are therefore queued and written in order, one asynchronous
// write at a time, batching whatever arrived meanwhile. Pipes and terminals already get
// Node's own stream handling and go straight to process.stdout.
// Rule: every line is written whole, in order, exactly once; drain() waits for all of them.
import { fstatSync, write } from 'node:fs';

export interface LineSink {
  /** Queues one line (without its newline). Never throws, never blocks on the disk. */
  write(line: string): void;
  /** Resolves once every line queued so far has been written (or the file refused it). */
  drain(): Promise<void>;
}

/** A sink appending to an open file descriptor of a regular file. */
export function createFileLineSink(fd: number, onError: (error: Error) => void = () => undefined): LineSink {
  let queued: string[] = [];
  let writing = false;
  let waiters: (() => void)[] = [];

  const settle = (): void => {
    const done = waiters;
    waiters = [];
    for (const resolve of done) resolve();
  };

  const writeChunk = (chunk: Buffer, offset: number): void => {
    write(fd, chunk, offset, chunk.length - offset, null, (error, written) => {
      if (error) {
        // The file is gone or full: report once per chunk and carry on with later lines.
        onError(error);
      } else if (offset + written < chunk.length) {
        writeChunk(chunk, offset + written);
        return;
      }
      writing = false;
      pump();
    });
  };

  function pump(): void {
    if (writing) return;
    if (queued.length === 0) {
      settle();
      return;
    }
    const chunk = Buffer.from(queued.join(''));
    queued = [];
    writing = true;
    writeChunk(chunk, 0);
  }

  return {
    write(line) {
      queued.push(`${line}\n`);
      pump();
    },
    drain() {
      if (!writing && queued.length === 0) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
  };
}

function isRegularFile(fd: number): boolean {
  try {
    return fstatSync(fd).isFile();
  } catch {
    return false;
  }
}

/** The relay's standard output: queued writes for a file, Node's stream for anything else. */
export function createStdoutLineSink(): LineSink {
  if (isRegularFile(1)) {
    return createFileLineSink(1, (error) => process.stderr.write(`relay log write failed: ${error.message}\n`));
  }
  return {
    write: (line) => {
      process.stdout.write(`${line}\n`);
    },
    drain: () => new Promise((resolve) => process.stdout.write('', () => resolve())),
  };
}
