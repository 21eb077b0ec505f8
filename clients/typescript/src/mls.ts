/**
 * MLS (RFC 9420) for a device, on ts-mls: the same rules as the Rust
 * reference clients (docs/e2ee.md). The signature key is the device's
 * Ed25519 identity key and the credential names the device as
 * `user:device@domain`; handshakes go out as PublicMessages (the server, the
 * delivery service, checks them) with the ratchet tree in the GroupInfo;
 * application messages are always encrypted.
 */
import {
  acceptAll,
  createApplicationMessage,
  createCommit,
  createGroup,
  decodeGroupState,
  decodeMlsMessage,
  defaultCapabilities,
  defaultLifetime,
  emptyPskIndex,
  encodeGroupState,
  encodeMlsMessage,
  generateKeyPackageWithKey,
  getCiphersuiteFromName,
  getCiphersuiteImpl,
  joinGroup,
  processMessage,
  type CiphersuiteImpl,
  type ClientState,
  type Credential,
  type KeyPackage,
  type PrivateKeyPackage,
  type Proposal,
} from "ts-mls";
import { defaultClientConfig } from "ts-mls/clientConfig.js";
import { createGroupInfoWithRatchetTree } from "ts-mls/createCommit.js";
import { decodeKeyPackage, encodeKeyPackage } from "ts-mls/keyPackage.js";
import { deviceKeyFrom, fromHex, hex } from "./keys.js";
import type { DeviceSession } from "./client.js";

/** RFC 9420's mandatory ciphersuite, the one Missive's clients use. */
export const CIPHERSUITE = "MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519";

/** What a commit sends: SendCommitBundleRequest's three fields. */
export interface CommitBundle {
  commit: Uint8Array;
  /** Empty when the commit adds no device. */
  welcome: Uint8Array;
  groupInfo: Uint8Array;
}

/** A commit made but not yet taken by the server. */
export interface PendingCommit {
  bundle: CommitBundle;
  /** The group's state once the server took the commit. */
  next: ClientState;
}

/** What `exportState` writes (JSON, hex for bytes). */
interface SavedState {
  version: 1;
  groups: string[];
  keyPackages: {
    publicPackage: string;
    initPrivateKey: string;
    hpkePrivateKey: string;
    signaturePrivateKey: string;
  }[];
}

export type Received = { kind: "application"; text: Uint8Array } | { kind: "commit" } | { kind: "proposal" };

/** The credential identity the server requires of a device. */
export function mlsIdentity(userId: string, deviceId: string, domain: string): string {
  return `${userId}:${deviceId}@${domain}`;
}

const encoder = new TextEncoder();

export class MlsDevice {
  /** Groups by hex group id. */
  readonly #groups = new Map<string, ClientState>();
  /** Key packages not yet used to join, by position. */
  readonly #keyPackages: { publicPackage: KeyPackage; privatePackage: PrivateKeyPackage }[] = [];

  private constructor(
    readonly identity: string,
    private readonly signatureKeys: { signKey: Uint8Array; publicKey: Uint8Array },
    private readonly impl: CiphersuiteImpl,
  ) {}

  /**
   * The MLS device of a logged-in session (its identity key signs), with the
   * groups and key packages of `saved` (from `exportState`) if given.
   */
  static async of(session: DeviceSession, saved?: Uint8Array): Promise<MlsDevice> {
    const impl = await getCiphersuiteImpl(getCiphersuiteFromName(CIPHERSUITE));
    const key = await deviceKeyFrom(fromHex(session.secretKey));
    const identity = mlsIdentity(session.userId, key.deviceId, session.domain);
    const device = new MlsDevice(identity, { signKey: key.secretKey, publicKey: key.publicKey }, impl);
    if (saved !== undefined) device.restore(saved);
    return device;
  }

