/** Starts a real missive-server (the cargo-built binary) for a test. */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, Socket } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
/** Built by `cargo build -p missive-server` (scripts/test.sh does it first). */
export const SERVER_BIN = process.env.MISSIVE_SERVER_BIN ?? resolve(here, "../../../../target/debug/missive-server");

export class TestServer {
  private child: ChildProcess | undefined;
  private constructor(
    readonly port: number,
    readonly dataDir: string,
    private readonly env: Record<string, string>,
  ) {}

  static async start(env: Record<string, string> = {}): Promise<TestServer> {
    const server = new TestServer(await freePort(), mkdtempSync(join(tmpdir(), "missive-sdk-")), env);
    await server.launch();
    return server;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** SIGTERM (streams end with UNAVAILABLE), then the same port and data again. */
  async restart(): Promise<void> {
    await this.stop();
    await this.launch();
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((done) => child.once("exit", done));
    child.kill("SIGTERM");
    await exited;
  }

  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  private async launch(): Promise<void> {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      MISSIVE_LISTEN: `127.0.0.1:${this.port}`,
      MISSIVE_DATA_DIR: this.dataDir,
      RUST_LOG: "warn",
      ...this.env,
    };
    delete env.DATABASE_URL;
    delete env.REDIS_URL;
    this.child = spawn(SERVER_BIN, [], { env, stdio: ["ignore", "ignore", "inherit"] });
    for (let i = 0; i < 200; i++) {
      if (await accepts(this.port)) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`missive-server did not listen on ${this.port}`);
  }
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once("error", fail);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => done(typeof address === "object" && address ? address.port : 0));
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = new Socket();
    socket.once("connect", () => {
      socket.destroy();
      done(true);
    });
    socket.once("error", () => done(false));
    socket.connect(port, "127.0.0.1");
  });
}
