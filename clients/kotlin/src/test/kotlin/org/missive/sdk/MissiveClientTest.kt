package org.missive.sdk

import io.grpc.Status
import io.grpc.StatusException
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.flow.catch
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import missive.v1.Device
import missive.v1.EventOuterClass
import missive.v1.Message
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

private const val PASSWORD = "correct horse battery staple"
private const val WAIT_MS = 10_000L

/** Placeholder "encryption" for tests: the server only sees bytes. */
private fun plaintext(text: String): suspend (Recipient) -> ByteArray = { "PLACEHOLDER:$text".toByteArray() }

private fun EventOuterClass.Event.text(): String? =
    if (hasMessageAdded()) messageAdded.ciphertext.toStringUtf8().removePrefix("PLACEHOLDER:") else null

/** Collects a client's event flow into a channel, in the background. */
private class Inbox(client: MissiveClient, scope: CoroutineScope, since: Long? = null) {
    val events = Channel<EventOuterClass.Event>(Channel.UNLIMITED)
    val ended = Channel<Throwable>(1)
    val job = scope.launch {
        client.events(since).catch { ended.send(it) }.collect { events.send(it) }
    }

    suspend fun nextMessage(): EventOuterClass.Event = withTimeout(WAIT_MS) {
        while (true) {
            val event = events.receive()
            if (event.hasMessageAdded()) return@withTimeout event
        }
        @Suppress("UNREACHABLE_CODE") error("unreachable")
    }
}

class MissiveClientTest {
    private lateinit var server: TestServer
    private val channels = mutableListOf<io.grpc.ManagedChannel>()

    @BeforeEach
    fun start() {
        server = TestServer.start()
    }

    @AfterEach
    fun stop() {
        channels.forEach { it.shutdownNow() }
        server.close()
    }

    private fun client(): MissiveClient = MissiveClient(server.channel().also(channels::add))

    private suspend fun connected(): Triple<MissiveClient, MissiveClient, missive.v1.Common.QualifiedId> {
        val alice = client()
        val bob = client()
        alice.register("alice", PASSWORD)
        bob.register("bob", PASSWORD)
        alice.connectWith("bob")
        bob.connectWith("alice")
        return Triple(alice, bob, alice.oneToOneWith("bob"))
    }

    @Test
    fun `two users connect and exchange messages both ways`() = runBlocking<Unit> {
        val (alice, bob, conversation) = connected()
        val scope = CoroutineScope(Dispatchers.Default)
        val aliceInbox = Inbox(alice, scope)
        val bobInbox = Inbox(bob, scope)
        alice.sendMessage(conversation, encrypt = plaintext("hello bob"))
        val received = bobInbox.nextMessage()
        assertEquals("hello bob", received.text())
        assertEquals(alice.self.id, received.messageAdded.sender.id)
        bob.sendMessage(bob.oneToOneWith("alice"), encrypt = plaintext("hi alice"))
        assertEquals("hi alice", aliceInbox.nextMessage().text())
        scope.coroutineContext[kotlinx.coroutines.Job]?.cancel()
    }

    @Test
    fun `the event flow resumes from its cursor after the server restarts, with no duplicate`() = runBlocking<Unit> {
        val (alice, bob, conversation) = connected()
        val scope = CoroutineScope(Dispatchers.Default)
        val bobInbox = Inbox(bob, scope)
        alice.sendMessage(conversation, encrypt = plaintext("before"))
        val before = bobInbox.nextMessage()
        server.restart()
        alice.sendMessage(conversation, encrypt = plaintext("after"))
        val after = bobInbox.nextMessage()
        assertEquals("after", after.text(), "the next message after the restart, not 'before' again")
        assertTrue(after.cursor > before.cursor)
        scope.coroutineContext[kotlinx.coroutines.Job]?.cancel()
    }

    @Test
    fun `a client mismatch is surfaced with its lists, and sendMessage recovers from it`() = runBlocking<Unit> {
        val (alice, bob, conversation) = connected()
        val stale = Message.UserRecipients.newBuilder().setUser(bob.self).addDevices(
            Message.DeviceCiphertext.newBuilder().setDeviceId("00000000deadbeef")
                .setCiphertext(com.google.protobuf.ByteString.copyFromUtf8("x")),
        ).build()
        val raw = Message.SendMessageRequest.newBuilder().setConversation(conversation).setMessageId("raw").addRecipients(stale).build()
        val refused = assertThrows<StatusException> { runBlocking { alice.messages.sendMessage(raw, alice.auth()) } }
        val mismatch = clientMismatchOf(refused)
        assertNotNull(mismatch, "a ClientMismatchException")
        mismatch!!
        assertEquals(listOf(listOf(bob.session!!.deviceId)), mismatch.missing.map { it.deviceIds })
        assertEquals(listOf(listOf("00000000deadbeef")), mismatch.deleted.map { it.deviceIds })

        // Bob adds a laptop between alice's device listing and her send: the
        // SDK claims the laptop's prekey and retries with the same id.
        val laptop = client()
        var raced = false
        val encrypted = mutableListOf<String>()
        alice.sendMessage(conversation, messageId = "with-retry") { recipient ->
            if (!raced) {
                raced = true
                laptop.login("bob", PASSWORD)
            }
            encrypted += recipient.deviceId
            "PLACEHOLDER:to every device".toByteArray()
        }
        assertTrue(laptop.session!!.deviceId in encrypted, "the retry encrypted for the laptop: $encrypted")
        val scope = CoroutineScope(Dispatchers.Default)
        val laptopInbox = Inbox(laptop, scope)
        assertEquals("to every device", laptopInbox.nextMessage().text())
        scope.coroutineContext[kotlinx.coroutines.Job]?.cancel()
    }