  /**
   * Everything this device keeps for MLS — group secrets and the private
   * keys of its unused key packages — to store where only the device's
   * owner can read it (it is as secret as the identity key).
   */
  exportState(): Uint8Array {
    const saved: SavedState = {
      version: 1,
      groups: [...this.#groups.values()].map((state) => hex(encodeGroupState(state))),
      keyPackages: this.#keyPackages.map(({ publicPackage, privatePackage }) => ({
        publicPackage: hex(encodeKeyPackage(publicPackage)),
        initPrivateKey: hex(privatePackage.initPrivateKey),
        hpkePrivateKey: hex(privatePackage.hpkePrivateKey),
        signaturePrivateKey: hex(privatePackage.signaturePrivateKey),
      })),
    };
    return encoder.encode(JSON.stringify(saved));
  }

  private restore(bytes: Uint8Array): void {
    const saved = JSON.parse(new TextDecoder().decode(bytes)) as SavedState;
    if (saved.version !== 1) throw new Error(`saved MLS state of unknown version ${String(saved.version)}`);
    for (const group of saved.groups) {
      const decoded = decodeGroupState(fromHex(group), 0)?.[0];
      if (decoded === undefined) throw new Error("a saved MLS group does not decode");
      this.#groups.set(hex(decoded.groupContext.groupId), { ...decoded, clientConfig: defaultClientConfig });
    }
    for (const saved_ of saved.keyPackages) {
      const publicPackage = decodeKeyPackage(fromHex(saved_.publicPackage), 0)?.[0];
      if (publicPackage === undefined) throw new Error("a saved key package does not decode");
      this.#keyPackages.push({
        publicPackage,
        privatePackage: {
          initPrivateKey: fromHex(saved_.initPrivateKey),
          hpkePrivateKey: fromHex(saved_.hpkePrivateKey),
          signaturePrivateKey: fromHex(saved_.signaturePrivateKey),
        },
      });
    }
  }

  private get credential(): Credential {
    return { credentialType: "basic", identity: encoder.encode(this.identity) };
  }

  /** Fresh key packages, encoded for KeyService.UploadKeyPackages; their private halves stay here. */
  async keyPackages(count: number): Promise<Uint8Array[]> {
    const encoded: Uint8Array[] = [];
    for (let i = 0; i < count; i++) {
      const pair = await this.newKeyPackage();
      this.#keyPackages.push(pair);
      encoded.push(encodeKeyPackage(pair.publicPackage));
    }
    return encoded;
  }

  private newKeyPackage() {
    return generateKeyPackageWithKey(this.credential, defaultCapabilities(), defaultLifetime, [], this.signatureKeys, this.impl);
  }

  /** A group of this device alone, at epoch 0, with the conversation's group id. */
  async createGroup(groupId: Uint8Array): Promise<void> {
    const own = await this.newKeyPackage();
    const state = await createGroup(groupId, own.publicPackage, own.privatePackage, [], this.impl);
    this.#groups.set(hex(groupId), state);
  }

  /** Drops a group, e.g. one made at epoch 0 whose first commit lost to another device's. */
  forget(groupId: Uint8Array): void {
    this.#groups.delete(hex(groupId));
  }

  hasGroup(groupId: Uint8Array): boolean {
    return this.#groups.has(hex(groupId));
  }

  /** The group's current epoch. */
  epoch(groupId: Uint8Array): bigint {
    return this.group(groupId).groupContext.epoch;
  }

  /** Joins by a Welcome (MlsWelcome event) with one of this device's key packages. */
  async join(welcome: Uint8Array): Promise<Uint8Array> {
    const decoded = decodeMlsMessage(welcome, 0)?.[0];
    if (decoded?.wireformat !== "mls_welcome") throw new Error("not a Welcome");
    for (const [at, pair] of this.#keyPackages.entries()) {
      let state: ClientState;
      try {
        state = await joinGroup(decoded.welcome, pair.publicPackage, pair.privatePackage, emptyPskIndex, this.impl);
      } catch {
        continue; // for another of this device's key packages
      }
      this.#keyPackages.splice(at, 1);
      this.#groups.set(hex(state.groupContext.groupId), state);
      return state.groupContext.groupId;
    }
    throw new Error("the Welcome is for none of this device's key packages");
  }

  /** A commit adding the devices of claimed key packages. */
  async add(groupId: Uint8Array, keyPackages: Uint8Array[]): Promise<PendingCommit> {
    const proposals: Proposal[] = keyPackages.map((bytes) => {
      const decoded = decodeKeyPackage(bytes, 0);
      if (decoded === undefined) throw new Error("a claimed key package does not decode");
      return { proposalType: "add", add: { keyPackage: decoded[0] } };
    });
    return this.commit(groupId, proposals);
  }

  /** A commit that only renews this device's keys. */
  async selfUpdate(groupId: Uint8Array): Promise<PendingCommit> {
    return this.commit(groupId, []);
  }

  private async commit(groupId: Uint8Array, proposals: Proposal[]): Promise<PendingCommit> {
    const result = await createCommit(
      { state: this.group(groupId), cipherSuite: this.impl },
      { extraProposals: proposals, wireAsPublicMessage: true, ratchetTreeExtension: true },
    );
    // Not ts-mls's createGroupInfoWithExternalPubAndRatchetTree: in 1.6.4 its
    // external_pub extension lacks the length prefix RFC 9420 gives an
    // HPKEPublicKey, and openmls (the server) refuses the whole GroupInfo.
    const next = result.newState;
    const groupInfo = await createGroupInfoWithRatchetTree(
      next.groupContext,
      next.confirmationTag,
      next,
      next.ratchetTree,
      [],
      this.impl,
    );
    return {
      bundle: {
        commit: encodeMlsMessage(result.commit),
        welcome:
          result.welcome === undefined
            ? new Uint8Array()
            : encodeMlsMessage({ welcome: result.welcome, wireformat: "mls_welcome", version: "mls10" }),
        groupInfo: encodeMlsMessage({ groupInfo, wireformat: "mls_group_info", version: "mls10" }),
      },
      next: result.newState,
    };
  }

  /** The server took the commit: the group moves to its epoch. */
  accepted(groupId: Uint8Array, pending: PendingCommit): void {
    this.#groups.set(hex(groupId), pending.next);
  }

  /** An application message. */
  async encrypt(groupId: Uint8Array, plaintext: Uint8Array): Promise<Uint8Array> {
    const result = await createApplicationMessage(this.group(groupId), plaintext, this.impl);
    this.#groups.set(hex(groupId), result.newState);
    return encodeMlsMessage({ privateMessage: result.privateMessage, wireformat: "mls_private_message", version: "mls10" });
  }

  /**
   * Processes a group message (MlsMessageAdded event); a commit moves the
   * group on. Throws on anything that does not decrypt or verify: such a
   * message is never text.
   */
  async receive(groupId: Uint8Array, bytes: Uint8Array): Promise<Received> {
    const decoded = decodeMlsMessage(bytes, 0)?.[0];
    if (decoded?.wireformat !== "mls_private_message" && decoded?.wireformat !== "mls_public_message") {
      throw new Error("not a group message");
    }
    const result = await processMessage(decoded, this.group(groupId), emptyPskIndex, acceptAll, this.impl);
    this.#groups.set(hex(groupId), result.newState);
    if (result.kind === "applicationMessage") return { kind: "application", text: result.message };
    // A member's proposal is kept in the state until a commit includes it.
    const proposal = decoded.wireformat === "mls_public_message" && decoded.publicMessage.content.contentType === "proposal";
    return proposal ? { kind: "proposal" } : { kind: "commit" };
  }

  private group(groupId: Uint8Array): ClientState {
    const state = this.#groups.get(hex(groupId));
    if (state === undefined) throw new Error("this device is not in that group");
    return state;
  }
}
