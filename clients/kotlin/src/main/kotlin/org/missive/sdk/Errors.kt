package org.missive.sdk

import com.google.protobuf.CodedInputStream
import io.grpc.Metadata
import io.grpc.Status
import io.grpc.StatusException
import io.grpc.StatusRuntimeException
import missive.v1.Message

/** The devices of one user, in a [ClientMismatchException]. */
data class RecipientDevices(val userId: String, val domain: String, val deviceIds: List<String>)

/** Something the app can act on; [status] is the server's answer. */
sealed class MissiveException(message: String, val status: Status, cause: Throwable?) : Exception(message, cause)

/**
 * The server refused a message: its recipients do not match the
 * conversation's devices. Claim prekeys for [missing] and send again.
 */
class ClientMismatchException(
    val missing: List<RecipientDevices>,
    val redundant: List<RecipientDevices>,
    val deleted: List<RecipientDevices>,
    status: Status,
    cause: Throwable?,
) : MissiveException(status.description ?: "client mismatch", status, cause)

/** The cursor is older than what the server keeps: resync, then stream without a cursor. */
class EventsMissingException(status: Status, cause: Throwable?) :
    MissiveException(status.description ?: "events missing", status, cause)

/** The session cannot be refreshed (revoked, expired, device removed): log in again. */
class SessionEndedException(status: Status, cause: Throwable?) :
    MissiveException(status.description ?: "session ended", status, cause)

private val DETAILS_KEY: Metadata.Key<ByteArray> =
    Metadata.Key.of("grpc-status-details-bin", Metadata.BINARY_BYTE_MARSHALLER)
private const val CLIENT_MISMATCH_TYPE = "type.googleapis.com/missive.v1.ClientMismatch"

internal fun statusOf(error: Throwable): Pair<Status, Metadata?>? = when (error) {
    is StatusException -> error.status to error.trailers
    is StatusRuntimeException -> error.status to error.trailers
    else -> null
}

/** The typed error inside a FAILED_PRECONDITION with a ClientMismatch detail, else null. */
fun clientMismatchOf(error: Throwable): ClientMismatchException? {
    val (status, trailers) = statusOf(error) ?: return null
    if (status.code != Status.Code.FAILED_PRECONDITION) return null
    val details = trailers?.get(DETAILS_KEY) ?: return null
    val mismatch = anyDetails(details)[CLIENT_MISMATCH_TYPE]?.let { Message.ClientMismatch.parseFrom(it) } ?: return null
    fun lists(entries: List<Message.DeviceList>) =
        entries.map { RecipientDevices(it.user.id, it.user.domain, it.deviceIdsList.toList()) }
    return ClientMismatchException(lists(mismatch.missingList), lists(mismatch.redundantList), lists(mismatch.deletedList), status, error)
}

/**
 * The `details` of a google.rpc.Status (field 3, each a google.protobuf.Any
 * of type_url 1 and value 2), by type URL. Read by hand: the lite runtime
 * has no google.rpc types, and this is all an app needs of them.
 */
private fun anyDetails(statusBytes: ByteArray): Map<String, ByteArray> {
    val found = mutableMapOf<String, ByteArray>()
    val status = CodedInputStream.newInstance(statusBytes)
    while (true) {
        val tag = status.readTag()
        if (tag == 0) break
        if (tag != (3 shl 3 or 2)) {
            status.skipField(tag)
            continue
        }
        val any = CodedInputStream.newInstance(status.readByteArray())
        var typeUrl = ""
        var value = ByteArray(0)
        while (true) {
            val anyTag = any.readTag()
            if (anyTag == 0) break
            when (anyTag) {
                1 shl 3 or 2 -> typeUrl = any.readString()
                2 shl 3 or 2 -> value = any.readByteArray()
                else -> any.skipField(anyTag)
            }
        }
        found[typeUrl] = value
    }
    return found
}
