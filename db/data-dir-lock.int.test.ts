/**
 * The embedded database's lock: two live processes on one data folder are refused; a lock
 * left by a process killed with SIGKILL, or naming a pid that now belongs to some unrelated
 * process, never blocks a start.
 */
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createDb, DataDirInUseError } from "./client";
import { lockFileOf } from "./data-dir-lock";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "roadshow-lock-"));
const dataDir = path.join(root, "pglite");
const children: ChildProcess[] = [];

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
  fs.rmSync(root, { recursive: true, force: true });
});

function exited(child: ChildProcess) {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
  });
}

/** Another Roadshow process holding the data folder open. */
async function holder() {
  const script = path.join(root, "hold.mts");
  fs.writeFileSync(
    script,
    `import { createDb } from ${JSON.stringify(path.resolve("db/client.ts"))};\n` +
      `await createDb({ pgliteDataDir: ${JSON.stringify(dataDir)} });\n` +
      `console.log("READY");\nsetInterval(() => {}, 1000);\n`,
  );
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => {
      if (d.toString().includes("READY")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`holder exited with ${code}`)));
  });
  return child;
}

/** Some live process that has nothing to do with Roadshow. */
function unrelated() {
  const child = spawn("sleep", ["120"], { stdio: "ignore" });
  children.push(child);
  return child;
}

function startTicksOf(pid: number) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19]);
}

async function opens() {
  const handle = await createDb({ pgliteDataDir: dataDir });
  await handle.ping();
  await handle.close();
  expect(fs.existsSync(lockFileOf(dataDir))).toBe(false);
}

const linux = fs.existsSync("/proc/self/stat");

describe("the PGlite data folder lock", () => {
  it("refuses a second live process and takes over from one killed with SIGKILL", async () => {
    const child = await holder();
    await expect(createDb({ pgliteDataDir: dataDir })).rejects.toBeInstanceOf(DataDirInUseError);
    child.kill("SIGKILL");
    await exited(child);
    expect(fs.existsSync(lockFileOf(dataDir))).toBe(true); // left behind
    await opens();
  }, 240_000);

  it.runIf(linux)(
    "is not fooled by a stale lock whose pid now runs something else",
    async () => {
      const other = unrelated();
      const pid = other.pid!;
      const lock = lockFileOf(dataDir);
      const bootId = fs.readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();

      // The pid was reused: same boot, another process start.
      fs.writeFileSync(lock, JSON.stringify({ pid, startTicks: startTicksOf(pid) - 1, bootId }));
      await opens();

      // A lock from before the last reboot.
      fs.writeFileSync(lock, JSON.stringify({ pid, startTicks: startTicksOf(pid), bootId: "x" }));
      await opens();

      // An older version's lock (a bare pid) written before that process started.
      fs.writeFileSync(lock, String(pid));
      const hourAgo = new Date(Date.now() - 3600_000);
      fs.utimesSync(lock, hourAgo, hourAgo);
      await opens();

      // But a lock that names a process as it is now is a live owner.
      fs.writeFileSync(lock, JSON.stringify({ pid, startTicks: startTicksOf(pid), bootId }));
      await expect(createDb({ pgliteDataDir: dataDir })).rejects.toBeInstanceOf(DataDirInUseError);
      fs.rmSync(lock);
    },
    60_000,
  );
});
