package org.missive.sdk

import io.grpc.Channel
import io.grpc.ManagedChannel
import io.grpc.Metadata
import io.grpc.Status
import io.grpc.okhttp.OkHttpChannelBuilder
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.sync.Mutex
import kotlinx.coroutines.sync.withLock
import missive.v1.Account
import missive.v1.AssetOuterClass
import missive.v1.AssetServiceGrpcKt.AssetServiceCoroutineStub
import missive.v1.AccountServiceGrpcKt.AccountServiceCoroutineStub
import missive.v1.Common
import missive.v1.ConnectionOuterClass
import missive.v1.ConnectionServiceGrpcKt.ConnectionServiceCoroutineStub
import missive.v1.ConversationOuterClass
import missive.v1.ConversationServiceGrpcKt.ConversationServiceCoroutineStub
import missive.v1.Device
import missive.v1.DeviceServiceGrpcKt.DeviceServiceCoroutineStub
import missive.v1.EventOuterClass
import missive.v1.EventServiceGrpcKt.EventServiceCoroutineStub
import missive.v1.Key
import missive.v1.KeyServiceGrpcKt.KeyServiceCoroutineStub
import missive.v1.Message
import missive.v1.MessageServiceGrpcKt.MessageServiceCoroutineStub
import missive.v1.MlsServiceGrpcKt.MlsServiceCoroutineStub
import missive.v1.Push
import missive.v1.PushServiceGrpcKt.PushServiceCoroutineStub
import missive.v1.User
import missive.v1.UserServiceGrpcKt.UserServiceCoroutineStub
import java.security.MessageDigest
import java.security.SecureRandom
import java.util.concurrent.ConcurrentHashMap

/** What an app stores to resume as this device (keep it private). */
data class DeviceSession(
    val userId: String,
    val domain: String,
    val handle: String,
    val deviceId: String,
    /** Hex of the Ed25519 secret key. */
    val secretKey: String,
    val accessToken: String,
    /** Unix milliseconds. */
    val accessTokenExpiresAt: Long,
    val refreshToken: String,
)

/** One device a message is encrypted for. */
data class Recipient(val userId: String, val domain: String, val deviceId: String)

/**
 * The ergonomic layer over the generated stubs, the same surface as the
 * TypeScript SDK's: it keeps a device session and refreshes the access token
 * before it expires (one refresh for concurrent callers), claims prekeys and
 * retries once on a client mismatch, and turns the event stream into a
 * [Flow] that survives dropped connections and acknowledges what was
 * consumed. The stubs are public for everything else; pass [auth] as their
 * headers.
 */
