package org.missive.sdk

import com.google.protobuf.ByteString
import io.grpc.Status
import io.grpc.StatusException
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import missive.v1.Common
import missive.v1.ConversationOuterClass
import missive.v1.EventOuterClass
import missive.v1.Key
import missive.v1.Mls
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

private const val PASSWORD = "correct horse battery staple"
private const val WAIT_MS = 10_000L

/** A client's MLS events (Welcomes and group messages), collected in the background. */
private class MlsInbox(client: MissiveClient, scope: CoroutineScope) {
    val events = Channel<EventOuterClass.Event>(Channel.UNLIMITED)
    val job = scope.launch {
        client.events().collect { if (it.hasMlsWelcome() || it.hasMlsMessageAdded()) events.send(it) }
    }

    suspend fun welcome(): ByteArray = withTimeout(WAIT_MS) {
        val event = events.receive()
        assertTrue(event.hasMlsWelcome(), "expected a Welcome, got $event")
        event.mlsWelcome.welcome.toByteArray()
    }

    suspend fun message(): EventOuterClass.MlsMessageAdded = withTimeout(WAIT_MS) {
        val event = events.receive()
        assertTrue(event.hasMlsMessageAdded(), "expected a group message, got $event")
        event.mlsMessageAdded
    }
}

/**
 * MLS between Kotlin devices (Bouncy Castle's bcmls) through a live server
 * whose delivery service checks every commit with openmls: the server
 * accepting bcmls commits, GroupInfos and Welcomes is the interop check.
 */
class MlsDeviceTest {
    private lateinit var server: TestServer
    private val channels = mutableListOf<io.grpc.ManagedChannel>()
    private val scope = CoroutineScope(Dispatchers.IO)

    @BeforeEach
    fun start() {
        server = TestServer.start()
    }

    @AfterEach
    fun stop() {
        channels.forEach { it.shutdownNow() }
        server.close()
    }

    private suspend fun user(handle: String): Pair<MissiveClient, MlsDevice> {
        val client = MissiveClient(server.channel().also(channels::add))
        client.register(handle, PASSWORD)
        val device = MlsDevice(client.session!!)
        val upload = Key.UploadKeyPackagesRequest.newBuilder()
            .addAllKeyPackages(device.keyPackages(3).map(ByteString::copyFrom))
            .build()
        client.keys.uploadKeyPackages(upload, client.auth())
        return client to device
    }

    private suspend fun claim(by: MissiveClient, user: Common.QualifiedId): List<ByteArray> =
        by.keys.claimKeyPackages(Key.ClaimKeyPackagesRequest.newBuilder().setUser(user).build(), by.auth())
            .keyPackagesList.map { it.keyPackage.toByteArray() }

    private suspend fun commit(by: MissiveClient, conversation: Common.QualifiedId, bundle: CommitBundle): Long {
        val request = Mls.SendCommitBundleRequest.newBuilder()
            .setConversation(conversation)
            .setCommit(ByteString.copyFrom(bundle.commit))
            .setWelcome(ByteString.copyFrom(bundle.welcome))
            .setGroupInfo(ByteString.copyFrom(bundle.groupInfo))
            .build()
        return by.mls.sendCommitBundle(request, by.auth()).epoch
    }

    private suspend fun send(by: MissiveClient, conversation: Common.QualifiedId, message: ByteArray) {
        val request = Mls.SendMlsMessageRequest.newBuilder()
            .setConversation(conversation)
            .setMessage(ByteString.copyFrom(message))
            .build()
        by.mls.sendMlsMessage(request, by.auth())
    }

    private fun Received.text(): String = String((this as Received.Application).text, Charsets.UTF_8)