    @Test
    fun `a removed device's flow ends with SessionEndedException and it gets no more messages`() = runBlocking<Unit> {
        val (alice, bob, conversation) = connected()
        val laptop = client()
        laptop.login("bob", PASSWORD)
        val scope = CoroutineScope(Dispatchers.Default)
        val laptopInbox = Inbox(laptop, scope)
        alice.sendMessage(conversation, encrypt = plaintext("to both"))
        assertEquals("to both", laptopInbox.nextMessage().text())
        bob.devices.removeDevice(
            Device.RemoveDeviceRequest.newBuilder().setDeviceId(laptop.session!!.deviceId).setPassword(PASSWORD).build(),
            bob.auth(),
        )
        val ended = withTimeout(WAIT_MS) { laptopInbox.ended.receive() }
        assertTrue(ended is SessionEndedException, "ended with $ended")
        val recipients = mutableListOf<String>()
        alice.sendMessage(conversation) { recipients += it.deviceId; "PLACEHOLDER:x".toByteArray() }
        assertEquals(listOf(bob.session!!.deviceId), recipients, "the removed laptop is no longer a recipient")
        scope.coroutineContext[kotlinx.coroutines.Job]?.cancel()
    }

    @Test
    fun `a device logs in again with its key, and concurrent refreshes share one`() = runBlocking<Unit> {
        val alice = client()
        val first = alice.register("alice", PASSWORD)
        val again = client()
        val session = again.loginWithDeviceKey(first.userId, first.domain, first.handle, fromHex(first.secretKey))
        assertEquals(first.deviceId, session.deviceId)
        assertEquals("alice", again.userByHandle("alice").handle)

        val refreshed = (1..5).map { async(Dispatchers.Default) { again.refresh(session) } }.awaitAll()
        assertEquals(1, refreshed.map { it.refreshToken }.toSet().size, "one refresh for five callers")
        assertTrue(refreshed.first().refreshToken != session.refreshToken)
        // The rotated-away refresh token is spent.
        val stale = MissiveClient(server.channel().also(channels::add), session)
        val error = assertThrows<SessionEndedException> { runBlocking { stale.refresh() } }
        assertEquals(Status.Code.UNAUTHENTICATED, error.status.code)
    }

    @Test
    fun `an asset goes up across a server restart and comes down checked, a later run resumes one`() = runBlocking<Unit> {
        val (alice, bob, _) = connected()
        val bytes = ByteArray(3 * (1 shl 20) + 12345).also { java.util.Random(7).nextBytes(it) }
        var restarted = false
        val asset = alice.uploadAsset(bytes) { sent, _ ->
            // The server goes away after the first chunk: the next is retried.
            if (sent == (1L shl 20) && !restarted) {
                restarted = true
                server.restart()
            }
        }
        assertTrue(restarted)
        assertTrue(asset.finished)
        assertTrue(bob.downloadAsset(asset.id, asset.token).contentEquals(bytes), "bob gets the same bytes")

        // An upload cut after its first chunk is resumed from what the server has.
        val created = alice.assets.createAsset(
            missive.v1.AssetOuterClass.CreateAssetRequest.newBuilder()
                .setSize(bytes.size.toLong())
                .setSha256(com.google.protobuf.ByteString.copyFrom(java.security.MessageDigest.getInstance("SHA-256").digest(bytes)))
                .setRetention(missive.v1.AssetOuterClass.Retention.RETENTION_PERSISTENT)
                .build(),
            alice.auth(),
        )
        alice.assets.appendAssetChunk(
            missive.v1.AssetOuterClass.AppendAssetChunkRequest.newBuilder().setAsset(created.asset.id).setOffset(0)
                .setData(com.google.protobuf.ByteString.copyFrom(bytes, 0, 1 shl 20)).build(),
            alice.auth(),
        )
        var firstReported = -1L
        val resumed = alice.uploadAsset(bytes, resume = created.asset.id) { sent, _ -> if (firstReported < 0) firstReported = sent }
        assertEquals(1L shl 20, firstReported, "resumed from the server's offset")
        assertTrue(bob.downloadAsset(resumed.id, resumed.token).contentEquals(bytes))
    }
}