class MissiveClient(
    channel: Channel,
    session: DeviceSession? = null,
    private val onSession: (DeviceSession?) -> Unit = {},
) {
    val accounts = AccountServiceCoroutineStub(channel)
    val users = UserServiceCoroutineStub(channel)
    val devices = DeviceServiceCoroutineStub(channel)
    val keys = KeyServiceCoroutineStub(channel)
    val connections = ConnectionServiceCoroutineStub(channel)
    val conversations = ConversationServiceCoroutineStub(channel)
    val messages = MessageServiceCoroutineStub(channel)
    val eventService = EventServiceCoroutineStub(channel)
    val push = PushServiceCoroutineStub(channel)
    val mls = MlsServiceCoroutineStub(channel)
    val assets = AssetServiceCoroutineStub(channel)

    @Volatile
    var session: DeviceSession? = session
        private set
    private val refreshing = Mutex()
    /** Devices a prekey was claimed for: an app creates its crypto sessions there. */
    private val knownDevices: MutableSet<String> = ConcurrentHashMap.newKeySet()

    /** This device's user. */
    val self: Common.QualifiedId get() = requireSession().let { qualified(it.userId, it.domain) }

    /** Creates an account with a new device key; uploads prekeys. */
    suspend fun register(handle: String, password: String, displayName: String = handle, deviceLabel: String = DEFAULT_LABEL): DeviceSession =
        enroll(handle, deviceLabel) { device ->
            val request = Account.RegisterRequest.newBuilder()
                .setHandle(handle).setPassword(password).setDisplayName(displayName).setDevice(device).build()
            accounts.register(request).let { it.user to it.session }
        }

    /** Adds a new device to an existing account by password; uploads prekeys. */
    suspend fun login(handle: String, password: String, deviceLabel: String = DEFAULT_LABEL): DeviceSession =
        enroll(handle, deviceLabel) { device ->
            val request = Account.LoginRequest.newBuilder().setHandle(handle).setPassword(password).setDevice(device).build()
            accounts.login(request).let { it.user to it.session }
        }

    /** A new device key, enrolled by [call], then its prekeys. */
    private suspend fun enroll(
        handle: String,
        deviceLabel: String,
        call: suspend (Common.NewDevice) -> Pair<Common.User, Common.Session>,
    ): DeviceSession {
        val key = DeviceKey.generate()
        val (user, tokens) = call(newDevice(key, deviceLabel))
        adopt(key, user.id, user.handle.ifEmpty { handle }, tokens)
        uploadPrekeys()
        return requireSession()
    }

    /** Logs a known device in again by signing a challenge with its key (no password). */
    suspend fun loginWithDeviceKey(userId: String, domain: String, handle: String, secretKey: ByteArray): DeviceSession {
        val key = DeviceKey.fromSecret(secretKey)
        val user = qualified(userId, domain)
        val challenge = accounts.beginDeviceAuth(
            Account.BeginDeviceAuthRequest.newBuilder().setUser(user).setDeviceId(key.deviceId).build(),
        )
        val signature = key.signChallenge(challenge.backendDomain, userId, challenge.challenge.toByteArray())
        val response = accounts.completeDeviceAuth(
            Account.CompleteDeviceAuthRequest.newBuilder()
                .setChallengeId(challenge.challengeId)
                .setSignature(com.google.protobuf.ByteString.copyFrom(signature))
                .build(),
        )
        adopt(key, user, handle, response.session)
        return requireSession()
    }

    suspend fun logout() {
        val current = requireSession()
        accounts.logout(Account.LogoutRequest.newBuilder().setRefreshToken(current.refreshToken).build())
        setSession(null)
    }

    /** A valid access token, refreshed first when it is about to expire. */
    suspend fun accessToken(): String {
        val current = requireSession()
        if (current.accessTokenExpiresAt - System.currentTimeMillis() > REFRESH_MARGIN_MS) return current.accessToken
        return refresh(current).accessToken
    }

    /** The headers of an authenticated call, for the raw stubs. */
    suspend fun auth(): Metadata = Metadata().apply { put(AUTHORIZATION, "Bearer ${accessToken()}") }

    /**
     * Rotates the refresh token. Concurrent callers share one refresh: whoever
     * waited finds the session already renewed and takes it.
     */
    suspend fun refresh(seen: DeviceSession = requireSession()): DeviceSession = refreshing.withLock {
        val current = requireSession()
        if (current.refreshToken != seen.refreshToken) return@withLock current
        val response = try {
            accounts.refreshSession(Account.RefreshSessionRequest.newBuilder().setRefreshToken(current.refreshToken).build())
        } catch (error: Exception) {
            val status = statusOf(error)?.first
            if (status?.code == Status.Code.UNAUTHENTICATED) throw SessionEndedException(status, error)
            throw error
        }
        withTokens(current, response.session).also(::setSession)
    }

    suspend fun userByHandle(handle: String): Common.User =
        users.getUserByHandle(User.GetUserByHandleRequest.newBuilder().setHandle(handle).build(), auth()).user

    /** Sends a connection request, or accepts theirs if they asked first. */
    suspend fun connectWith(handle: String): ConnectionOuterClass.Connection {
        val user = userByHandle(handle)
        val request = ConnectionOuterClass.SendConnectionRequestRequest.newBuilder().setUser(user.id).build()
        return connections.sendConnectionRequest(request, auth()).connection
    }

    /** The 1:1 conversation with an accepted connection. */
    suspend fun oneToOneWith(handle: String): Common.QualifiedId {
        val user = userByHandle(handle)
        val list = connections.listConnections(ConnectionOuterClass.ListConnectionsRequest.newBuilder().setPageSize(500).build(), auth())
        return list.connectionsList.firstOrNull {
            it.other.id == user.id.id && it.status == ConnectionOuterClass.ConnectionStatus.CONNECTION_STATUS_ACCEPTED && it.hasConversation()
        }?.conversation ?: error("not connected to $handle")
    }

    /**
     * Encrypts for every other device in the conversation and sends. Prekeys
     * are claimed for devices seen for the first time; on a client mismatch
     * the missing devices' prekeys are claimed and the send retried once
     * with the same message id.
     */
    suspend fun sendMessage(
        conversation: Common.QualifiedId,
        messageId: String = hex(randomBytes(16)),
        transient: Boolean = false,
        encrypt: suspend (Recipient) -> ByteArray,
    ): Message.SendMessageResponse {
        val recipients = conversationDevices(conversation)
        claimPrekeysFor(recipients)
        return try {
            sendTo(conversation, messageId, transient, recipients, encrypt)
        } catch (error: Exception) {
            val mismatch = clientMismatchOf(error) ?: throw error
            val missing = mismatch.missing.flatMap { m -> m.deviceIds.map { Recipient(m.userId, m.domain, it) } }
            val deleted = mismatch.deleted.flatMap { d -> d.deviceIds.map { "${d.userId}/$it" } }.toSet()
            claimPrekeysFor(missing)
            val retry = recipients.filter { "${it.userId}/${it.deviceId}" !in deleted } + missing
            sendTo(conversation, messageId, transient, retry, encrypt)
        }
    }

    /**
     * The device's events: stored ones first, then live. A dropped stream is
     * reopened from the last cursor with backoff; each event is acknowledged
     * once the collector has processed it. Ends with [EventsMissingException]
     * when the cursor is older than what the server keeps, and with
     * [SessionEndedException] when the device was removed or its session
     * revoked.
     */
    fun events(since: Long? = null, autoAck: Boolean = true, onReconnect: (Throwable, Int) -> Unit = { _, _ -> }): Flow<EventOuterClass.Event> = flow {
        var cursor = since
        var attempt = 0
        while (true) {
            try {
                val request = EventOuterClass.SubscribeRequest.newBuilder().apply { cursor?.let { setSince(it) } }.build()
                eventService.subscribe(request, auth()).collect { response ->
                    attempt = 0
                    if (response.hasEvent()) {
                        val event = response.event
                        emit(event)
                        if (event.cursor > 0) {
                            cursor = event.cursor
                            if (autoAck) eventService.ack(EventOuterClass.AckRequest.newBuilder().setUpTo(event.cursor).build(), auth())
                        }
                    }
                }
            } catch (error: CancellationException) {
                throw error
            } catch (error: MissiveException) {
                throw error
            } catch (error: Exception) {
                val status = statusOf(error)?.first ?: throw error
                when (status.code) {
                    Status.Code.OUT_OF_RANGE -> throw EventsMissingException(status, error)
                    // An expired token is refreshed; a removed device or revoked session ends here.
                    Status.Code.UNAUTHENTICATED -> refresh()
                    else -> {}
                }
                attempt += 1
                onReconnect(error, attempt)
            }
            delay(backoff(attempt))
        }
    }

    /**
     * Uploads bytes the app has encrypted, in chunks, and finishes the asset.
     * A failed chunk is retried with backoff from the offset the server
     * gives, so a dropped connection or a restarted server costs one chunk at
     * most; [resume] continues an upload an earlier run started (its id),
     * from what the server already has. Answers the finished asset, with its
     * token when private.
     */
    suspend fun uploadAsset(
        bytes: ByteArray,
        public: Boolean = false,
        retention: AssetOuterClass.Retention = AssetOuterClass.Retention.RETENTION_PERSISTENT,
        resume: Common.QualifiedId? = null,
        onProgress: (Long, Long) -> Unit = { _, _ -> },
    ): AssetOuterClass.Asset {
        var chunk = CHUNK_BYTES
        var offset = 0L
        val asset = if (resume == null) {
            val created = assets.createAsset(
                AssetOuterClass.CreateAssetRequest.newBuilder()
                    .setSize(bytes.size.toLong())
                    .setSha256(com.google.protobuf.ByteString.copyFrom(sha256(bytes)))
                    .setRetention(retention)
                    .setPublic(public)
                    .build(),
                auth(),
            )
            if (created.maxChunkBytes > 0) chunk = minOf(created.maxChunkBytes, CHUNK_BYTES)
            created.asset.id
        } else {
            offset = assets.getAsset(AssetOuterClass.GetAssetRequest.newBuilder().setAsset(resume).build(), auth()).asset.uploaded
            resume
        }
        onProgress(offset, bytes.size.toLong())
        while (offset < bytes.size) {
            val end = minOf(offset + chunk, bytes.size.toLong()).toInt()
            val data = com.google.protobuf.ByteString.copyFrom(bytes, offset.toInt(), end - offset.toInt())
            val request = AssetOuterClass.AppendAssetChunkRequest.newBuilder().setAsset(asset).setOffset(offset).setData(data).build()
            offset = retrying { assets.appendAssetChunk(request, auth()) }.nextOffset
            onProgress(offset, bytes.size.toLong())
        }
        val finish = AssetOuterClass.FinishAssetRequest.newBuilder().setAsset(asset).build()
        return retrying { assets.finishAsset(finish, auth()) }.asset
    }

    /**
     * Downloads an asset (of this backend or another), resuming after a cut
     * from the bytes received, and checks its SHA-256 before answering.
     */
    suspend fun downloadAsset(asset: Common.QualifiedId, token: String = "", onProgress: (Long, Long) -> Unit = { _, _ -> }): ByteArray {
        val info = assets.getAsset(AssetOuterClass.GetAssetRequest.newBuilder().setAsset(asset).setToken(token).build(), auth()).asset
        val out = ByteArray(info.size.toInt())
        var received = 0
        onProgress(0, info.size)
        // A cut stream is retried from the bytes received so far.
        retrying {
            val request = AssetOuterClass.DownloadAssetRequest.newBuilder().setAsset(asset).setToken(token).setOffset(received.toLong()).build()
            assets.downloadAsset(request, auth()).collect { piece ->
                check(piece.offset == received.toLong()) { "the server sent bytes at ${piece.offset}, not $received" }
                piece.data.copyTo(out, received)
                received += piece.data.size()
                onProgress(received.toLong(), info.size)
            }
            if (received < out.size) throw io.grpc.StatusException(Status.UNAVAILABLE.withDescription("the download ended at $received of ${out.size} bytes"))
        }
        check(sha256(out).contentEquals(info.sha256.toByteArray())) { "the downloaded bytes do not match the asset's SHA-256" }
        return out
    }

    /** Retries a call the server or the link cut short, with backoff. */
    private suspend fun <T> retrying(call: suspend () -> T): T {
        var attempt = 0
        while (true) {
            try {
                return call()
            } catch (error: CancellationException) {
                throw error
            } catch (error: Exception) {
                val code = statusOf(error)?.first?.code
                if (code !in RETRIED || attempt >= ATTEMPTS) throw error
                attempt += 1
                delay(backoff(attempt))
            }
        }
    }

    /** Wakes this device through FCM while it has no stream open (docs/push.md). */
    suspend fun setFcmToken(registrationToken: String) {
        val token = Push.PushToken.newBuilder().setFcm(Push.FcmToken.newBuilder().setRegistrationToken(registrationToken)).build()
        push.setPushToken(Push.SetPushTokenRequest.newBuilder().setToken(token).build(), auth())
    }

    suspend fun removePushToken() {
        push.removePushToken(Push.RemovePushTokenRequest.getDefaultInstance(), auth())
    }

    private suspend fun sendTo(
        conversation: Common.QualifiedId,
        messageId: String,
        transient: Boolean,
        recipients: List<Recipient>,
        encrypt: suspend (Recipient) -> ByteArray,
    ): Message.SendMessageResponse {
        val byUser = LinkedHashMap<String, Message.UserRecipients.Builder>()
        for (recipient in recipients) {
            val entry = byUser.getOrPut("${recipient.domain}/${recipient.userId}") {
                Message.UserRecipients.newBuilder().setUser(qualified(recipient.userId, recipient.domain))
            }
            entry.addDevices(
                Message.DeviceCiphertext.newBuilder()
                    .setDeviceId(recipient.deviceId)
                    .setCiphertext(com.google.protobuf.ByteString.copyFrom(encrypt(recipient))),
            )
        }
        val request = Message.SendMessageRequest.newBuilder()
            .setConversation(conversation)
            .setMessageId(messageId)
            .addAllRecipients(byUser.values.map { it.build() })
            .setTransient(transient)
            .build()
        return messages.sendMessage(request, auth())
    }

    private suspend fun conversationDevices(conversation: Common.QualifiedId): List<Recipient> {
        val me = requireSession()
        val found = conversations.getConversation(
            ConversationOuterClass.GetConversationRequest.newBuilder().setId(conversation).build(),
            auth(),
        )
        return found.conversation.membersList.filter { it.hasUser() }.flatMap { member ->
            val listed = devices.listDevices(Device.ListDevicesRequest.newBuilder().setUser(member.user).build(), auth())
            listed.devicesList
                .filterNot { member.user.id == me.userId && it.id == me.deviceId }
                .map { Recipient(member.user.id, member.user.domain, it.id) }
        }
    }

    private suspend fun claimPrekeysFor(recipients: List<Recipient>) {
        val unknown = recipients.filter { "${it.userId}/${it.deviceId}" !in knownDevices }
        if (unknown.isEmpty()) return
        val targets = unknown.groupBy { it.domain to it.userId }.map { (user, devices) ->
            Key.UserDevices.newBuilder().setUser(qualified(user.second, user.first)).addAllDeviceIds(devices.map { it.deviceId }).build()
        }
        val claimed = keys.claimPrekeys(Key.ClaimPrekeysRequest.newBuilder().addAllTargets(targets).build(), auth())
        for (prekey in claimed.prekeysList) knownDevices.add("${prekey.user.id}/${prekey.deviceId}")
    }

    private suspend fun uploadPrekeys() {
        val prekeys = (1..PREKEYS_AT_START).map { prekey(it) }
        val request = Key.UploadPrekeysRequest.newBuilder().addAllPrekeys(prekeys).setLastResort(prekey(LAST_RESORT_PREKEY_ID)).build()
        keys.uploadPrekeys(request, auth())
    }

    private fun prekey(id: Int) = Key.Prekey.newBuilder().setId(id).setKey(com.google.protobuf.ByteString.copyFrom(randomBytes(32))).build()

    private fun adopt(key: DeviceKey, user: Common.QualifiedId?, handle: String, tokens: Common.Session?) {
        require(user != null && tokens != null) { "the server sent no user or session" }
        val fresh = DeviceSession(user.id, user.domain, handle, key.deviceId, hex(key.secretKey), "", 0, "")
        setSession(withTokens(fresh, tokens))
    }

    private fun setSession(next: DeviceSession?) {
        session = next
        onSession(next)
    }

    private fun requireSession(): DeviceSession =
        session ?: error("not logged in: register, login or pass a session")

    companion object {
        private const val DEFAULT_LABEL = "missive-kotlin"
        /** Refresh the access token when it expires sooner than this. */
        private const val REFRESH_MARGIN_MS = 30_000L
        private const val PREKEYS_AT_START = 20
        private const val LAST_RESORT_PREKEY_ID = 65535
        private const val CHUNK_BYTES = 1 shl 20
        private const val ATTEMPTS = 8
        /** Worth another try: the server or the link went away for a moment. */
        private val RETRIED = setOf(
            Status.Code.UNAVAILABLE, Status.Code.UNKNOWN, Status.Code.DEADLINE_EXCEEDED, Status.Code.ABORTED, Status.Code.INTERNAL,
        )

        /** Milliseconds before attempt [attempt] again: doubling from 200, at most 5 s. */
        private fun backoff(attempt: Int): Long = minOf(100L shl minOf(attempt, 6), 5_000L)

        private fun sha256(bytes: ByteArray): ByteArray = MessageDigest.getInstance("SHA-256").digest(bytes)
        private val AUTHORIZATION: Metadata.Key<String> = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER)
        private val random = SecureRandom()

        /** A channel for Android and the JVM (OkHttp); TLS unless [plaintext]. */
        fun channel(host: String, port: Int, plaintext: Boolean = false): ManagedChannel =
            OkHttpChannelBuilder.forAddress(host, port).apply { if (plaintext) usePlaintext() else useTransportSecurity() }.build()

        fun qualified(id: String, domain: String): Common.QualifiedId =
            Common.QualifiedId.newBuilder().setId(id).setDomain(domain).build()

        internal fun randomBytes(length: Int): ByteArray = ByteArray(length).also(random::nextBytes)

        private fun newDevice(key: DeviceKey, label: String) = Common.NewDevice.newBuilder()
            .setIdentityKey(com.google.protobuf.ByteString.copyFrom(key.publicKey))
            .setLabel(label)
            .setDeviceClass(Common.DeviceClass.DEVICE_CLASS_PHONE)
            .build()

        private fun withTokens(session: DeviceSession, tokens: Common.Session): DeviceSession = session.copy(
            accessToken = tokens.accessToken,
            accessTokenExpiresAt = tokens.accessTokenExpiresAt.seconds * 1000 + tokens.accessTokenExpiresAt.nanos / 1_000_000,
            refreshToken = tokens.refreshToken,
        )
    }
}
