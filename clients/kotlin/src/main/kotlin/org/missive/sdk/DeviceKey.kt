package org.missive.sdk

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters
import org.bouncycastle.crypto.signers.Ed25519Signer
import java.security.MessageDigest
import java.security.SecureRandom

/**
 * A device's identity: an Ed25519 key (BouncyCastle, the same on Android
 * and the JVM). Keep [secretKey] private: it is the device's login.
 */
class DeviceKey private constructor(private val private: Ed25519PrivateKeyParameters) {
    val secretKey: ByteArray get() = private.encoded
    val publicKey: ByteArray = private.generatePublicKey().encoded

    /** Lowercase hex of the first 8 bytes of SHA-256(publicKey), as the server derives it. */
    val deviceId: String = hex(MessageDigest.getInstance("SHA-256").digest(publicKey).copyOf(8))

    /**
     * Signs `"missive-device-auth-v1" 0 domain 0 userId 0 deviceId 0 challenge`,
     * the bytes BeginDeviceAuthResponse documents.
     */
    fun signChallenge(domain: String, userId: String, challenge: ByteArray): ByteArray {
        val zero = byteArrayOf(0)
        val message = listOf("missive-device-auth-v1", domain, userId, deviceId)
            .fold(ByteArray(0)) { acc, part -> acc + part.toByteArray(Charsets.UTF_8) + zero } + challenge
        return Ed25519Signer().run {
            init(true, private)
            update(message, 0, message.size)
            generateSignature()
        }
    }

    companion object {
        fun generate(): DeviceKey = DeviceKey(Ed25519PrivateKeyParameters(SecureRandom()))

        fun fromSecret(secretKey: ByteArray): DeviceKey {
            require(secretKey.size == 32) { "an Ed25519 secret key is 32 bytes" }
            return DeviceKey(Ed25519PrivateKeyParameters(secretKey, 0))
        }
    }
}

internal fun hex(bytes: ByteArray): String = bytes.joinToString("") { "%02x".format(it) }

internal fun fromHex(text: String): ByteArray {
    require(text.length % 2 == 0) { "hex of an even length" }
    return ByteArray(text.length / 2) { text.substring(2 * it, 2 * it + 2).toInt(16).toByte() }
}
