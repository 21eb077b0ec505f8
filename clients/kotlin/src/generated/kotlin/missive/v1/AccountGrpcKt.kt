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
import missive.v1.AccountServiceGrpc.getServiceDescriptor

/**
 * Holder for Kotlin coroutine-based client and server APIs for missive.v1.AccountService.
 */
public object AccountServiceGrpcKt {
  public const val SERVICE_NAME: String = AccountServiceGrpc.SERVICE_NAME

  @JvmStatic
  public val serviceDescriptor: ServiceDescriptor
    get() = getServiceDescriptor()

  public val registerMethod: MethodDescriptor<Account.RegisterRequest, Account.RegisterResponse>
    @JvmStatic
    get() = AccountServiceGrpc.getRegisterMethod()

  public val loginMethod: MethodDescriptor<Account.LoginRequest, Account.LoginResponse>
    @JvmStatic
    get() = AccountServiceGrpc.getLoginMethod()

  public val beginDeviceAuthMethod:
      MethodDescriptor<Account.BeginDeviceAuthRequest, Account.BeginDeviceAuthResponse>
    @JvmStatic
    get() = AccountServiceGrpc.getBeginDeviceAuthMethod()

  public val completeDeviceAuthMethod:
      MethodDescriptor<Account.CompleteDeviceAuthRequest, Account.CompleteDeviceAuthResponse>
    @JvmStatic
    get() = AccountServiceGrpc.getCompleteDeviceAuthMethod()

  public val refreshSessionMethod:
      MethodDescriptor<Account.RefreshSessionRequest, Account.RefreshSessionResponse>
    @JvmStatic
    get() = AccountServiceGrpc.getRefreshSessionMethod()

  public val logoutMethod: MethodDescriptor<Account.LogoutRequest, Account.LogoutResponse>
    @JvmStatic
    get() = AccountServiceGrpc.getLogoutMethod()

  /**
   * A stub for issuing RPCs to a(n) missive.v1.AccountService service as suspending coroutines.
   */
  @StubFor(AccountServiceGrpc::class)
  public class AccountServiceCoroutineStub @JvmOverloads constructor(
    channel: Channel,
    callOptions: CallOptions = DEFAULT,
  ) : AbstractCoroutineStub<AccountServiceCoroutineStub>(channel, callOptions) {
    override fun build(channel: Channel, callOptions: CallOptions): AccountServiceCoroutineStub = AccountServiceCoroutineStub(channel, callOptions)

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
    public suspend fun register(request: Account.RegisterRequest, headers: Metadata = Metadata()): Account.RegisterResponse = unaryRpc(
      channel,
      AccountServiceGrpc.getRegisterMethod(),
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
    public suspend fun login(request: Account.LoginRequest, headers: Metadata = Metadata()): Account.LoginResponse = unaryRpc(
      channel,
      AccountServiceGrpc.getLoginMethod(),
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
    public suspend fun beginDeviceAuth(request: Account.BeginDeviceAuthRequest, headers: Metadata = Metadata()): Account.BeginDeviceAuthResponse = unaryRpc(
      channel,
      AccountServiceGrpc.getBeginDeviceAuthMethod(),
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
    public suspend fun completeDeviceAuth(request: Account.CompleteDeviceAuthRequest, headers: Metadata = Metadata()): Account.CompleteDeviceAuthResponse = unaryRpc(
      channel,
      AccountServiceGrpc.getCompleteDeviceAuthMethod(),
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
    public suspend fun refreshSession(request: Account.RefreshSessionRequest, headers: Metadata = Metadata()): Account.RefreshSessionResponse = unaryRpc(
      channel,
      AccountServiceGrpc.getRefreshSessionMethod(),
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
    public suspend fun logout(request: Account.LogoutRequest, headers: Metadata = Metadata()): Account.LogoutResponse = unaryRpc(
      channel,
      AccountServiceGrpc.getLogoutMethod(),
      request,
      callOptions,
      headers
    )
  }

  /**
   * Skeletal implementation of the missive.v1.AccountService service based on Kotlin coroutines.
   */
  public abstract class AccountServiceCoroutineImplBase(
    coroutineContext: CoroutineContext = EmptyCoroutineContext,
  ) : AbstractCoroutineServerImpl(coroutineContext) {
    /**
     * Returns the response to an RPC for missive.v1.AccountService.Register.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun register(request: Account.RegisterRequest): Account.RegisterResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method missive.v1.AccountService.Register is unimplemented"))

    /**
     * Returns the response to an RPC for missive.v1.AccountService.Login.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun login(request: Account.LoginRequest): Account.LoginResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method missive.v1.AccountService.Login is unimplemented"))

    /**
     * Returns the response to an RPC for missive.v1.AccountService.BeginDeviceAuth.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun beginDeviceAuth(request: Account.BeginDeviceAuthRequest): Account.BeginDeviceAuthResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method missive.v1.AccountService.BeginDeviceAuth is unimplemented"))

    /**
     * Returns the response to an RPC for missive.v1.AccountService.CompleteDeviceAuth.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun completeDeviceAuth(request: Account.CompleteDeviceAuthRequest): Account.CompleteDeviceAuthResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method missive.v1.AccountService.CompleteDeviceAuth is unimplemented"))

    /**
     * Returns the response to an RPC for missive.v1.AccountService.RefreshSession.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun refreshSession(request: Account.RefreshSessionRequest): Account.RefreshSessionResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method missive.v1.AccountService.RefreshSession is unimplemented"))

    /**
     * Returns the response to an RPC for missive.v1.AccountService.Logout.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun logout(request: Account.LogoutRequest): Account.LogoutResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method missive.v1.AccountService.Logout is unimplemented"))

    final override fun bindService(): ServerServiceDefinition = builder(getServiceDescriptor())
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = AccountServiceGrpc.getRegisterMethod(),
      implementation = ::register
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = AccountServiceGrpc.getLoginMethod(),
      implementation = ::login
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = AccountServiceGrpc.getBeginDeviceAuthMethod(),
      implementation = ::beginDeviceAuth
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = AccountServiceGrpc.getCompleteDeviceAuthMethod(),
      implementation = ::completeDeviceAuth
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = AccountServiceGrpc.getRefreshSessionMethod(),
      implementation = ::refreshSession
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = AccountServiceGrpc.getLogoutMethod(),
      implementation = ::logout
    )).build()
  }
}
