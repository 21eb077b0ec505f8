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
import io.grpc.kotlin.ClientCalls.unaryRpc
import io.grpc.kotlin.ServerCalls.unaryServerMethodDefinition
import io.grpc.kotlin.StubFor
import kotlin.String
import kotlin.coroutines.CoroutineContext
import kotlin.coroutines.EmptyCoroutineContext
import kotlin.jvm.JvmOverloads
import kotlin.jvm.JvmStatic
import missive.v1.ConnectionServiceGrpc.getServiceDescriptor

/**
 * Holder for Kotlin coroutine-based client and server APIs for missive.v1.ConnectionService.
 */
public object ConnectionServiceGrpcKt {
  public const val SERVICE_NAME: String = ConnectionServiceGrpc.SERVICE_NAME

  @JvmStatic
  public val serviceDescriptor: ServiceDescriptor
    get() = getServiceDescriptor()

  public val sendConnectionRequestMethod:
      MethodDescriptor<ConnectionOuterClass.SendConnectionRequestRequest, ConnectionOuterClass.SendConnectionRequestResponse>
    @JvmStatic
    get() = ConnectionServiceGrpc.getSendConnectionRequestMethod()

  public val updateConnectionMethod:
      MethodDescriptor<ConnectionOuterClass.UpdateConnectionRequest, ConnectionOuterClass.UpdateConnectionResponse>
    @JvmStatic
    get() = ConnectionServiceGrpc.getUpdateConnectionMethod()

  public val listConnectionsMethod:
      MethodDescriptor<ConnectionOuterClass.ListConnectionsRequest, ConnectionOuterClass.ListConnectionsResponse>
    @JvmStatic
    get() = ConnectionServiceGrpc.getListConnectionsMethod()

  /**
   * A stub for issuing RPCs to a(n) missive.v1.ConnectionService service as suspending coroutines.
   */
  @StubFor(ConnectionServiceGrpc::class)
  public class ConnectionServiceCoroutineStub @JvmOverloads constructor(
    channel: Channel,
    callOptions: CallOptions = DEFAULT,
  ) : AbstractCoroutineStub<ConnectionServiceCoroutineStub>(channel, callOptions) {
    override fun build(channel: Channel, callOptions: CallOptions): ConnectionServiceCoroutineStub = ConnectionServiceCoroutineStub(channel, callOptions)

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
    public suspend fun sendConnectionRequest(request: ConnectionOuterClass.SendConnectionRequestRequest, headers: Metadata = Metadata()): ConnectionOuterClass.SendConnectionRequestResponse = unaryRpc(
      channel,
      ConnectionServiceGrpc.getSendConnectionRequestMethod(),
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
    public suspend fun updateConnection(request: ConnectionOuterClass.UpdateConnectionRequest, headers: Metadata = Metadata()): ConnectionOuterClass.UpdateConnectionResponse = unaryRpc(
      channel,
      ConnectionServiceGrpc.getUpdateConnectionMethod(),
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
    public suspend fun listConnections(request: ConnectionOuterClass.ListConnectionsRequest, headers: Metadata = Metadata()): ConnectionOuterClass.ListConnectionsResponse = unaryRpc(
      channel,
      ConnectionServiceGrpc.getListConnectionsMethod(),
      request,
      callOptions,
      headers
    )
  }

  /**
   * Skeletal implementation of the missive.v1.ConnectionService service based on Kotlin coroutines.
   */
  public abstract class ConnectionServiceCoroutineImplBase(
    coroutineContext: CoroutineContext = EmptyCoroutineContext,
  ) : AbstractCoroutineServerImpl(coroutineContext) {
    /**
     * Returns the response to an RPC for missive.v1.ConnectionService.SendConnectionRequest.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun sendConnectionRequest(request: ConnectionOuterClass.SendConnectionRequestRequest): ConnectionOuterClass.SendConnectionRequestResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method missive.v1.ConnectionService.SendConnectionRequest is unimplemented"))

    /**
     * Returns the response to an RPC for missive.v1.ConnectionService.UpdateConnection.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun updateConnection(request: ConnectionOuterClass.UpdateConnectionRequest): ConnectionOuterClass.UpdateConnectionResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method missive.v1.ConnectionService.UpdateConnection is unimplemented"))

    /**
     * Returns the response to an RPC for missive.v1.ConnectionService.ListConnections.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun listConnections(request: ConnectionOuterClass.ListConnectionsRequest): ConnectionOuterClass.ListConnectionsResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method missive.v1.ConnectionService.ListConnections is unimplemented"))

    final override fun bindService(): ServerServiceDefinition = builder(getServiceDescriptor())
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = ConnectionServiceGrpc.getSendConnectionRequestMethod(),
      implementation = ::sendConnectionRequest
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = ConnectionServiceGrpc.getUpdateConnectionMethod(),
      implementation = ::updateConnection
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = ConnectionServiceGrpc.getListConnectionsMethod(),
      implementation = ::listConnections
    )).build()
  }
}
