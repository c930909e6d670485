/**
 * Roadshow's entry point. `npm start` runs the built app (production); `npm run dev` runs this
 * file under `remix dev --manual`, re-importing the Remix build after each rebuild without
 * restarting the server (sockets and the database stay up).
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { ConfigError, parseConfig } from "./app/env.server";
import { startServer } from "./app/server/start.server";
import { describeError } from "./db/log-safe";

const BUILD_PATH = path.resolve("build/index.js");

async function importBuild(): Promise<ServerBuild> {
  const url = pathToFileURL(BUILD_PATH).href;
  return (await import(`${url}?t=${Date.now()}`)) as ServerBuild;
}

async function main() {
  let config;
  try {
    config = parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }

  let build = await importBuild();
  let getBuild: ServerBuild | (() => Promise<ServerBuild>) = build;
  if (config.env === "development") {
    const { broadcastDevReady } = await import("@remix-run/node");
    const chokidar = await import("chokidar");
    getBuild = async () => build;
    chokidar.watch(BUILD_PATH, { ignoreInitial: true }).on("all", () => {
      void importBuild().then((next) => {
        build = next;
        return broadcastDevReady(build);
      });
    });
  }

  const server = await startServer({ config, build: getBuild });
  const db =
    server.services.dbDriver === "pglite" ? `embedded PGlite in ${config.dataDir}` : "PostgreSQL";
  console.log(
    `Roadshow 社区路演 listening on ${server.url} (${config.env}, ${db}, realtime: ${server.realtime.status()})`,
  );
  if (config.env === "development") {
    const { broadcastDevReady } = await import("@remix-run/node");
    await broadcastDevReady(build);
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: shutting down (finishing in-flight requests)…`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(describeError(error));
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

main().catch((error: unknown) => {
  console.error(describeError(error));
  process.exit(1);
});
