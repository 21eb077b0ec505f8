package org.missive.sdk

import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.missive.sample.talk

/** The README's sample, against a real server. */
class SampleTest {
    @Test
    fun `the sample has two users talk`() {
        TestServer.start().use { server ->
            val channel = server.channel()
            val lines = mutableListOf<String>()
            try {
                runBlocking { talk(MissiveClient(channel), MissiveClient(channel), bench = 20) { lines += it } }
            } finally {
                channel.shutdownNow()
            }
            assertEquals(5, lines.size, lines.joinToString("\n"))
            assertTrue(lines[2].matches(Regex("bob-\\w+ got: hello bob-\\w+")), lines[2])
            assertTrue(lines[3].matches(Regex("alice-\\w+ got: hi alice-\\w+")), lines[3])
            assertTrue(lines[4].startsWith("send→receive over 20 messages"), lines[4])
        }
    }
}
