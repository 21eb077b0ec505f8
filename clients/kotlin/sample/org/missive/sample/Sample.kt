package org.missive.sample

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.cancel
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import missive.v1.EventOuterClass
import org.missive.sdk.MissiveClient
import java.util.UUID

/**
 * Two users talk through a Missive server: each registers a device,
 * they connect, and each says hello to the other. With `--bench N`, Alice
 * then sends N messages one after another and the send-to-receive time of
 * each is measured.
 *
 *     mvn -q test-compile exec:java -Dexec.classpathScope=test \
 *       -Dexec.mainClass=org.missive.sample.SampleKt -Dexec.args="127.0.0.1:50051"
 *
 * PLACEHOLDER ENCRYPTION: the messages are the text's bytes behind a label.
 */
fun main(args: Array<String>) {
    val target = args.firstOrNull { !it.startsWith("--") } ?: "127.0.0.1:50051"
    val bench = args.indexOf("--bench").takeIf { it >= 0 }?.let { args[it + 1].toInt() } ?: 0
    val (host, port) = target.substringBeforeLast(':') to target.substringAfterLast(':').toInt()
    val channel = MissiveClient.channel(host, port, plaintext = true)
    try {
        runBlocking { talk(MissiveClient(channel), MissiveClient(channel), bench) { println(it) } }
    } finally {
        channel.shutdownNow()
    }
}

private const val PLACEHOLDER = "PLACEHOLDER-NOT-ENCRYPTED:"

/** The conversation of the sample, each line given to [say]. */
suspend fun talk(alice: MissiveClient, bob: MissiveClient, bench: Int = 0, say: (String) -> Unit) {
    val suffix = UUID.randomUUID().toString().take(8)
    val (aliceHandle, bobHandle) = "alice-$suffix" to "bob-$suffix"
    alice.register(aliceHandle, "sample password $suffix")
    bob.register(bobHandle, "sample password $suffix")
    say("registered $aliceHandle and $bobHandle")
    alice.connectWith(bobHandle)
    bob.connectWith(aliceHandle)
    val toBob = alice.oneToOneWith(bobHandle)
    val toAlice = bob.oneToOneWith(aliceHandle)
    say("connected")

    val scope = CoroutineScope(Dispatchers.Default)
    val aliceInbox = inbox(alice, scope)
    val bobInbox = inbox(bob, scope)
    try {
        alice.sendMessage(toBob) { "$PLACEHOLDER hello $bobHandle".toByteArray() }
        say("$bobHandle got: ${bobInbox.nextText()}")
        bob.sendMessage(toAlice) { "$PLACEHOLDER hi $aliceHandle".toByteArray() }
        say("$aliceHandle got: ${aliceInbox.nextText()}")
        if (bench > 0) {
            val times = LongArray(bench)
            repeat(bench) { i ->
                val started = System.nanoTime()
                alice.sendMessage(toBob) { "$PLACEHOLDER $i".toByteArray() }
                bobInbox.nextText()
                times[i] = System.nanoTime() - started
            }
            times.sort()
            fun ms(quantile: Double) = "%.2f".format(times[((bench - 1) * quantile).toInt()] / 1e6)
            say("send→receive over $bench messages, one at a time: p50 ${ms(0.5)} ms, p99 ${ms(0.99)} ms")
        }
    } finally {
        scope.cancel()
    }
}

private class Inbox(val texts: Channel<String>) {
    suspend fun nextText(): String = withTimeout(10_000) { texts.receive() }
}

private fun inbox(client: MissiveClient, scope: CoroutineScope): Inbox {
    val texts = Channel<String>(Channel.UNLIMITED)
    scope.launch {
        client.events().collect { event: EventOuterClass.Event ->
            if (event.hasMessageAdded()) texts.send(event.messageAdded.ciphertext.toStringUtf8().removePrefix(PLACEHOLDER).trim())
        }
    }
    return Inbox(texts)
}
