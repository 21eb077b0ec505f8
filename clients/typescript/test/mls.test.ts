/**
 * MLS interop through a live server: a device of the Rust CLI (openmls) and
 * a device of this SDK (ts-mls) in one group, each reading the other.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { after, before, describe, test } from "node:test";
import { MissiveClient, MlsDevice, type Event } from "../src/index.js";
import { TestServer } from "./server.js";

const here = fileURLToPath(new URL(".", import.meta.url));
/** Built by `cargo build -p missive-cli` (scripts/test.sh does it first). */
const CLI_BIN = process.env.MISSIVE_CLI_BIN ?? resolve(here, "../../../../target/debug/missive");
const PASSWORD = "correct horse battery staple";
const encoder = new TextEncoder();
const decoder = new TextDecoder();

async function nextOf<K extends string>(events: AsyncGenerator<Event>, kind: K) {
  for (;;) {
    const next = await Promise.race([
      events.next(),
      new Promise<never>((_, fail) => setTimeout(() => fail(new Error(`no ${kind} within 10 s`)), 10_000)),
    ]);
    assert.ok(!next.done, "stream ended");
    if (next.value.payload.case === kind) return next.value.payload.value as never;
  }
}

describe("MLS between the CLI (openmls) and the SDK (ts-mls)", () => {
  let server: TestServer;
  let profiles: string;
  before(async () => {
    server = await TestServer.start();
    profiles = mkdtempSync(join(tmpdir(), "missive-mls-"));
  });
  after(async () => {
    await server.dispose();
    rmSync(profiles, { recursive: true, force: true });
  });

  const cli = async (profile: string, ...args: string[]): Promise<string> => {
    const run = promisify(execFile);
    const env = { ...process.env, MISSIVE_PASSWORD: PASSWORD };
    const { stdout } = await run(CLI_BIN, ["--server", server.url, "--profile", join(profiles, profile), ...args], { env });
    return stdout;
  };

  test("a CLI device and a TypeScript device read each other, commits cross both ways, tampering is refused", async () => {
    await cli("alice", "register", "alice");
    const bob = await MissiveClient.connect({ baseUrl: server.url, transport: "grpc" });
    const session = await bob.register({ handle: "bob", password: PASSWORD });
    let bobMls = await MlsDevice.of(session);
    await bob.keys.uploadKeyPackages({ keyPackages: await bobMls.keyPackages(3) });
    await cli("alice", "connect", "bob");
    await bob.connectWith("alice");
    const events = bob.eventStream();

    // openmls creates the group and adds the ts-mls device.
    const created = await cli("alice", "group", "create", "team", "bob");
    const id = created.split(/\s+/)[3] ?? assert.fail(`no conversation id in: ${created}`);
    const conversation = { id, domain: session.domain };
    const groupId = encoder.encode(`${id}@${session.domain}`);
    const welcome = await nextOf(events, "mlsWelcome");
    assert.deepEqual(await bobMls.join((welcome as { welcome: Uint8Array }).welcome), groupId);
    assert.equal(bobMls.epoch(groupId), 1n);

    // openmls → ts-mls, and a changed copy refused on the way.
    await cli("alice", "send", "--conversation", id, "--", "hello from openmls");
    const first = (await nextOf(events, "mlsMessageAdded")) as { message: Uint8Array };
    const tampered = first.message.slice();
    tampered[tampered.length - 1]! ^= 1;
    await assert.rejects(bobMls.receive(groupId, tampered), "a tampered message is refused");
    const received = await bobMls.receive(groupId, first.message);
    assert.equal(received.kind, "application");
    assert.equal(decoder.decode((received as { text: Uint8Array }).text), "hello from openmls");

    // ts-mls → openmls.
    const message = await bobMls.encrypt(groupId, encoder.encode("hello from ts-mls"));
    await bob.mls.sendMlsMessage({ conversation, message });
    assert.match(await cli("alice", "listen", "--count", "1", "--idle-timeout", "10"), /message from bob: hello from ts-mls/);

    // The SDK device restarts from its exported state and goes on.
    bobMls = await MlsDevice.of(session, bobMls.exportState());
    assert.equal(bobMls.epoch(groupId), 1n);

    // A ts-mls commit, checked by the server with openmls and merged by the CLI.
    const pending = await bobMls.selfUpdate(groupId);
    const taken = await bob.mls.sendCommitBundle({ conversation, ...pending.bundle });
    assert.equal(taken.epoch, 2n);
    bobMls.accepted(groupId, pending);
    await bob.mls.sendMlsMessage({ conversation, message: await bobMls.encrypt(groupId, encoder.encode("at epoch two")) });
    const heard = await cli("alice", "listen", "--count", "1", "--idle-timeout", "10");
    assert.match(heard, /moved the group to epoch 2/);
    assert.match(heard, /message from bob: at epoch two/);

    // An openmls commit adding a third device (another CLI user), merged by
    // ts-mls; then that device reads the ts-mls device.
    await cli("carol", "register", "carol");
    await cli("alice", "connect", "carol");
    await cli("carol", "accept", "alice");
    assert.match(await cli("alice", "group", "add", "--conversation", id, "carol"), /epoch 3/);
    const commit = (await nextOf(events, "mlsMessageAdded")) as { message: Uint8Array };
    assert.deepEqual(await bobMls.receive(groupId, commit.message), { kind: "commit" });
    assert.equal(bobMls.epoch(groupId), 3n);
    await bob.mls.sendMlsMessage({ conversation, message: await bobMls.encrypt(groupId, encoder.encode("hi carol")) });
    const carolHeard = await cli("carol", "listen", "--count", "1", "--idle-timeout", "10");
    assert.match(carolHeard, /joined MLS conversation/);
    assert.match(carolHeard, /message from bob: hi carol/);

    // An openmls proposal, then the commit that includes it by reference.
    await cli("alice", "group", "propose-remove", "--conversation", id, "carol");
    const proposal = (await nextOf(events, "mlsMessageAdded")) as { message: Uint8Array };
    assert.deepEqual(await bobMls.receive(groupId, proposal.message), { kind: "proposal" });
    assert.match(await cli("alice", "group", "commit", "--conversation", id), /epoch 4/);
    const byReference = (await nextOf(events, "mlsMessageAdded")) as { message: Uint8Array };
    assert.deepEqual(await bobMls.receive(groupId, byReference.message), { kind: "commit" });
    assert.equal(bobMls.epoch(groupId), 4n);
    await events.return(undefined);
  });
});
