package missive.v1

import io.grpc.CallOptions
import io.grpc.CallOptions.DEFAULT
import io.grpc.Channel
import io.grpc.Metadata
import io.grpc.MethodDescriptor
import io.grpc.ServerServiceDefinition
import io.grpc.ServerServiceDefinition.builder
import io.grpc.ServiceDescriptor
import io.grpc.Status.UNIMPLEMENTED
import io.grpc.StatusException
import io.grpc.kotlin.AbstractCoroutineServerImpl
import io.grpc.kotlin.AbstractCoroutineStub
import io.grpc.kotlin.ClientCalls.serverStreamingRpc
import io.grpc.kotlin.ClientCalls.unaryRpc
import io.grpc.kotlin.ServerCalls.serverStreamingServerMethodDefinition
import io.grpc.kotlin.ServerCalls.unaryServerMethodDefinition
import io.grpc.kotlin.StubFor
import kotlin.String
import kotlin.coroutines.CoroutineContext
import kotlin.coroutines.EmptyCoroutineContext
import kotlin.jvm.JvmOverloads
import kotlin.jvm.JvmStatic
import kotlinx.coroutines.flow.Flow
import missive.v1.AssetServiceGrpc.getServiceDescriptor

/**
 * Holder for Kotlin coroutine-based client and server APIs for missive.v1.AssetService.
 */
public object AssetServiceGrpcKt {
  public const val SERVICE_NAME: String = AssetServiceGrpc.SERVICE_NAME

  @JvmStatic
  public val serviceDescriptor: ServiceDescriptor
    get() = getServiceDescriptor()

  public val createAssetMethod:
      MethodDescriptor<AssetOuterClass.CreateAssetRequest, AssetOuterClass.CreateAssetResponse>
    @JvmStatic
    get() = AssetServiceGrpc.getCreateAssetMethod()

  public val appendAssetChunkMethod:
      MethodDescriptor<AssetOuterClass.AppendAssetChunkRequest, AssetOuterClass.AppendAssetChunkResponse>
    @JvmStatic
    get() = AssetServiceGrpc.getAppendAssetChunkMethod()

  public val finishAssetMethod:
      MethodDescriptor<AssetOuterClass.FinishAssetRequest, AssetOuterClass.FinishAssetResponse>
    @JvmStatic
    get() = AssetServiceGrpc.getFinishAssetMethod()

  public val getAssetMethod:
      MethodDescriptor<AssetOuterClass.GetAssetRequest, AssetOuterClass.GetAssetResponse>
    @JvmStatic
    get() = AssetServiceGrpc.getGetAssetMethod()

  public val downloadAssetMethod:
      MethodDescriptor<AssetOuterClass.DownloadAssetRequest, AssetOuterClass.DownloadAssetResponse>
    @JvmStatic
    get() = AssetServiceGrpc.getDownloadAssetMethod()

  public val readAssetMethod:
      MethodDescriptor<AssetOuterClass.ReadAssetRequest, AssetOuterClass.ReadAssetResponse>
    @JvmStatic
    get() = AssetServiceGrpc.getReadAssetMethod()

  public val rotateAssetTokenMethod:
      MethodDescriptor<AssetOuterClass.RotateAssetTokenRequest, AssetOuterClass.RotateAssetTokenResponse>
    @JvmStatic
    get() = AssetServiceGrpc.getRotateAssetTokenMethod()

  public val revokeAssetTokenMethod:
      MethodDescriptor<AssetOuterClass.RevokeAssetTokenRequest, AssetOuterClass.RevokeAssetTokenResponse>
    @JvmStatic
    get() = AssetServiceGrpc.getRevokeAssetTokenMethod()

  public val deleteAssetMethod:
      MethodDescriptor<AssetOuterClass.DeleteAssetRequest, AssetOuterClass.DeleteAssetResponse>
    @JvmStatic
    get() = AssetServiceGrpc.getDeleteAssetMethod()

