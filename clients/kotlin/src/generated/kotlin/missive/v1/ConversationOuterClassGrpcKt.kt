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
import missive.v1.ConversationServiceGrpc.getServiceDescriptor

/**
 * Holder for Kotlin coroutine-based client and server APIs for missive.v1.ConversationService.
 */
public object ConversationServiceGrpcKt {
  public const val SERVICE_NAME: String = ConversationServiceGrpc.SERVICE_NAME

  @JvmStatic
  public val serviceDescriptor: ServiceDescriptor
    get() = getServiceDescriptor()

  public val createConversationMethod:
      MethodDescriptor<ConversationOuterClass.CreateConversationRequest, ConversationOuterClass.CreateConversationResponse>
    @JvmStatic
    get() = ConversationServiceGrpc.getCreateConversationMethod()

  public val getConversationMethod:
      MethodDescriptor<ConversationOuterClass.GetConversationRequest, ConversationOuterClass.GetConversationResponse>
    @JvmStatic
    get() = ConversationServiceGrpc.getGetConversationMethod()

  public val listConversationsMethod:
      MethodDescriptor<ConversationOuterClass.ListConversationsRequest, ConversationOuterClass.ListConversationsResponse>
    @JvmStatic
    get() = ConversationServiceGrpc.getListConversationsMethod()

  public val addMembersMethod:
      MethodDescriptor<ConversationOuterClass.AddMembersRequest, ConversationOuterClass.AddMembersResponse>
    @JvmStatic
    get() = ConversationServiceGrpc.getAddMembersMethod()

  public val removeMemberMethod:
      MethodDescriptor<ConversationOuterClass.RemoveMemberRequest, ConversationOuterClass.RemoveMemberResponse>
    @JvmStatic
    get() = ConversationServiceGrpc.getRemoveMemberMethod()

  public val leaveConversationMethod:
      MethodDescriptor<ConversationOuterClass.LeaveConversationRequest, ConversationOuterClass.LeaveConversationResponse>
    @JvmStatic
    get() = ConversationServiceGrpc.getLeaveConversationMethod()

  public val renameConversationMethod:
      MethodDescriptor<ConversationOuterClass.RenameConversationRequest, ConversationOuterClass.RenameConversationResponse>
    @JvmStatic
    get() = ConversationServiceGrpc.getRenameConversationMethod()

  public val updateMemberRoleMethod:
      MethodDescriptor<ConversationOuterClass.UpdateMemberRoleRequest, ConversationOuterClass.UpdateMemberRoleResponse>
    @JvmStatic
    get() = ConversationServiceGrpc.getUpdateMemberRoleMethod()

  public val setTypingMethod:
      MethodDescriptor<ConversationOuterClass.SetTypingRequest, ConversationOuterClass.SetTypingResponse>
    @JvmStatic
    get() = ConversationServiceGrpc.getSetTypingMethod()

