/**
 * PGlite allows one process per data folder. A lock file beside the folder names its owner:
 * `{ pid, startTicks, bootId }`, the pid with the moment the kernel started that process and
 * the boot it belongs to. A pid alone is not enough: after a kill -9 (or a power cut) the lock
 * stays behind, and its pid may be reused by any other process, which would keep the server
 * out for good.
 *
 *   lock exists ─┬─ other boot ─────────────────────────────▶ stale: take over
 *                ├─ pid not running ────────────────────────▶ stale: take over
 *                ├─ pid running, started at another moment ─▶ stale (pid reused): take over
 *                └─ pid running, same start ────────────────▶ live owner: refuse
 *
 * A lock written by an older version holds the bare pid: it is stale when that process started
 * after the lock was written. Where /proc is missing (macOS, Windows) only "pid not running"
 * can be told apart. A dead owner is taken over at once, so a restart after a crash never
 * waits (a lock that goes stale by time, as proper-lockfile's does, would keep a restarted
 * server out for its staleness window).
 */
import fs from "node:fs";
import path from "node:path";

export class DataDirInUseError extends Error {}

interface Owner {
  pid: number;
  /** Start of the process in clock ticks after boot (/proc/<pid>/stat, field 22). */
  startTicks?: number;
  bootId?: string;
}

/** /proc counts in USER_HZ, which Linux fixes at 100 for every architecture's user ABI. */
const USER_HZ = 100;

export function lockFileOf(dir: string) {
  return path.join(path.dirname(dir), `${path.basename(dir)}.pid`);
}

/** Takes the lock of a data folder; resolves to its release. */
export async function lockDataDir(dir: string): Promise<() => Promise<void>> {
  const file = lockFileOf(dir);
  const me: Owner = { pid: process.pid, startTicks: startTicks(process.pid), bootId: bootId() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(me), { flag: "wx" });
      return async () => {
        try {
          if (readOwner(file)?.pid === process.pid) fs.unlinkSync(file);
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = readOwner(file);
      if (owner && owner.pid !== process.pid && ownerIsLive(owner, file)) {
        throw new DataDirInUseError(
          `The embedded database in ${dir} is in use by another Roadshow process (pid ${owner.pid}). ` +
            "Stop it first (or use the web interface while it runs).",
        );
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw new DataDirInUseError(`Could not lock ${dir}`);
}

function readOwner(file: string): Owner | null {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8").trim();
  } catch {
    return null;
  }
  if (/^\d+$/.test(text)) return { pid: Number(text) }; // written by an older version
  try {
    const parsed = JSON.parse(text) as Partial<Owner>;
    return Number.isSafeInteger(parsed.pid) && parsed.pid! > 0 ? (parsed as Owner) : null;
  } catch {
    return null; // torn or garbled: nobody can own it
  }
}

function ownerIsLive(owner: Owner, file: string) {
  const thisBoot = bootId();
  if (owner.bootId && thisBoot && owner.bootId !== thisBoot) return false;
  if (!isRunning(owner.pid)) return false;
  const started = startTicks(owner.pid);
  if (started === undefined) return true; // no /proc: a running pid is all we can know
  if (owner.startTicks !== undefined) return owner.startTicks === started;
  // An older lock: its owner must have started before the lock was written.
  const boot = bootTimeMs();
  if (boot === undefined) return true;
  return boot + (started * 1000) / USER_HZ <= fs.statSync(file).mtimeMs + 1000;
}

function isRunning(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function startTicks(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) is in parentheses and may hold spaces or parentheses itself.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[19]);
    return Number.isSafeInteger(ticks) ? ticks : undefined;
  } catch {
    return undefined;
  }
}

function bootId(): string | undefined {
  try {
    return fs.readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim() || undefined;
  } catch {
    return undefined;
  }
}

function bootTimeMs(): number | undefined {
  try {
    const btime = /^btime (\d+)$/m.exec(fs.readFileSync("/proc/stat", "utf8"))?.[1];
    return btime ? Number(btime) * 1000 : undefined;
  } catch {
    return undefined;
  }
}