  /**
   * A stub for issuing RPCs to a(n) missive.v1.AssetService service as suspending coroutines.
   */
  @StubFor(AssetServiceGrpc::class)
  public class AssetServiceCoroutineStub @JvmOverloads constructor(
    channel: Channel,
    callOptions: CallOptions = DEFAULT,
  ) : AbstractCoroutineStub<AssetServiceCoroutineStub>(channel, callOptions) {
    override fun build(channel: Channel, callOptions: CallOptions): AssetServiceCoroutineStub = AssetServiceCoroutineStub(channel, callOptions)

    /**
     * Executes this RPC and returns the response message, suspending until the RPC completes
     * with [`Status.OK`][io.grpc.Status].  If the RPC completes with another status, a corresponding
     * [StatusException] is thrown.  If this coroutine is cancelled, the RPC is also cancelled
     * with the corresponding exception as a cause.
     *
     * @param request The request message to send to the server.
     *
     * @param headers Metadata to attach to the request.  Most users will not need this.
     *
     * @return The single response from the server.
     */
    public suspend fun createAsset(request: AssetOuterClass.CreateAssetRequest, headers: Metadata = Metadata()): AssetOuterClass.CreateAssetResponse = unaryRpc(
      channel,
      AssetServiceGrpc.getCreateAssetMethod(),
      request,
      callOptions,
      headers
    )

    /**
     * Executes this RPC and returns the response message, suspending until the RPC completes
     * with [`Status.OK`][io.grpc.Status].  If the RPC completes with another status, a corresponding
     * [StatusException] is thrown.  If this coroutine is cancelled, the RPC is also cancelled
     * with the corresponding exception as a cause.
     *
     * @param request The request message to send to the server.
     *
     * @param headers Metadata to attach to the request.  Most users will not need this.
     *
     * @return The single response from the server.
     */
    public suspend fun appendAssetChunk(request: AssetOuterClass.AppendAssetChunkRequest, headers: Metadata = Metadata()): AssetOuterClass.AppendAssetChunkResponse = unaryRpc(
      channel,
      AssetServiceGrpc.getAppendAssetChunkMethod(),
      request,
      callOptions,
      headers
    )

    /**
     * Executes this RPC and returns the response message, suspending until the RPC completes
     * with [`Status.OK`][io.grpc.Status].  If the RPC completes with another status, a corresponding
     * [StatusException] is thrown.  If this coroutine is cancelled, the RPC is also cancelled
     * with the corresponding exception as a cause.
     *
     * @param request The request message to send to the server.
     *
     * @param headers Metadata to attach to the request.  Most users will not need this.
     *
     * @return The single response from the server.
     */
    public suspend fun finishAsset(request: AssetOuterClass.FinishAssetRequest, headers: Metadata = Metadata()): AssetOuterClass.FinishAssetResponse = unaryRpc(
      channel,
      AssetServiceGrpc.getFinishAssetMethod(),
      request,
      callOptions,
      headers
    )

    /**
     * Executes this RPC and returns the response message, suspending until the RPC completes
     * with [`Status.OK`][io.grpc.Status].  If the RPC completes with another status, a corresponding
     * [StatusException] is thrown.  If this coroutine is cancelled, the RPC is also cancelled
     * with the corresponding exception as a cause.
     *
     * @param request The request message to send to the server.
     *
     * @param headers Metadata to attach to the request.  Most users will not need this.
     *
     * @return The single response from the server.
     */
    public suspend fun getAsset(request: AssetOuterClass.GetAssetRequest, headers: Metadata = Metadata()): AssetOuterClass.GetAssetResponse = unaryRpc(
      channel,
      AssetServiceGrpc.getGetAssetMethod(),
      request,
      callOptions,
      headers
    )

    /**
     * Returns a [Flow] that, when collected, executes this RPC and emits responses from the
     * server as they arrive.  That flow finishes normally if the server closes its response with
     * [`Status.OK`][io.grpc.Status], and fails by throwing a [StatusException] otherwise.  If
     * collecting the flow downstream fails exceptionally (including via cancellation), the RPC
     * is cancelled with that exception as a cause.
     *
     * @param request The request message to send to the server.
     *
     * @param headers Metadata to attach to the request.  Most users will not need this.
     *
     * @return A flow that, when collected, emits the responses from the server.
     */
    public fun downloadAsset(request: AssetOuterClass.DownloadAssetRequest, headers: Metadata = Metadata()): Flow<AssetOuterClass.DownloadAssetResponse> = serverStreamingRpc(
      channel,
      AssetServiceGrpc.getDownloadAssetMethod(),
      request,
      callOptions,
      headers
    )

    /**
     * Executes this RPC and returns the response message, suspending until the RPC completes
     * with [`Status.OK`][io.grpc.Status].  If the RPC completes with another status, a corresponding
     * [StatusException] is thrown.  If this coroutine is cancelled, the RPC is also cancelled
     * with the corresponding exception as a cause.
     *
     * @param request The request message to send to the server.
     *
     * @param headers Metadata to attach to the request.  Most users will not need this.
     *
     * @return The single response from the server.
     */
    public suspend fun readAsset(request: AssetOuterClass.ReadAssetRequest, headers: Metadata = Metadata()): AssetOuterClass.ReadAssetResponse = unaryRpc(
      channel,
      AssetServiceGrpc.getReadAssetMethod(),
      request,
      callOptions,
      headers
    )

    /**
     * Executes this RPC and returns the response message, suspending until the RPC completes
     * with [`Status.OK`][io.grpc.Status].  If the RPC completes with another status, a corresponding
     * [StatusException] is thrown.  If this coroutine is cancelled, the RPC is also cancelled
     * with the corresponding exception as a cause.
     *
     * @param request The request message to send to the server.
     *
     * @param headers Metadata to attach to the request.  Most users will not need this.
     *
     * @return The single response from the server.
     */
    public suspend fun rotateAssetToken(request: AssetOuterClass.RotateAssetTokenRequest, headers: Metadata = Metadata()): AssetOuterClass.RotateAssetTokenResponse = unaryRpc(
      channel,
      AssetServiceGrpc.getRotateAssetTokenMethod(),
      request,
      callOptions,
      headers
    )

    /**
     * Executes this RPC and returns the response message, suspending until the RPC completes
     * with [`Status.OK`][io.grpc.Status].  If the RPC completes with another status, a corresponding
     * [StatusException] is thrown.  If this coroutine is cancelled, the RPC is also cancelled
     * with the corresponding exception as a cause.
     *
     * @param request The request message to send to the server.
     *
     * @param headers Metadata to attach to the request.  Most users will not need this.
     *
     * @return The single response from the server.
     */
    public suspend fun revokeAssetToken(request: AssetOuterClass.RevokeAssetTokenRequest, headers: Metadata = Metadata()): AssetOuterClass.RevokeAssetTokenResponse = unaryRpc(
      channel,
      AssetServiceGrpc.getRevokeAssetTokenMethod(),
      request,
      callOptions,
      headers
    )

    /**
     * Executes this RPC and returns the response message, suspending until the RPC completes
     * with [`Status.OK`][io.grpc.Status].  If the RPC completes with another status, a corresponding
     * [StatusException] is thrown.  If this coroutine is cancelled, the RPC is also cancelled
     * with the corresponding exception as a cause.
     *
     * @param request The request message to send to the server.
     *
     * @param headers Metadata to attach to the request.  Most users will not need this.
     *
     * @return The single response from the server.
     */
    public suspend fun deleteAsset(request: AssetOuterClass.DeleteAssetRequest, headers: Metadata = Metadata()): AssetOuterClass.DeleteAssetResponse = unaryRpc(
      channel,
      AssetServiceGrpc.getDeleteAssetMethod(),
      request,
      callOptions,
      headers
    )
  }

