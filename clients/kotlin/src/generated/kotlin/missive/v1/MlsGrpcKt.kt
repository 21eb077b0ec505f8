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
import missive.v1.MlsServiceGrpc.getServiceDescriptor

/**
 * Holder for Kotlin coroutine-based client and server APIs for missive.v1.MlsService.
 */
public object MlsServiceGrpcKt {
  public const val SERVICE_NAME: String = MlsServiceGrpc.SERVICE_NAME

  @JvmStatic
  public val serviceDescriptor: ServiceDescriptor
    get() = getServiceDescriptor()

  public val sendCommitBundleMethod:
      MethodDescriptor<Mls.SendCommitBundleRequest, Mls.SendCommitBundleResponse>
    @JvmStatic
    get() = MlsServiceGrpc.getSendCommitBundleMethod()

  public val sendMlsMessageMethod:
      MethodDescriptor<Mls.SendMlsMessageRequest, Mls.SendMlsMessageResponse>
    @JvmStatic
    get() = MlsServiceGrpc.getSendMlsMessageMethod()

  public val getGroupInfoMethod: MethodDescriptor<Mls.GetGroupInfoRequest, Mls.GetGroupInfoResponse>
    @JvmStatic
    get() = MlsServiceGrpc.getGetGroupInfoMethod()

  public val getOneToOneMethod: MethodDescriptor<Mls.GetOneToOneRequest, Mls.GetOneToOneResponse>
    @JvmStatic
    get() = MlsServiceGrpc.getGetOneToOneMethod()

  /**
   * A stub for issuing RPCs to a(n) missive.v1.MlsService service as suspending coroutines.
   */
  @StubFor(MlsServiceGrpc::class)
  public class MlsServiceCoroutineStub @JvmOverloads constructor(
    channel: Channel,
    callOptions: CallOptions = DEFAULT,
  ) : AbstractCoroutineStub<MlsServiceCoroutineStub>(channel, callOptions) {
    override fun build(channel: Channel, callOptions: CallOptions): MlsServiceCoroutineStub = MlsServiceCoroutineStub(channel, callOptions)

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
    public suspend fun sendCommitBundle(request: Mls.SendCommitBundleRequest, headers: Metadata = Metadata()): Mls.SendCommitBundleResponse = unaryRpc(
      channel,
      MlsServiceGrpc.getSendCommitBundleMethod(),
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
    public suspend fun sendMlsMessage(request: Mls.SendMlsMessageRequest, headers: Metadata = Metadata()): Mls.SendMlsMessageResponse = unaryRpc(
      channel,
      MlsServiceGrpc.getSendMlsMessageMethod(),
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
    public suspend fun getGroupInfo(request: Mls.GetGroupInfoRequest, headers: Metadata = Metadata()): Mls.GetGroupInfoResponse = unaryRpc(
      channel,
      MlsServiceGrpc.getGetGroupInfoMethod(),
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
    public suspend fun getOneToOne(request: Mls.GetOneToOneRequest, headers: Metadata = Metadata()): Mls.GetOneToOneResponse = unaryRpc(
      channel,
      MlsServiceGrpc.getGetOneToOneMethod(),
      request,
      callOptions,
      headers
    )
  }

  /**
   * Skeletal implementation of the missive.v1.MlsService service based on Kotlin coroutines.
   */
  public abstract class MlsServiceCoroutineImplBase(
    coroutineContext: CoroutineContext = EmptyCoroutineContext,
  ) : AbstractCoroutineServerImpl(coroutineContext) {
    /**
     * Returns the response to an RPC for missive.v1.MlsService.SendCommitBundle.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun sendCommitBundle(request: Mls.SendCommitBundleRequest): Mls.SendCommitBundleResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method missive.v1.MlsService.SendCommitBundle is unimplemented"))

    /**
     * Returns the response to an RPC for missive.v1.MlsService.SendMlsMessage.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun sendMlsMessage(request: Mls.SendMlsMessageRequest): Mls.SendMlsMessageResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method missive.v1.MlsService.SendMlsMessage is unimplemented"))

    /**
     * Returns the response to an RPC for missive.v1.MlsService.GetGroupInfo.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun getGroupInfo(request: Mls.GetGroupInfoRequest): Mls.GetGroupInfoResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method missive.v1.MlsService.GetGroupInfo is unimplemented"))

    /**
     * Returns the response to an RPC for missive.v1.MlsService.GetOneToOne.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun getOneToOne(request: Mls.GetOneToOneRequest): Mls.GetOneToOneResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method missive.v1.MlsService.GetOneToOne is unimplemented"))

    final override fun bindService(): ServerServiceDefinition = builder(getServiceDescriptor())
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = MlsServiceGrpc.getSendCommitBundleMethod(),
      implementation = ::sendCommitBundle
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = MlsServiceGrpc.getSendMlsMessageMethod(),
      implementation = ::sendMlsMessage
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = MlsServiceGrpc.getGetGroupInfoMethod(),
      implementation = ::getGroupInfo
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = MlsServiceGrpc.getGetOneToOneMethod(),
      implementation = ::getOneToOne
    )).build()
  }
}
