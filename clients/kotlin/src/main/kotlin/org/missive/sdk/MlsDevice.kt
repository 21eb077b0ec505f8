package org.missive.sdk

import org.bouncycastle.crypto.AsymmetricCipherKeyPair
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters
import org.bouncycastle.mls.TreeKEM.LeafNode
import org.bouncycastle.mls.TreeKEM.LifeTime
import org.bouncycastle.mls.codec.Capabilities
import org.bouncycastle.mls.codec.Credential
import org.bouncycastle.mls.codec.Extension
import org.bouncycastle.mls.codec.KeyPackage
import org.bouncycastle.mls.codec.MLSInputStream
import org.bouncycastle.mls.codec.MLSMessage
import org.bouncycastle.mls.codec.MLSOutputStream
import org.bouncycastle.mls.codec.Proposal
import org.bouncycastle.mls.codec.WireFormat
import org.bouncycastle.mls.crypto.MlsCipherSuite
import org.bouncycastle.mls.crypto.Secret
import org.bouncycastle.mls.protocol.Group
import java.security.SecureRandom

/** What a commit sends: `MlsService.SendCommitBundle`'s three fields. */
class CommitBundle(val commit: ByteArray, val welcome: ByteArray, val groupInfo: ByteArray)

/** A commit made but not yet taken by the server; [MlsDevice.accepted] moves the group to it. */
class PendingCommit internal constructor(val bundle: CommitBundle, internal val next: Group)

/** What a group message was, once processed. */
sealed interface Received {
    class Application(val text: ByteArray) : Received

    /** A commit: the group moved to its next epoch. */
    data object Commit : Received

    /** A member's proposal, kept until a commit includes it or the epoch ends. */
    data object Proposal : Received
}

/**
 * MLS (RFC 9420, docs/e2ee.md) for one device, on Bouncy Castle's `bcmls`:
 * ciphersuite 1 (X25519, AES-128-GCM, SHA-256, Ed25519), signed with the
 * device's own identity key and named `user:device@domain`, as the server
 * requires. The same flow as the TypeScript SDK's `MlsDevice`: upload
 * [keyPackages], [join] by an `mlsWelcome` event, [createGroup] and [add]
 * for `SendCommitBundle` (then [accepted]), [encrypt] for `SendMlsMessage`,
 * [receive] an `mlsMessageAdded` event.
 *
 * The state (groups, key packages' private keys) is in memory only: bcmls
 * 1.84 cannot save a group (clients/kotlin/README.md), so a restarted app
 * is a new device to its groups.
 */
class MlsDevice(session: DeviceSession) {
    val identity: String = "${session.userId}:${session.deviceId}@${session.domain}"

    private val suite: MlsCipherSuite = MlsCipherSuite.getSuite(MlsCipherSuite.MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519)
    private val signing: AsymmetricCipherKeyPair = Ed25519PrivateKeyParameters(fromHex(session.secretKey), 0).let {
        AsymmetricCipherKeyPair(it.generatePublicKey(), it)
    }
    private val signingKey: ByteArray = suite.serializeSignaturePrivateKey(signing.private)
    private val random = SecureRandom()
    private val groups = HashMap<String, Group>()
    private val unused = ArrayList<OwnKeyPackage>()

    private class OwnKeyPackage(
        val init: AsymmetricCipherKeyPair,
        val encryption: AsymmetricCipherKeyPair,
        val keyPackage: KeyPackage,
    )

    /** `count` new key packages for `KeyService.UploadKeyPackages`; their private keys stay here. */
    @Synchronized
    fun keyPackages(count: Int): List<ByteArray> = List(count) {
        val own = newKeyPackage()
        unused.add(own)
        MLSOutputStream.encode(own.keyPackage)
    }

    private fun newKeyPackage(): OwnKeyPackage {
        val init = suite.hpke.generatePrivateKey()
        val encryption = suite.hpke.generatePrivateKey()
        val leaf = LeafNode(
            suite,
            suite.hpke.serializePublicKey(encryption.public),
            suite.serializeSignaturePublicKey(signing.public),
            Credential.forBasic(identity.toByteArray(Charsets.UTF_8)),
            Capabilities(),
            LifeTime(),
            ArrayList<Extension>(),
            signingKey,
        )
        val keyPackage = KeyPackage(suite, suite.hpke.serializePublicKey(init.public), leaf, ArrayList<Extension>(), signingKey)
        return OwnKeyPackage(init, encryption, keyPackage)
    }

