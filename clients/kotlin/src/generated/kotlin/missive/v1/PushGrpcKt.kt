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
import missive.v1.PushServiceGrpc.getServiceDescriptor

/**
 * Holder for Kotlin coroutine-based client and server APIs for missive.v1.PushService.
 */
public object PushServiceGrpcKt {
  public const val SERVICE_NAME: String = PushServiceGrpc.SERVICE_NAME

  @JvmStatic
  public val serviceDescriptor: ServiceDescriptor
    get() = getServiceDescriptor()

  public val setPushTokenMethod:
      MethodDescriptor<Push.SetPushTokenRequest, Push.SetPushTokenResponse>
    @JvmStatic
    get() = PushServiceGrpc.getSetPushTokenMethod()

  public val getPushTokenMethod:
      MethodDescriptor<Push.GetPushTokenRequest, Push.GetPushTokenResponse>
    @JvmStatic
    get() = PushServiceGrpc.getGetPushTokenMethod()

  public val removePushTokenMethod:
      MethodDescriptor<Push.RemovePushTokenRequest, Push.RemovePushTokenResponse>
    @JvmStatic
    get() = PushServiceGrpc.getRemovePushTokenMethod()

  public val getPushConfigMethod:
      MethodDescriptor<Push.GetPushConfigRequest, Push.GetPushConfigResponse>
    @JvmStatic
    get() = PushServiceGrpc.getGetPushConfigMethod()

  /**
   * A stub for issuing RPCs to a(n) missive.v1.PushService service as suspending coroutines.
   */
  @StubFor(PushServiceGrpc::class)
  public class PushServiceCoroutineStub @JvmOverloads constructor(
    channel: Channel,
    callOptions: CallOptions = DEFAULT,
  ) : AbstractCoroutineStub<PushServiceCoroutineStub>(channel, callOptions) {
    override fun build(channel: Channel, callOptions: CallOptions): PushServiceCoroutineStub = PushServiceCoroutineStub(channel, callOptions)

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
    public suspend fun setPushToken(request: Push.SetPushTokenRequest, headers: Metadata = Metadata()): Push.SetPushTokenResponse = unaryRpc(
      channel,
      PushServiceGrpc.getSetPushTokenMethod(),
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
    public suspend fun getPushToken(request: Push.GetPushTokenRequest, headers: Metadata = Metadata()): Push.GetPushTokenResponse = unaryRpc(
      channel,
      PushServiceGrpc.getGetPushTokenMethod(),
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
    public suspend fun removePushToken(request: Push.RemovePushTokenRequest, headers: Metadata = Metadata()): Push.RemovePushTokenResponse = unaryRpc(
      channel,
      PushServiceGrpc.getRemovePushTokenMethod(),
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
    public suspend fun getPushConfig(request: Push.GetPushConfigRequest, headers: Metadata = Metadata()): Push.GetPushConfigResponse = unaryRpc(
      channel,
      PushServiceGrpc.getGetPushConfigMethod(),
      request,
      callOptions,
      headers
    )
  }

  /**
   * Skeletal implementation of the missive.v1.PushService service based on Kotlin coroutines.
   */
  public abstract class PushServiceCoroutineImplBase(
    coroutineContext: CoroutineContext = EmptyCoroutineContext,
  ) : AbstractCoroutineServerImpl(coroutineContext) {
    /**
     * Returns the response to an RPC for missive.v1.PushService.SetPushToken.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun setPushToken(request: Push.SetPushTokenRequest): Push.SetPushTokenResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method missive.v1.PushService.SetPushToken is unimplemented"))

    /**
     * Returns the response to an RPC for missive.v1.PushService.GetPushToken.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun getPushToken(request: Push.GetPushTokenRequest): Push.GetPushTokenResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method missive.v1.PushService.GetPushToken is unimplemented"))

    /**
     * Returns the response to an RPC for missive.v1.PushService.RemovePushToken.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun removePushToken(request: Push.RemovePushTokenRequest): Push.RemovePushTokenResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method missive.v1.PushService.RemovePushToken is unimplemented"))

    /**
     * Returns the response to an RPC for missive.v1.PushService.GetPushConfig.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun getPushConfig(request: Push.GetPushConfigRequest): Push.GetPushConfigResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method missive.v1.PushService.GetPushConfig is unimplemented"))

    final override fun bindService(): ServerServiceDefinition = builder(getServiceDescriptor())
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = PushServiceGrpc.getSetPushTokenMethod(),
      implementation = ::setPushToken
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = PushServiceGrpc.getGetPushTokenMethod(),
      implementation = ::getPushToken
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = PushServiceGrpc.getRemovePushTokenMethod(),
      implementation = ::removePushToken
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = PushServiceGrpc.getGetPushConfigMethod(),
      implementation = ::getPushConfig
    )).build()
  }
}
