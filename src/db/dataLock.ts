// The lock file that keeps a second process off an embedded data folder: PGlite does not lock its
// files, and two processes writing one folder lose rows without an error.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const LOCK_FILE = 'kolorob.lock';

interface LockOwner {
  pid: number;
  host: string;
  startedAt: string;
}

export class DataFolderLockedError extends Error {
  constructor(
    readonly folder: string,
    readonly owner: LockOwner,
  ) {
    super(
      `The data folder ${folder} is in use by another Kolorob process (pid ${owner.pid} on ${owner.host}, ` +
        `started ${owner.startedAt}). Stop that process, or point KOLOROB_DATA at another folder.`,
    );
    this.name = 'DataFolderLockedError';
  }
}

export interface DataLock {
  path: string;
  release(): void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM means the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(file: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(fs.readFileSync(file, 'utf8')) as LockOwner;
    return typeof owner.pid === 'number' ? owner : undefined;
  } catch {
    return undefined;
  }
}

/** Takes the folder's lock, or throws DataFolderLockedError naming the live holder. A lock left by a dead process is taken over. */
export function acquireDataLock(folder: string): DataLock {
  fs.mkdirSync(folder, { recursive: true });
  const file = path.join(folder, LOCK_FILE);
  const me: LockOwner = { pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(me), { flag: 'wx' });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        const owner = readOwner(file);
        if (owner?.pid === me.pid) fs.rmSync(file, { force: true });
      };
      process.once('exit', release);
      return { path: file, release };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    let owner = readOwner(file);
    if (!owner) {
      // Another process may be between creating the file and writing its contents.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
      owner = readOwner(file);
    }
    if (owner && owner.host === me.host && owner.pid !== me.pid && isAlive(owner.pid)) {
      throw new DataFolderLockedError(folder, owner);
    }
    if (owner && owner.host !== me.host) throw new DataFolderLockedError(folder, owner);
    // Stale (dead holder) or unreadable: move it aside atomically so only one taker wins the retry.
    const aside = `${file}.stale-${process.pid}`;
    try {
      fs.renameSync(file, aside);
      fs.rmSync(aside, { force: true });
    } catch {
      // Someone else moved it first; try again.
    }
  }
  throw new Error(`Could not take the lock on ${folder}: ${file} keeps changing.`);
}