    @Test
    fun `an MLS group encrypts for real between Kotlin devices`() = runBlocking<Unit> {
        val (alice, aliceMls) = user("alice")
        val (bob, bobMls) = user("bob")
        val (carol, carolMls) = user("carol")
        for (handle in listOf("bob", "carol")) alice.connectWith(handle)
        bob.connectWith("alice")
        carol.connectWith("alice")
        val bobInbox = MlsInbox(bob, scope)
        val carolInbox = MlsInbox(carol, scope)
        val aliceInbox = MlsInbox(alice, scope)

        val create = ConversationOuterClass.CreateConversationRequest.newBuilder()
            .setName("team").addMembers(bob.self).setProtocol(ConversationOuterClass.Protocol.PROTOCOL_MLS).build()
        val conversation = alice.conversations.createConversation(create, alice.auth()).conversation
        val id = conversation.id
        val group = conversation.mlsGroupId.toByteArray()
        aliceMls.createGroup(group)

        // Epoch 0 → 1: the server checks Alice's bcmls commit and GroupInfo with openmls.
        val adding = aliceMls.add(group, claim(alice, bob.self))
        assertEquals(1L, commit(alice, id, adding.bundle))
        aliceMls.accepted(group, adding)
        assertArrayEquals(group, bobMls.join(bobInbox.welcome()))
        assertEquals(1L, bobMls.epoch(group))

        send(alice, id, aliceMls.encrypt(group, "hello bob".toByteArray()))
        assertEquals("hello bob", bobMls.receive(group, bobInbox.message().message.toByteArray()).text())
        send(bob, id, bobMls.encrypt(group, "hi alice".toByteArray()))
        assertEquals("hi alice", aliceMls.receive(group, aliceInbox.message().message.toByteArray()).text())

        // A ciphertext changed on the way never becomes text.
        val tampered = aliceMls.encrypt(group, "tampered".toByteArray()).also { it[it.size - 1] = (it[it.size - 1].toInt() xor 1).toByte() }
        send(alice, id, tampered)
        val forged = bobInbox.message().message.toByteArray()
        assertThrows<Exception> { bobMls.receive(group, forged) }

        // Epoch 1 → 2: Carol joins; Bob processes the commit.
        val addingCarol = aliceMls.add(group, claim(alice, carol.self))
        assertEquals(2L, commit(alice, id, addingCarol.bundle))
        aliceMls.accepted(group, addingCarol)
        carolMls.join(carolInbox.welcome())
        assertEquals(Received.Commit, bobMls.receive(group, bobInbox.message().message.toByteArray()))
        send(alice, id, aliceMls.encrypt(group, "hello both".toByteArray()))
        assertEquals("hello both", bobMls.receive(group, bobInbox.message().message.toByteArray()).text())
        assertEquals("hello both", carolMls.receive(group, carolInbox.message().message.toByteArray()).text())

        // Epoch 2 → 3 by Bob; Alice's commit for epoch 2 is then stale.
        val update = bobMls.selfUpdate(group)
        assertEquals(3L, commit(bob, id, update.bundle))
        bobMls.accepted(group, update)
        val late = aliceMls.selfUpdate(group)
        val refused = assertThrows<StatusException> { runBlocking { commit(alice, id, late.bundle) } }
        assertEquals(Status.Code.FAILED_PRECONDITION, refused.status.code)
        for ((device, inbox) in listOf(aliceMls to aliceInbox, carolMls to carolInbox)) {
            assertEquals(Received.Commit, device.receive(group, inbox.message().message.toByteArray()))
            assertEquals(3L, device.epoch(group))
        }
        send(carol, id, carolMls.encrypt(group, "epoch three".toByteArray()))
        assertEquals("epoch three", aliceMls.receive(group, aliceInbox.message().message.toByteArray()).text())
        assertEquals("epoch three", bobMls.receive(group, bobInbox.message().message.toByteArray()).text())
        listOf(aliceInbox, bobInbox, carolInbox).forEach { it.job.cancel() }
    }