  /**
   * A stub for issuing RPCs to a(n) missive.v1.ConversationService service as suspending coroutines.
   */
  @StubFor(ConversationServiceGrpc::class)
  public class ConversationServiceCoroutineStub @JvmOverloads constructor(
    channel: Channel,
    callOptions: CallOptions = DEFAULT,
  ) : AbstractCoroutineStub<ConversationServiceCoroutineStub>(channel, callOptions) {
    override fun build(channel: Channel, callOptions: CallOptions): ConversationServiceCoroutineStub = ConversationServiceCoroutineStub(channel, callOptions)

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
    public suspend fun createConversation(request: ConversationOuterClass.CreateConversationRequest, headers: Metadata = Metadata()): ConversationOuterClass.CreateConversationResponse = unaryRpc(
      channel,
      ConversationServiceGrpc.getCreateConversationMethod(),
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
    public suspend fun getConversation(request: ConversationOuterClass.GetConversationRequest, headers: Metadata = Metadata()): ConversationOuterClass.GetConversationResponse = unaryRpc(
      channel,
      ConversationServiceGrpc.getGetConversationMethod(),
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
    public suspend fun listConversations(request: ConversationOuterClass.ListConversationsRequest, headers: Metadata = Metadata()): ConversationOuterClass.ListConversationsResponse = unaryRpc(
      channel,
      ConversationServiceGrpc.getListConversationsMethod(),
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
    public suspend fun addMembers(request: ConversationOuterClass.AddMembersRequest, headers: Metadata = Metadata()): ConversationOuterClass.AddMembersResponse = unaryRpc(
      channel,
      ConversationServiceGrpc.getAddMembersMethod(),
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
    public suspend fun removeMember(request: ConversationOuterClass.RemoveMemberRequest, headers: Metadata = Metadata()): ConversationOuterClass.RemoveMemberResponse = unaryRpc(
      channel,
      ConversationServiceGrpc.getRemoveMemberMethod(),
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
    public suspend fun leaveConversation(request: ConversationOuterClass.LeaveConversationRequest, headers: Metadata = Metadata()): ConversationOuterClass.LeaveConversationResponse = unaryRpc(
      channel,
      ConversationServiceGrpc.getLeaveConversationMethod(),
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
    public suspend fun renameConversation(request: ConversationOuterClass.RenameConversationRequest, headers: Metadata = Metadata()): ConversationOuterClass.RenameConversationResponse = unaryRpc(
      channel,
      ConversationServiceGrpc.getRenameConversationMethod(),
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
    public suspend fun updateMemberRole(request: ConversationOuterClass.UpdateMemberRoleRequest, headers: Metadata = Metadata()): ConversationOuterClass.UpdateMemberRoleResponse = unaryRpc(
      channel,
      ConversationServiceGrpc.getUpdateMemberRoleMethod(),
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
    public suspend fun setTyping(request: ConversationOuterClass.SetTypingRequest, headers: Metadata = Metadata()): ConversationOuterClass.SetTypingResponse = unaryRpc(
      channel,
      ConversationServiceGrpc.getSetTypingMethod(),
      request,
      callOptions,
      headers
    )
  }

  /**
   * Skeletal implementation of the missive.v1.ConversationService service based on Kotlin coroutines.
   */
  public abstract class ConversationServiceCoroutineImplBase(
    coroutineContext: CoroutineContext = EmptyCoroutineContext,
  ) : AbstractCoroutineServerImpl(coroutineContext) {
    /**
     * Returns the response to an RPC for missive.v1.ConversationService.CreateConversation.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun createConversation(request: ConversationOuterClass.CreateConversationRequest): ConversationOuterClass.CreateConversationResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method missive.v1.ConversationService.CreateConversation is unimplemented"))

    /**
     * Returns the response to an RPC for missive.v1.ConversationService.GetConversation.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun getConversation(request: ConversationOuterClass.GetConversationRequest): ConversationOuterClass.GetConversationResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method missive.v1.ConversationService.GetConversation is unimplemented"))

    /**
     * Returns the response to an RPC for missive.v1.ConversationService.ListConversations.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun listConversations(request: ConversationOuterClass.ListConversationsRequest): ConversationOuterClass.ListConversationsResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method missive.v1.ConversationService.ListConversations is unimplemented"))

    /**
     * Returns the response to an RPC for missive.v1.ConversationService.AddMembers.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun addMembers(request: ConversationOuterClass.AddMembersRequest): ConversationOuterClass.AddMembersResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method missive.v1.ConversationService.AddMembers is unimplemented"))

    /**
     * Returns the response to an RPC for missive.v1.ConversationService.RemoveMember.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun removeMember(request: ConversationOuterClass.RemoveMemberRequest): ConversationOuterClass.RemoveMemberResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method missive.v1.ConversationService.RemoveMember is unimplemented"))

    /**
     * Returns the response to an RPC for missive.v1.ConversationService.LeaveConversation.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun leaveConversation(request: ConversationOuterClass.LeaveConversationRequest): ConversationOuterClass.LeaveConversationResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method missive.v1.ConversationService.LeaveConversation is unimplemented"))

    /**
     * Returns the response to an RPC for missive.v1.ConversationService.RenameConversation.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun renameConversation(request: ConversationOuterClass.RenameConversationRequest): ConversationOuterClass.RenameConversationResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method missive.v1.ConversationService.RenameConversation is unimplemented"))

    /**
     * Returns the response to an RPC for missive.v1.ConversationService.UpdateMemberRole.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun updateMemberRole(request: ConversationOuterClass.UpdateMemberRoleRequest): ConversationOuterClass.UpdateMemberRoleResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method missive.v1.ConversationService.UpdateMemberRole is unimplemented"))

    /**
     * Returns the response to an RPC for missive.v1.ConversationService.SetTyping.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun setTyping(request: ConversationOuterClass.SetTypingRequest): ConversationOuterClass.SetTypingResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method missive.v1.ConversationService.SetTyping is unimplemented"))

    final override fun bindService(): ServerServiceDefinition = builder(getServiceDescriptor())
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = ConversationServiceGrpc.getCreateConversationMethod(),
      implementation = ::createConversation
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = ConversationServiceGrpc.getGetConversationMethod(),
      implementation = ::getConversation
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = ConversationServiceGrpc.getListConversationsMethod(),
      implementation = ::listConversations
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = ConversationServiceGrpc.getAddMembersMethod(),
      implementation = ::addMembers
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = ConversationServiceGrpc.getRemoveMemberMethod(),
      implementation = ::removeMember
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = ConversationServiceGrpc.getLeaveConversationMethod(),
      implementation = ::leaveConversation
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = ConversationServiceGrpc.getRenameConversationMethod(),
      implementation = ::renameConversation
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = ConversationServiceGrpc.getUpdateMemberRoleMethod(),
      implementation = ::updateMemberRole
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = ConversationServiceGrpc.getSetTypingMethod(),
      implementation = ::setTyping
    )).build()
  }
}
