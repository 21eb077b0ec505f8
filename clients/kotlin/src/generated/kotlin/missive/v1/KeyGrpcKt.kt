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
import missive.v1.KeyServiceGrpc.getServiceDescriptor

/**
 * Holder for Kotlin coroutine-based client and server APIs for missive.v1.KeyService.
 */
public object KeyServiceGrpcKt {
  public const val SERVICE_NAME: String = KeyServiceGrpc.SERVICE_NAME

  @JvmStatic
  public val serviceDescriptor: ServiceDescriptor
    get() = getServiceDescriptor()

  public val uploadPrekeysMethod:
      MethodDescriptor<Key.UploadPrekeysRequest, Key.UploadPrekeysResponse>
    @JvmStatic
    get() = KeyServiceGrpc.getUploadPrekeysMethod()

  public val getPrekeyCountMethod:
      MethodDescriptor<Key.GetPrekeyCountRequest, Key.GetPrekeyCountResponse>
    @JvmStatic
    get() = KeyServiceGrpc.getGetPrekeyCountMethod()

  public val claimPrekeyBundleMethod:
      MethodDescriptor<Key.ClaimPrekeyBundleRequest, Key.ClaimPrekeyBundleResponse>
    @JvmStatic
    get() = KeyServiceGrpc.getClaimPrekeyBundleMethod()

  public val claimPrekeysMethod: MethodDescriptor<Key.ClaimPrekeysRequest, Key.ClaimPrekeysResponse>
    @JvmStatic
    get() = KeyServiceGrpc.getClaimPrekeysMethod()

  public val uploadKeyPackagesMethod:
      MethodDescriptor<Key.UploadKeyPackagesRequest, Key.UploadKeyPackagesResponse>
    @JvmStatic
    get() = KeyServiceGrpc.getUploadKeyPackagesMethod()

  public val countKeyPackagesMethod:
      MethodDescriptor<Key.CountKeyPackagesRequest, Key.CountKeyPackagesResponse>
    @JvmStatic
    get() = KeyServiceGrpc.getCountKeyPackagesMethod()

  public val claimKeyPackagesMethod:
      MethodDescriptor<Key.ClaimKeyPackagesRequest, Key.ClaimKeyPackagesResponse>
    @JvmStatic
    get() = KeyServiceGrpc.getClaimKeyPackagesMethod()