    /** Runs the Rust CLI (openmls) with a profile of its own; its output. */
    private fun cli(profiles: java.io.File, profile: String, vararg args: String): String {
        val binary = System.getProperty("missive.cli.bin") ?: System.getenv("MISSIVE_CLI_BIN")
            ?: error("set missive.cli.bin (the pom does) or MISSIVE_CLI_BIN")
        check(java.io.File(binary).canExecute()) { "$binary is not built: cargo build -p missive-cli --bin missive" }
        val command = listOf(binary, "--server", "http://127.0.0.1:${server.port}", "--profile", profiles.resolve(profile).path) + args
        val process = ProcessBuilder(command).redirectErrorStream(true).apply {
            environment()["MISSIVE_PASSWORD"] = PASSWORD
        }.start()
        val output = process.inputStream.bufferedReader().readText()
        check(process.waitFor() == 0) { "missive ${args.joinToString(" ")} failed: $output" }
        return output
    }

    @Test
    fun `a CLI device (openmls) and a Kotlin device (bcmls) read each other`() = runBlocking<Unit> {
        val profiles = java.nio.file.Files.createTempDirectory("missive-cli-").toFile()
        try {
            cli(profiles, "alice", "register", "alice")
            val (bob, bobMls) = user("bob")
            val bobInbox = MlsInbox(bob, scope)
            cli(profiles, "alice", "connect", "bob")
            bob.connectWith("alice")

            // openmls makes the group and adds the bcmls device.
            val created = cli(profiles, "alice", "group", "create", "team", "bob")
            val id = created.trim().split(Regex("\\s+"))[3]
            val conversation = Common.QualifiedId.newBuilder().setId(id).setDomain(bob.session!!.domain).build()
            val group = "$id@${bob.session!!.domain}".toByteArray()
            assertArrayEquals(group, bobMls.join(bobInbox.welcome()))
            cli(profiles, "alice", "send", "--conversation", id, "--", "hello from openmls")
            assertEquals("hello from openmls", bobMls.receive(group, bobInbox.message().message.toByteArray()).text())

            // bcmls → openmls: a message, then a commit the CLI merges.
            send(bob, conversation, bobMls.encrypt(group, "hello from bcmls".toByteArray()))
            val heard = cli(profiles, "alice", "listen", "--count", "1", "--idle-timeout", "10")
            assertTrue(heard.contains("message from bob: hello from bcmls"), heard)
            val update = bobMls.selfUpdate(group)
            assertEquals(2L, commit(bob, conversation, update.bundle))
            bobMls.accepted(group, update)
            send(bob, conversation, bobMls.encrypt(group, "at epoch two".toByteArray()))
            val later = cli(profiles, "alice", "listen", "--count", "1", "--idle-timeout", "10")
            assertTrue(later.contains("moved the group to epoch 2") && later.contains("message from bob: at epoch two"), later)

            // An openmls commit adding another CLI device, merged by bcmls.
            cli(profiles, "carol", "register", "carol")
            cli(profiles, "alice", "connect", "carol")
            cli(profiles, "carol", "accept", "alice")
            assertTrue(cli(profiles, "alice", "group", "add", "--conversation", id, "carol").contains("epoch 3"))
            assertEquals(Received.Commit, bobMls.receive(group, bobInbox.message().message.toByteArray()))
            send(bob, conversation, bobMls.encrypt(group, "hi carol".toByteArray()))
            val carolHeard = cli(profiles, "carol", "listen", "--count", "1", "--idle-timeout", "10")
            assertTrue(carolHeard.contains("message from bob: hi carol"), carolHeard)

            // An openmls proposal, then the commit that includes it by reference.
            cli(profiles, "alice", "group", "propose-remove", "--conversation", id, "carol")
            assertEquals(Received.Proposal, bobMls.receive(group, bobInbox.message().message.toByteArray()))
            assertTrue(cli(profiles, "alice", "group", "commit", "--conversation", id).contains("epoch 4"))
            assertEquals(Received.Commit, bobMls.receive(group, bobInbox.message().message.toByteArray()))
            assertEquals(4L, bobMls.epoch(group))
            send(bob, conversation, bobMls.encrypt(group, "without carol".toByteArray()))
            val last = cli(profiles, "alice", "listen", "--idle-timeout", "2")
            assertTrue(last.contains("message from bob: without carol"), last)
            bobInbox.job.cancel()
        } finally {
            profiles.deleteRecursively()
        }
    }
}
