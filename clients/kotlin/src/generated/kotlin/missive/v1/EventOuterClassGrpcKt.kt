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
import missive.v1.EventServiceGrpc.getServiceDescriptor

/**
 * Holder for Kotlin coroutine-based client and server APIs for missive.v1.EventService.
 */
public object EventServiceGrpcKt {
  public const val SERVICE_NAME: String = EventServiceGrpc.SERVICE_NAME

  @JvmStatic
  public val serviceDescriptor: ServiceDescriptor
    get() = getServiceDescriptor()

  public val subscribeMethod:
      MethodDescriptor<EventOuterClass.SubscribeRequest, EventOuterClass.SubscribeResponse>
    @JvmStatic
    get() = EventServiceGrpc.getSubscribeMethod()

  public val ackMethod: MethodDescriptor<EventOuterClass.AckRequest, EventOuterClass.AckResponse>
    @JvmStatic
    get() = EventServiceGrpc.getAckMethod()

  /**
   * A stub for issuing RPCs to a(n) missive.v1.EventService service as suspending coroutines.
   */
  @StubFor(EventServiceGrpc::class)
  public class EventServiceCoroutineStub @JvmOverloads constructor(
    channel: Channel,
    callOptions: CallOptions = DEFAULT,
  ) : AbstractCoroutineStub<EventServiceCoroutineStub>(channel, callOptions) {
    override fun build(channel: Channel, callOptions: CallOptions): EventServiceCoroutineStub = EventServiceCoroutineStub(channel, callOptions)

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
    public fun subscribe(request: EventOuterClass.SubscribeRequest, headers: Metadata = Metadata()): Flow<EventOuterClass.SubscribeResponse> = serverStreamingRpc(
      channel,
      EventServiceGrpc.getSubscribeMethod(),
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
    public suspend fun ack(request: EventOuterClass.AckRequest, headers: Metadata = Metadata()): EventOuterClass.AckResponse = unaryRpc(
      channel,
      EventServiceGrpc.getAckMethod(),
      request,
      callOptions,
      headers
    )
  }

  /**
   * Skeletal implementation of the missive.v1.EventService service based on Kotlin coroutines.
   */
  public abstract class EventServiceCoroutineImplBase(
    coroutineContext: CoroutineContext = EmptyCoroutineContext,
  ) : AbstractCoroutineServerImpl(coroutineContext) {
    /**
     * Returns a [Flow] of responses to an RPC for missive.v1.EventService.Subscribe.
     *
     * If creating or collecting the returned flow fails with a [StatusException], the RPC
     * will fail with the corresponding [io.grpc.Status].  If it fails with a
     * [java.util.concurrent.CancellationException], the RPC will fail with status `Status.CANCELLED`.  If creating
     * or collecting the returned flow fails for any other reason, the RPC will fail with
     * `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open fun subscribe(request: EventOuterClass.SubscribeRequest): Flow<EventOuterClass.SubscribeResponse> = throw StatusException(UNIMPLEMENTED.withDescription("Method missive.v1.EventService.Subscribe is unimplemented"))

    /**
     * Returns the response to an RPC for missive.v1.EventService.Ack.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun ack(request: EventOuterClass.AckRequest): EventOuterClass.AckResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method missive.v1.EventService.Ack is unimplemented"))

    final override fun bindService(): ServerServiceDefinition = builder(getServiceDescriptor())
      .addMethod(serverStreamingServerMethodDefinition(
      context = this.context,
      descriptor = EventServiceGrpc.getSubscribeMethod(),
      implementation = ::subscribe
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = EventServiceGrpc.getAckMethod(),
      implementation = ::ack
    )).build()
  }
}
