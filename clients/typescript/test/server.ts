/** Starts a real missive-server (the cargo-built binary) for a test. */
import { spawn, type ChildProcess } from "node:child_process";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, Socket } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
/** Built by `cargo build -p missive-server` (scripts/test.sh does it first). */
export const SERVER_BIN = process.env.MISSIVE_SERVER_BIN ?? resolve(here, "../../../../target/debug/missive-server");
/** Built by `cargo build -p missive-testkit --bin missive-test-certs` (scripts/test.sh). */
export const CERTS_BIN = process.env.MISSIVE_TEST_CERTS_BIN ?? resolve(here, "../../../../target/debug/missive-test-certs");

export class TestServer {
  private child: ChildProcess | undefined;
  /** The CA of the server's certificate when it speaks TLS (PEM). */
  readonly ca: string | undefined;
  /** The server's certificate when it speaks TLS (PEM). */
  readonly certificate: string | undefined;
  private constructor(
    readonly port: number,
    readonly dataDir: string,
    private readonly env: Record<string, string>,
    tls: boolean,
  ) {
    if (tls) {
      // A fresh CA and certificate (rcgen) for localhost, every run.
      const certs = join(dataDir, "certs");
      execFileSync(CERTS_BIN, [certs]);
      this.env = { ...env, MISSIVE_TLS_CERT_FILE: join(certs, "server.crt"), MISSIVE_TLS_KEY_FILE: join(certs, "server.key") };
      this.ca = readFileSync(join(certs, "ca.crt"), "utf8");
      this.certificate = readFileSync(join(certs, "server.crt"), "utf8");
    }
  }

  /** With `tls`, the client API speaks TLS only, with a certificate from `ca`. */
  static async start(env: Record<string, string> = {}, options: { tls?: boolean } = {}): Promise<TestServer> {
    const server = new TestServer(await freePort(), mkdtempSync(join(tmpdir(), "missive-sdk-")), env, options.tls ?? false);
    await server.launch();
    return server;
  }

  get url(): string {
    return this.ca === undefined ? `http://127.0.0.1:${this.port}` : `https://localhost:${this.port}`;
  }

  /** SIGTERM (streams end with UNAVAILABLE), then the same port and data again. */
  async restart(): Promise<void> {
    await this.stop();
    await this.launch();
  }

  /** SIGKILL at once, as a crash; `relaunch` starts it again. */
  killNow(): void {
    this.child?.kill("SIGKILL");
  }

  async relaunch(): Promise<void> {
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) await new Promise((done) => child.once("exit", done));
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

/** A port nothing listens on now. */
export async function freePort(): Promise<number> {
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
