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
import missive.v1.UserServiceGrpc.getServiceDescriptor

/**
 * Holder for Kotlin coroutine-based client and server APIs for missive.v1.UserService.
 */
public object UserServiceGrpcKt {
  public const val SERVICE_NAME: String = UserServiceGrpc.SERVICE_NAME

  @JvmStatic
  public val serviceDescriptor: ServiceDescriptor
    get() = getServiceDescriptor()

  public val getSelfMethod: MethodDescriptor<User.GetSelfRequest, User.GetSelfResponse>
    @JvmStatic
    get() = UserServiceGrpc.getGetSelfMethod()

  public val updateProfileMethod:
      MethodDescriptor<User.UpdateProfileRequest, User.UpdateProfileResponse>
    @JvmStatic
    get() = UserServiceGrpc.getUpdateProfileMethod()

  public val getUsersMethod: MethodDescriptor<User.GetUsersRequest, User.GetUsersResponse>
    @JvmStatic
    get() = UserServiceGrpc.getGetUsersMethod()

  public val getUserByHandleMethod:
      MethodDescriptor<User.GetUserByHandleRequest, User.GetUserByHandleResponse>
    @JvmStatic
    get() = UserServiceGrpc.getGetUserByHandleMethod()

  public val checkHandlesMethod:
      MethodDescriptor<User.CheckHandlesRequest, User.CheckHandlesResponse>
    @JvmStatic
    get() = UserServiceGrpc.getCheckHandlesMethod()

  public val searchUsersMethod: MethodDescriptor<User.SearchUsersRequest, User.SearchUsersResponse>
    @JvmStatic
    get() = UserServiceGrpc.getSearchUsersMethod()

  /**
   * A stub for issuing RPCs to a(n) missive.v1.UserService service as suspending coroutines.
   */
  @StubFor(UserServiceGrpc::class)
  public class UserServiceCoroutineStub @JvmOverloads constructor(
    channel: Channel,
    callOptions: CallOptions = DEFAULT,
  ) : AbstractCoroutineStub<UserServiceCoroutineStub>(channel, callOptions) {
    override fun build(channel: Channel, callOptions: CallOptions): UserServiceCoroutineStub = UserServiceCoroutineStub(channel, callOptions)

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
    public suspend fun getSelf(request: User.GetSelfRequest, headers: Metadata = Metadata()): User.GetSelfResponse = unaryRpc(
      channel,
      UserServiceGrpc.getGetSelfMethod(),
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
    public suspend fun updateProfile(request: User.UpdateProfileRequest, headers: Metadata = Metadata()): User.UpdateProfileResponse = unaryRpc(
      channel,
      UserServiceGrpc.getUpdateProfileMethod(),
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
    public suspend fun getUsers(request: User.GetUsersRequest, headers: Metadata = Metadata()): User.GetUsersResponse = unaryRpc(
      channel,
      UserServiceGrpc.getGetUsersMethod(),
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
    public suspend fun getUserByHandle(request: User.GetUserByHandleRequest, headers: Metadata = Metadata()): User.GetUserByHandleResponse = unaryRpc(
      channel,
      UserServiceGrpc.getGetUserByHandleMethod(),
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
    public suspend fun checkHandles(request: User.CheckHandlesRequest, headers: Metadata = Metadata()): User.CheckHandlesResponse = unaryRpc(
      channel,
      UserServiceGrpc.getCheckHandlesMethod(),
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
    public suspend fun searchUsers(request: User.SearchUsersRequest, headers: Metadata = Metadata()): User.SearchUsersResponse = unaryRpc(
      channel,
      UserServiceGrpc.getSearchUsersMethod(),
      request,
      callOptions,
      headers
    )
  }

  /**
   * Skeletal implementation of the missive.v1.UserService service based on Kotlin coroutines.
   */
  public abstract class UserServiceCoroutineImplBase(
    coroutineContext: CoroutineContext = EmptyCoroutineContext,
  ) : AbstractCoroutineServerImpl(coroutineContext) {
    /**
     * Returns the response to an RPC for missive.v1.UserService.GetSelf.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun getSelf(request: User.GetSelfRequest): User.GetSelfResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method missive.v1.UserService.GetSelf is unimplemented"))

    /**
     * Returns the response to an RPC for missive.v1.UserService.UpdateProfile.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun updateProfile(request: User.UpdateProfileRequest): User.UpdateProfileResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method missive.v1.UserService.UpdateProfile is unimplemented"))

    /**
     * Returns the response to an RPC for missive.v1.UserService.GetUsers.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun getUsers(request: User.GetUsersRequest): User.GetUsersResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method missive.v1.UserService.GetUsers is unimplemented"))

    /**
     * Returns the response to an RPC for missive.v1.UserService.GetUserByHandle.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun getUserByHandle(request: User.GetUserByHandleRequest): User.GetUserByHandleResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method missive.v1.UserService.GetUserByHandle is unimplemented"))

    /**
     * Returns the response to an RPC for missive.v1.UserService.CheckHandles.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun checkHandles(request: User.CheckHandlesRequest): User.CheckHandlesResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method missive.v1.UserService.CheckHandles is unimplemented"))

    /**
     * Returns the response to an RPC for missive.v1.UserService.SearchUsers.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun searchUsers(request: User.SearchUsersRequest): User.SearchUsersResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method missive.v1.UserService.SearchUsers is unimplemented"))

    final override fun bindService(): ServerServiceDefinition = builder(getServiceDescriptor())
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = UserServiceGrpc.getGetSelfMethod(),
      implementation = ::getSelf
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = UserServiceGrpc.getUpdateProfileMethod(),
      implementation = ::updateProfile
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = UserServiceGrpc.getGetUsersMethod(),
      implementation = ::getUsers
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = UserServiceGrpc.getGetUserByHandleMethod(),
      implementation = ::getUserByHandle
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = UserServiceGrpc.getCheckHandlesMethod(),
      implementation = ::checkHandles
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = UserServiceGrpc.getSearchUsersMethod(),
      implementation = ::searchUsers
    )).build()
  }
}