  /**
   * Skeletal implementation of the missive.v1.AssetService service based on Kotlin coroutines.
   */
  public abstract class AssetServiceCoroutineImplBase(
    coroutineContext: CoroutineContext = EmptyCoroutineContext,
  ) : AbstractCoroutineServerImpl(coroutineContext) {
    /**
     * Returns the response to an RPC for missive.v1.AssetService.CreateAsset.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun createAsset(request: AssetOuterClass.CreateAssetRequest): AssetOuterClass.CreateAssetResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method missive.v1.AssetService.CreateAsset is unimplemented"))

    /**
     * Returns the response to an RPC for missive.v1.AssetService.AppendAssetChunk.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun appendAssetChunk(request: AssetOuterClass.AppendAssetChunkRequest): AssetOuterClass.AppendAssetChunkResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method missive.v1.AssetService.AppendAssetChunk is unimplemented"))

    /**
     * Returns the response to an RPC for missive.v1.AssetService.FinishAsset.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun finishAsset(request: AssetOuterClass.FinishAssetRequest): AssetOuterClass.FinishAssetResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method missive.v1.AssetService.FinishAsset is unimplemented"))

    /**
     * Returns the response to an RPC for missive.v1.AssetService.GetAsset.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun getAsset(request: AssetOuterClass.GetAssetRequest): AssetOuterClass.GetAssetResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method missive.v1.AssetService.GetAsset is unimplemented"))

    /**
     * Returns a [Flow] of responses to an RPC for missive.v1.AssetService.DownloadAsset.
     *
     * If creating or collecting the returned flow fails with a [StatusException], the RPC
     * will fail with the corresponding [io.grpc.Status].  If it fails with a
     * [java.util.concurrent.CancellationException], the RPC will fail with status `Status.CANCELLED`.  If creating
     * or collecting the returned flow fails for any other reason, the RPC will fail with
     * `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open fun downloadAsset(request: AssetOuterClass.DownloadAssetRequest): Flow<AssetOuterClass.DownloadAssetResponse> = throw StatusException(UNIMPLEMENTED.withDescription("Method missive.v1.AssetService.DownloadAsset is unimplemented"))

    /**
     * Returns the response to an RPC for missive.v1.AssetService.ReadAsset.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun readAsset(request: AssetOuterClass.ReadAssetRequest): AssetOuterClass.ReadAssetResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method missive.v1.AssetService.ReadAsset is unimplemented"))

    /**
     * Returns the response to an RPC for missive.v1.AssetService.RotateAssetToken.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun rotateAssetToken(request: AssetOuterClass.RotateAssetTokenRequest): AssetOuterClass.RotateAssetTokenResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method missive.v1.AssetService.RotateAssetToken is unimplemented"))

    /**
     * Returns the response to an RPC for missive.v1.AssetService.RevokeAssetToken.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun revokeAssetToken(request: AssetOuterClass.RevokeAssetTokenRequest): AssetOuterClass.RevokeAssetTokenResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method missive.v1.AssetService.RevokeAssetToken is unimplemented"))

    /**
     * Returns the response to an RPC for missive.v1.AssetService.DeleteAsset.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun deleteAsset(request: AssetOuterClass.DeleteAssetRequest): AssetOuterClass.DeleteAssetResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method missive.v1.AssetService.DeleteAsset is unimplemented"))

    final override fun bindService(): ServerServiceDefinition = builder(getServiceDescriptor())
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = AssetServiceGrpc.getCreateAssetMethod(),
      implementation = ::createAsset
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = AssetServiceGrpc.getAppendAssetChunkMethod(),
      implementation = ::appendAssetChunk
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = AssetServiceGrpc.getFinishAssetMethod(),
      implementation = ::finishAsset
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = AssetServiceGrpc.getGetAssetMethod(),
      implementation = ::getAsset
    ))
      .addMethod(serverStreamingServerMethodDefinition(
      context = this.context,
      descriptor = AssetServiceGrpc.getDownloadAssetMethod(),
      implementation = ::downloadAsset
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = AssetServiceGrpc.getReadAssetMethod(),
      implementation = ::readAsset
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = AssetServiceGrpc.getRotateAssetTokenMethod(),
      implementation = ::rotateAssetToken
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = AssetServiceGrpc.getRevokeAssetTokenMethod(),
      implementation = ::revokeAssetToken
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = AssetServiceGrpc.getDeleteAssetMethod(),
      implementation = ::deleteAsset
    )).build()
  }
}
