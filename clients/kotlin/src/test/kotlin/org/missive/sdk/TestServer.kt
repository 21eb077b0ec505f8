package org.missive.sdk

import io.grpc.ManagedChannel
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder
import java.io.File
import java.net.ServerSocket
import java.net.Socket
import java.nio.file.Files
import java.util.concurrent.TimeUnit

/** A real missive-server (the cargo-built binary) on a free port, for one test. */
class TestServer private constructor(private val binary: File, val port: Int, private val dataDir: File) : AutoCloseable {
    private var process: Process? = null

    private fun launch() {
        val builder = ProcessBuilder(binary.path)
        val env = builder.environment()
        env.remove("DATABASE_URL")
        env.remove("REDIS_URL")
        env["MISSIVE_LISTEN"] = "127.0.0.1:$port"
        env["MISSIVE_DATA_DIR"] = dataDir.path
        env["RUST_LOG"] = "warn"
        builder.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT)
        process = builder.start()
        repeat(200) {
            if (accepts()) return
            Thread.sleep(50)
        }
        error("missive-server did not listen on $port")
    }

    private fun accepts(): Boolean = runCatching { Socket("127.0.0.1", port).close() }.isSuccess

    /** SIGTERM (streams end with UNAVAILABLE), then the same port and data again. */
    fun restart() {
        stop()
        launch()
    }

    fun stop() {
        process?.let {
            it.destroy()
            it.waitFor(10, TimeUnit.SECONDS)
        }
        process = null
    }

    fun channel(): ManagedChannel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build()

    override fun close() {
        stop()
        dataDir.deleteRecursively()
    }

    companion object {
        fun start(): TestServer {
            val path = System.getProperty("missive.server.bin") ?: System.getenv("MISSIVE_SERVER_BIN")
                ?: error("set missive.server.bin (the pom does) or MISSIVE_SERVER_BIN")
            val binary = File(path)
            check(binary.canExecute()) { "$binary is not built: cargo build -p missive-server" }
            val port = ServerSocket(0).use { it.localPort }
            val dir = Files.createTempDirectory("missive-kotlin-").toFile()
            return TestServer(binary, port, dir).also { it.launch() }
        }
    }
}