  /**
   * A stub for issuing RPCs to a(n) missive.v1.KeyService service as suspending coroutines.
   */
  @StubFor(KeyServiceGrpc::class)
  public class KeyServiceCoroutineStub @JvmOverloads constructor(
    channel: Channel,
    callOptions: CallOptions = DEFAULT,
  ) : AbstractCoroutineStub<KeyServiceCoroutineStub>(channel, callOptions) {
    override fun build(channel: Channel, callOptions: CallOptions): KeyServiceCoroutineStub = KeyServiceCoroutineStub(channel, callOptions)

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
    public suspend fun uploadPrekeys(request: Key.UploadPrekeysRequest, headers: Metadata = Metadata()): Key.UploadPrekeysResponse = unaryRpc(
      channel,
      KeyServiceGrpc.getUploadPrekeysMethod(),
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
    public suspend fun getPrekeyCount(request: Key.GetPrekeyCountRequest, headers: Metadata = Metadata()): Key.GetPrekeyCountResponse = unaryRpc(
      channel,
      KeyServiceGrpc.getGetPrekeyCountMethod(),
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
    public suspend fun claimPrekeyBundle(request: Key.ClaimPrekeyBundleRequest, headers: Metadata = Metadata()): Key.ClaimPrekeyBundleResponse = unaryRpc(
      channel,
      KeyServiceGrpc.getClaimPrekeyBundleMethod(),
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
    public suspend fun claimPrekeys(request: Key.ClaimPrekeysRequest, headers: Metadata = Metadata()): Key.ClaimPrekeysResponse = unaryRpc(
      channel,
      KeyServiceGrpc.getClaimPrekeysMethod(),
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
    public suspend fun uploadKeyPackages(request: Key.UploadKeyPackagesRequest, headers: Metadata = Metadata()): Key.UploadKeyPackagesResponse = unaryRpc(
      channel,
      KeyServiceGrpc.getUploadKeyPackagesMethod(),
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
    public suspend fun countKeyPackages(request: Key.CountKeyPackagesRequest, headers: Metadata = Metadata()): Key.CountKeyPackagesResponse = unaryRpc(
      channel,
      KeyServiceGrpc.getCountKeyPackagesMethod(),
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
    public suspend fun claimKeyPackages(request: Key.ClaimKeyPackagesRequest, headers: Metadata = Metadata()): Key.ClaimKeyPackagesResponse = unaryRpc(
      channel,
      KeyServiceGrpc.getClaimKeyPackagesMethod(),
      request,
      callOptions,
      headers
    )
  }

  /**
   * Skeletal implementation of the missive.v1.KeyService service based on Kotlin coroutines.
   */
  public abstract class KeyServiceCoroutineImplBase(
    coroutineContext: CoroutineContext = EmptyCoroutineContext,
  ) : AbstractCoroutineServerImpl(coroutineContext) {
    /**
     * Returns the response to an RPC for missive.v1.KeyService.UploadPrekeys.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun uploadPrekeys(request: Key.UploadPrekeysRequest): Key.UploadPrekeysResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method missive.v1.KeyService.UploadPrekeys is unimplemented"))

    /**
     * Returns the response to an RPC for missive.v1.KeyService.GetPrekeyCount.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun getPrekeyCount(request: Key.GetPrekeyCountRequest): Key.GetPrekeyCountResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method missive.v1.KeyService.GetPrekeyCount is unimplemented"))

    /**
     * Returns the response to an RPC for missive.v1.KeyService.ClaimPrekeyBundle.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun claimPrekeyBundle(request: Key.ClaimPrekeyBundleRequest): Key.ClaimPrekeyBundleResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method missive.v1.KeyService.ClaimPrekeyBundle is unimplemented"))

    /**
     * Returns the response to an RPC for missive.v1.KeyService.ClaimPrekeys.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun claimPrekeys(request: Key.ClaimPrekeysRequest): Key.ClaimPrekeysResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method missive.v1.KeyService.ClaimPrekeys is unimplemented"))

    /**
     * Returns the response to an RPC for missive.v1.KeyService.UploadKeyPackages.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun uploadKeyPackages(request: Key.UploadKeyPackagesRequest): Key.UploadKeyPackagesResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method missive.v1.KeyService.UploadKeyPackages is unimplemented"))

    /**
     * Returns the response to an RPC for missive.v1.KeyService.CountKeyPackages.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun countKeyPackages(request: Key.CountKeyPackagesRequest): Key.CountKeyPackagesResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method missive.v1.KeyService.CountKeyPackages is unimplemented"))

    /**
     * Returns the response to an RPC for missive.v1.KeyService.ClaimKeyPackages.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun claimKeyPackages(request: Key.ClaimKeyPackagesRequest): Key.ClaimKeyPackagesResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method missive.v1.KeyService.ClaimKeyPackages is unimplemented"))

    final override fun bindService(): ServerServiceDefinition = builder(getServiceDescriptor())
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = KeyServiceGrpc.getUploadPrekeysMethod(),
      implementation = ::uploadPrekeys
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = KeyServiceGrpc.getGetPrekeyCountMethod(),
      implementation = ::getPrekeyCount
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = KeyServiceGrpc.getClaimPrekeyBundleMethod(),
      implementation = ::claimPrekeyBundle
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = KeyServiceGrpc.getClaimPrekeysMethod(),
      implementation = ::claimPrekeys
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = KeyServiceGrpc.getUploadKeyPackagesMethod(),
      implementation = ::uploadKeyPackages
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = KeyServiceGrpc.getCountKeyPackagesMethod(),
      implementation = ::countKeyPackages
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = KeyServiceGrpc.getClaimKeyPackagesMethod(),
      implementation = ::claimKeyPackages
    )).build()
  }
}
