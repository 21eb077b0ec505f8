/**
 * Device identity keys (Ed25519, by @noble/ed25519 over WebCrypto's SHA-512)
 * and the exact bytes a device signs to log in.
 */
import * as ed from "@noble/ed25519";

/** A device's identity: keep `secretKey` private (it is the device login). */
export interface DeviceKey {
  secretKey: Uint8Array;
  publicKey: Uint8Array;
  /** Lowercase hex of the first 8 bytes of SHA-256(publicKey), as the server derives it. */
  deviceId: string;
}

export async function generateDeviceKey(): Promise<DeviceKey> {
  return deviceKeyFrom(ed.utils.randomSecretKey());
}

export async function deviceKeyFrom(secretKey: Uint8Array): Promise<DeviceKey> {
  const publicKey = await ed.getPublicKeyAsync(secretKey);
  return { secretKey, publicKey, deviceId: await deviceIdOf(publicKey) };
}

export async function deviceIdOf(publicKey: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", publicKey as BufferSource));
  return hex(digest.subarray(0, 8));
}

/**
 * `"missive-device-auth-v1" 0 domain 0 userId 0 deviceId 0 challenge`, as
 * documented on BeginDeviceAuthResponse.
 */
export async function signChallenge(
  key: DeviceKey,
  domain: string,
  userId: string,
  challenge: Uint8Array,
): Promise<Uint8Array> {
  const encoder = new TextEncoder();
  const parts = ["missive-device-auth-v1", domain, userId, key.deviceId].map((p) => encoder.encode(p));
  const length = parts.reduce((sum, p) => sum + p.length + 1, 0) + challenge.length;
  const message = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    message.set(part, offset);
    offset += part.length + 1; // the zero separator is already there
  }
  message.set(challenge, offset);
  return ed.signAsync(message, key.secretKey);
}

export function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export function fromHex(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(text.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

export function randomBytes(length: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(length));
}