    /** A group of this device alone, at epoch 0, with the conversation's `mlsGroupId`. */
    @Synchronized
    fun createGroup(groupId: ByteArray) {
        val own = newKeyPackage()
        val leaf = own.keyPackage.leafNode.copy(own.keyPackage.leafNode.encryptionKey)
        groups[hex(groupId)] = Group(groupId, suite, own.encryption, signingKey, leaf, ArrayList<Extension>())
    }

    @Synchronized
    fun hasGroup(groupId: ByteArray): Boolean = groups.containsKey(hex(groupId))

    @Synchronized
    fun epoch(groupId: ByteArray): Long = group(groupId).epoch

    /** Joins by a Welcome with one of this device's key packages; the group's id. */
    @Synchronized
    fun join(welcome: ByteArray): ByteArray {
        val message = decode(welcome)
        require(message.wireFormat == WireFormat.mls_welcome) { "not a Welcome" }
        val own = unused.firstOrNull { message.welcome.find(it.keyPackage) >= 0 }
            ?: throw IllegalArgumentException("the Welcome is for none of this device's key packages")
        val group = Group(
            suite.hpke.serializePrivateKey(own.init.private),
            own.encryption,
            signingKey,
            own.keyPackage,
            message.welcome,
            null,
            HashMap(),
            HashMap(),
        )
        unused.remove(own)
        groups[hex(group.groupID)] = group
        return group.groupID
    }

    /** A commit adding the devices of claimed key packages. */
    @Synchronized
    fun add(groupId: ByteArray, keyPackages: List<ByteArray>): PendingCommit =
        commit(groupId, keyPackages.map { Proposal.add(MLSInputStream.decode(it, KeyPackage::class.java) as KeyPackage) })

    /** A commit that only renews this device's keys. */
    @Synchronized
    fun selfUpdate(groupId: ByteArray): PendingCommit = commit(groupId, emptyList(), forcePath = true)

    private fun commit(groupId: ByteArray, proposals: List<Proposal>, forcePath: Boolean = false): PendingCommit {
        val leafSecret = ByteArray(suite.kdf.hashLength).also(random::nextBytes)
        // A PublicMessage: the server verifies commits against the group's public state.
        val made = group(groupId).commit(
            Secret(leafSecret),
            Group.CommitOptions(ArrayList(proposals), true, forcePath, null),
            Group.MessageOptions(false, ByteArray(0), 0),
            Group.CommitParameters(Group.NORMAL_COMMIT_PARAMS),
        )
        val welcome = if (proposals.any { it.proposalType == org.bouncycastle.mls.codec.ProposalType.ADD }) {
            MLSOutputStream.encode(MLSMessage(WireFormat.mls_welcome).apply { this.welcome = made.message.welcome })
        } else {
            ByteArray(0)
        }
        made.message.welcome = null
        val bundle = CommitBundle(
            commit = MLSOutputStream.encode(made.message),
            welcome = welcome,
            groupInfo = MLSOutputStream.encode(made.group.getGroupInfo(true)),
        )
        return PendingCommit(bundle, made.group)
    }

    /** The server took the commit: the group moves to its epoch. */
    @Synchronized
    fun accepted(groupId: ByteArray, pending: PendingCommit) {
        groups[hex(groupId)] = pending.next
    }

    /** An application message (PrivateMessage). */
    @Synchronized
    fun encrypt(groupId: ByteArray, plaintext: ByteArray): ByteArray =
        MLSOutputStream.encode(group(groupId).protect(ByteArray(0), plaintext, 0))

    /**
     * Processes a group message; a commit moves the group on. Throws on
     * anything that does not decrypt or verify: such a message is never text.
     */
    @Synchronized
    fun receive(groupId: ByteArray, bytes: ByteArray): Received {
        val group = group(groupId)
        val message = decode(bytes)
        return when (message.wireFormat) {
            WireFormat.mls_private_message -> Received.Application(group.unprotect(message)[1])
            WireFormat.mls_public_message -> {
                // A proposal is cached in the group (no new epoch); a commit gives the next group.
                val next = group.handle(bytes, null) ?: return Received.Proposal
                groups[hex(groupId)] = next
                Received.Commit
            }
            else -> throw IllegalArgumentException("not a group message")
        }
    }

    private fun group(groupId: ByteArray): Group =
        groups[hex(groupId)] ?: throw IllegalStateException("this device is not in group ${String(groupId, Charsets.UTF_8)}")

    private fun decode(bytes: ByteArray): MLSMessage = MLSInputStream.decode(bytes, MLSMessage::class.java) as MLSMessage
}
