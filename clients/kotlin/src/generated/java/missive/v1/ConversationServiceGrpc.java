package missive.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * Conversations: each user's self conversation, a 1:1 per accepted connection,
 * and groups. Admins add, remove, rename and change roles; anyone may leave a
 * group. Every change is an event to every member device. Every call needs an
 * access token.
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class ConversationServiceGrpc {

  private ConversationServiceGrpc() {}

  public static final java.lang.String SERVICE_NAME = "missive.v1.ConversationService";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<missive.v1.ConversationOuterClass.CreateConversationRequest,
      missive.v1.ConversationOuterClass.CreateConversationResponse> getCreateConversationMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "CreateConversation",
      requestType = missive.v1.ConversationOuterClass.CreateConversationRequest.class,
      responseType = missive.v1.ConversationOuterClass.CreateConversationResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<missive.v1.ConversationOuterClass.CreateConversationRequest,
      missive.v1.ConversationOuterClass.CreateConversationResponse> getCreateConversationMethod() {
    io.grpc.MethodDescriptor<missive.v1.ConversationOuterClass.CreateConversationRequest, missive.v1.ConversationOuterClass.CreateConversationResponse> getCreateConversationMethod;
    if ((getCreateConversationMethod = ConversationServiceGrpc.getCreateConversationMethod) == null) {
      synchronized (ConversationServiceGrpc.class) {
        if ((getCreateConversationMethod = ConversationServiceGrpc.getCreateConversationMethod) == null) {
          ConversationServiceGrpc.getCreateConversationMethod = getCreateConversationMethod =
              io.grpc.MethodDescriptor.<missive.v1.ConversationOuterClass.CreateConversationRequest, missive.v1.ConversationOuterClass.CreateConversationResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "CreateConversation"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.ConversationOuterClass.CreateConversationRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.ConversationOuterClass.CreateConversationResponse.getDefaultInstance()))
              .build();
        }
      }
    }
    return getCreateConversationMethod;
  }

  private static volatile io.grpc.MethodDescriptor<missive.v1.ConversationOuterClass.GetConversationRequest,
      missive.v1.ConversationOuterClass.GetConversationResponse> getGetConversationMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetConversation",
      requestType = missive.v1.ConversationOuterClass.GetConversationRequest.class,
      responseType = missive.v1.ConversationOuterClass.GetConversationResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<missive.v1.ConversationOuterClass.GetConversationRequest,
      missive.v1.ConversationOuterClass.GetConversationResponse> getGetConversationMethod() {
    io.grpc.MethodDescriptor<missive.v1.ConversationOuterClass.GetConversationRequest, missive.v1.ConversationOuterClass.GetConversationResponse> getGetConversationMethod;
    if ((getGetConversationMethod = ConversationServiceGrpc.getGetConversationMethod) == null) {
      synchronized (ConversationServiceGrpc.class) {
        if ((getGetConversationMethod = ConversationServiceGrpc.getGetConversationMethod) == null) {
          ConversationServiceGrpc.getGetConversationMethod = getGetConversationMethod =
              io.grpc.MethodDescriptor.<missive.v1.ConversationOuterClass.GetConversationRequest, missive.v1.ConversationOuterClass.GetConversationResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetConversation"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.ConversationOuterClass.GetConversationRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.ConversationOuterClass.GetConversationResponse.getDefaultInstance()))
              .build();
        }
      }
    }
    return getGetConversationMethod;
  }

  private static volatile io.grpc.MethodDescriptor<missive.v1.ConversationOuterClass.ListConversationsRequest,
      missive.v1.ConversationOuterClass.ListConversationsResponse> getListConversationsMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ListConversations",
      requestType = missive.v1.ConversationOuterClass.ListConversationsRequest.class,
      responseType = missive.v1.ConversationOuterClass.ListConversationsResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<missive.v1.ConversationOuterClass.ListConversationsRequest,
      missive.v1.ConversationOuterClass.ListConversationsResponse> getListConversationsMethod() {
    io.grpc.MethodDescriptor<missive.v1.ConversationOuterClass.ListConversationsRequest, missive.v1.ConversationOuterClass.ListConversationsResponse> getListConversationsMethod;
    if ((getListConversationsMethod = ConversationServiceGrpc.getListConversationsMethod) == null) {
      synchronized (ConversationServiceGrpc.class) {
        if ((getListConversationsMethod = ConversationServiceGrpc.getListConversationsMethod) == null) {
          ConversationServiceGrpc.getListConversationsMethod = getListConversationsMethod =
              io.grpc.MethodDescriptor.<missive.v1.ConversationOuterClass.ListConversationsRequest, missive.v1.ConversationOuterClass.ListConversationsResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListConversations"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.ConversationOuterClass.ListConversationsRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.ConversationOuterClass.ListConversationsResponse.getDefaultInstance()))
              .build();
        }
      }
    }
    return getListConversationsMethod;
  }

  private static volatile io.grpc.MethodDescriptor<missive.v1.ConversationOuterClass.AddMembersRequest,
      missive.v1.ConversationOuterClass.AddMembersResponse> getAddMembersMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "AddMembers",
      requestType = missive.v1.ConversationOuterClass.AddMembersRequest.class,
      responseType = missive.v1.ConversationOuterClass.AddMembersResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<missive.v1.ConversationOuterClass.AddMembersRequest,
      missive.v1.ConversationOuterClass.AddMembersResponse> getAddMembersMethod() {
    io.grpc.MethodDescriptor<missive.v1.ConversationOuterClass.AddMembersRequest, missive.v1.ConversationOuterClass.AddMembersResponse> getAddMembersMethod;
    if ((getAddMembersMethod = ConversationServiceGrpc.getAddMembersMethod) == null) {
      synchronized (ConversationServiceGrpc.class) {
        if ((getAddMembersMethod = ConversationServiceGrpc.getAddMembersMethod) == null) {
          ConversationServiceGrpc.getAddMembersMethod = getAddMembersMethod =
              io.grpc.MethodDescriptor.<missive.v1.ConversationOuterClass.AddMembersRequest, missive.v1.ConversationOuterClass.AddMembersResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "AddMembers"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.ConversationOuterClass.AddMembersRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.ConversationOuterClass.AddMembersResponse.getDefaultInstance()))
              .build();
        }
      }
    }
    return getAddMembersMethod;
  }

  private static volatile io.grpc.MethodDescriptor<missive.v1.ConversationOuterClass.RemoveMemberRequest,
      missive.v1.ConversationOuterClass.RemoveMemberResponse> getRemoveMemberMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "RemoveMember",
      requestType = missive.v1.ConversationOuterClass.RemoveMemberRequest.class,
      responseType = missive.v1.ConversationOuterClass.RemoveMemberResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<missive.v1.ConversationOuterClass.RemoveMemberRequest,
      missive.v1.ConversationOuterClass.RemoveMemberResponse> getRemoveMemberMethod() {
    io.grpc.MethodDescriptor<missive.v1.ConversationOuterClass.RemoveMemberRequest, missive.v1.ConversationOuterClass.RemoveMemberResponse> getRemoveMemberMethod;
    if ((getRemoveMemberMethod = ConversationServiceGrpc.getRemoveMemberMethod) == null) {
      synchronized (ConversationServiceGrpc.class) {
        if ((getRemoveMemberMethod = ConversationServiceGrpc.getRemoveMemberMethod) == null) {
          ConversationServiceGrpc.getRemoveMemberMethod = getRemoveMemberMethod =
              io.grpc.MethodDescriptor.<missive.v1.ConversationOuterClass.RemoveMemberRequest, missive.v1.ConversationOuterClass.RemoveMemberResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "RemoveMember"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.ConversationOuterClass.RemoveMemberRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.ConversationOuterClass.RemoveMemberResponse.getDefaultInstance()))
              .build();
        }
      }
    }
    return getRemoveMemberMethod;
  }

  private static volatile io.grpc.MethodDescriptor<missive.v1.ConversationOuterClass.LeaveConversationRequest,
      missive.v1.ConversationOuterClass.LeaveConversationResponse> getLeaveConversationMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "LeaveConversation",
      requestType = missive.v1.ConversationOuterClass.LeaveConversationRequest.class,
      responseType = missive.v1.ConversationOuterClass.LeaveConversationResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<missive.v1.ConversationOuterClass.LeaveConversationRequest,
      missive.v1.ConversationOuterClass.LeaveConversationResponse> getLeaveConversationMethod() {
    io.grpc.MethodDescriptor<missive.v1.ConversationOuterClass.LeaveConversationRequest, missive.v1.ConversationOuterClass.LeaveConversationResponse> getLeaveConversationMethod;
    if ((getLeaveConversationMethod = ConversationServiceGrpc.getLeaveConversationMethod) == null) {
      synchronized (ConversationServiceGrpc.class) {
        if ((getLeaveConversationMethod = ConversationServiceGrpc.getLeaveConversationMethod) == null) {
          ConversationServiceGrpc.getLeaveConversationMethod = getLeaveConversationMethod =
              io.grpc.MethodDescriptor.<missive.v1.ConversationOuterClass.LeaveConversationRequest, missive.v1.ConversationOuterClass.LeaveConversationResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "LeaveConversation"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.ConversationOuterClass.LeaveConversationRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.ConversationOuterClass.LeaveConversationResponse.getDefaultInstance()))
              .build();
        }
      }
    }
    return getLeaveConversationMethod;
  }

  private static volatile io.grpc.MethodDescriptor<missive.v1.ConversationOuterClass.RenameConversationRequest,
      missive.v1.ConversationOuterClass.RenameConversationResponse> getRenameConversationMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "RenameConversation",
      requestType = missive.v1.ConversationOuterClass.RenameConversationRequest.class,
      responseType = missive.v1.ConversationOuterClass.RenameConversationResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<missive.v1.ConversationOuterClass.RenameConversationRequest,
      missive.v1.ConversationOuterClass.RenameConversationResponse> getRenameConversationMethod() {
    io.grpc.MethodDescriptor<missive.v1.ConversationOuterClass.RenameConversationRequest, missive.v1.ConversationOuterClass.RenameConversationResponse> getRenameConversationMethod;
    if ((getRenameConversationMethod = ConversationServiceGrpc.getRenameConversationMethod) == null) {
      synchronized (ConversationServiceGrpc.class) {
        if ((getRenameConversationMethod = ConversationServiceGrpc.getRenameConversationMethod) == null) {
          ConversationServiceGrpc.getRenameConversationMethod = getRenameConversationMethod =
              io.grpc.MethodDescriptor.<missive.v1.ConversationOuterClass.RenameConversationRequest, missive.v1.ConversationOuterClass.RenameConversationResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "RenameConversation"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.ConversationOuterClass.RenameConversationRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.ConversationOuterClass.RenameConversationResponse.getDefaultInstance()))
              .build();
        }
      }
    }
    return getRenameConversationMethod;
  }

  private static volatile io.grpc.MethodDescriptor<missive.v1.ConversationOuterClass.UpdateMemberRoleRequest,
      missive.v1.ConversationOuterClass.UpdateMemberRoleResponse> getUpdateMemberRoleMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "UpdateMemberRole",
      requestType = missive.v1.ConversationOuterClass.UpdateMemberRoleRequest.class,
      responseType = missive.v1.ConversationOuterClass.UpdateMemberRoleResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<missive.v1.ConversationOuterClass.UpdateMemberRoleRequest,
      missive.v1.ConversationOuterClass.UpdateMemberRoleResponse> getUpdateMemberRoleMethod() {
    io.grpc.MethodDescriptor<missive.v1.ConversationOuterClass.UpdateMemberRoleRequest, missive.v1.ConversationOuterClass.UpdateMemberRoleResponse> getUpdateMemberRoleMethod;
    if ((getUpdateMemberRoleMethod = ConversationServiceGrpc.getUpdateMemberRoleMethod) == null) {
      synchronized (ConversationServiceGrpc.class) {
        if ((getUpdateMemberRoleMethod = ConversationServiceGrpc.getUpdateMemberRoleMethod) == null) {
          ConversationServiceGrpc.getUpdateMemberRoleMethod = getUpdateMemberRoleMethod =
              io.grpc.MethodDescriptor.<missive.v1.ConversationOuterClass.UpdateMemberRoleRequest, missive.v1.ConversationOuterClass.UpdateMemberRoleResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "UpdateMemberRole"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.ConversationOuterClass.UpdateMemberRoleRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.ConversationOuterClass.UpdateMemberRoleResponse.getDefaultInstance()))
              .build();
        }
      }
    }
    return getUpdateMemberRoleMethod;
  }

  private static volatile io.grpc.MethodDescriptor<missive.v1.ConversationOuterClass.SetTypingRequest,
      missive.v1.ConversationOuterClass.SetTypingResponse> getSetTypingMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "SetTyping",
      requestType = missive.v1.ConversationOuterClass.SetTypingRequest.class,
      responseType = missive.v1.ConversationOuterClass.SetTypingResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<missive.v1.ConversationOuterClass.SetTypingRequest,
      missive.v1.ConversationOuterClass.SetTypingResponse> getSetTypingMethod() {
    io.grpc.MethodDescriptor<missive.v1.ConversationOuterClass.SetTypingRequest, missive.v1.ConversationOuterClass.SetTypingResponse> getSetTypingMethod;
    if ((getSetTypingMethod = ConversationServiceGrpc.getSetTypingMethod) == null) {
      synchronized (ConversationServiceGrpc.class) {
        if ((getSetTypingMethod = ConversationServiceGrpc.getSetTypingMethod) == null) {
          ConversationServiceGrpc.getSetTypingMethod = getSetTypingMethod =
              io.grpc.MethodDescriptor.<missive.v1.ConversationOuterClass.SetTypingRequest, missive.v1.ConversationOuterClass.SetTypingResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "SetTyping"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.ConversationOuterClass.SetTypingRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.ConversationOuterClass.SetTypingResponse.getDefaultInstance()))
              .build();
        }
      }
    }
    return getSetTypingMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static ConversationServiceStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ConversationServiceStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ConversationServiceStub>() {
        @java.lang.Override
        public ConversationServiceStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ConversationServiceStub(channel, callOptions);
        }
      };
    return ConversationServiceStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static ConversationServiceBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ConversationServiceBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ConversationServiceBlockingV2Stub>() {
        @java.lang.Override
        public ConversationServiceBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ConversationServiceBlockingV2Stub(channel, callOptions);
        }
      };
    return ConversationServiceBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static ConversationServiceBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ConversationServiceBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ConversationServiceBlockingStub>() {
        @java.lang.Override
        public ConversationServiceBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ConversationServiceBlockingStub(channel, callOptions);
        }
      };
    return ConversationServiceBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static ConversationServiceFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ConversationServiceFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ConversationServiceFutureStub>() {
        @java.lang.Override
        public ConversationServiceFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ConversationServiceFutureStub(channel, callOptions);
        }
      };
    return ConversationServiceFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * Conversations: each user's self conversation, a 1:1 per accepted connection,
   * and groups. Admins add, remove, rename and change roles; anyone may leave a
   * group. Every change is an event to every member device. Every call needs an
   * access token.
   * </pre>
   */
  public interface AsyncService {

    /**
     * <pre>
     * Creates a group with the caller as admin and the given connected users as members.
     * </pre>
     */
    default void createConversation(missive.v1.ConversationOuterClass.CreateConversationRequest request,
        io.grpc.stub.StreamObserver<missive.v1.ConversationOuterClass.CreateConversationResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getCreateConversationMethod(), responseObserver);
    }

    /**
     */
    default void getConversation(missive.v1.ConversationOuterClass.GetConversationRequest request,
        io.grpc.stub.StreamObserver<missive.v1.ConversationOuterClass.GetConversationResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetConversationMethod(), responseObserver);
    }

    /**
     */
    default void listConversations(missive.v1.ConversationOuterClass.ListConversationsRequest request,
        io.grpc.stub.StreamObserver<missive.v1.ConversationOuterClass.ListConversationsResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListConversationsMethod(), responseObserver);
    }

    /**
     */
    default void addMembers(missive.v1.ConversationOuterClass.AddMembersRequest request,
        io.grpc.stub.StreamObserver<missive.v1.ConversationOuterClass.AddMembersResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getAddMembersMethod(), responseObserver);
    }

    /**
     */
    default void removeMember(missive.v1.ConversationOuterClass.RemoveMemberRequest request,
        io.grpc.stub.StreamObserver<missive.v1.ConversationOuterClass.RemoveMemberResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getRemoveMemberMethod(), responseObserver);
    }

    /**
     */
    default void leaveConversation(missive.v1.ConversationOuterClass.LeaveConversationRequest request,
        io.grpc.stub.StreamObserver<missive.v1.ConversationOuterClass.LeaveConversationResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getLeaveConversationMethod(), responseObserver);
    }

    /**
     */
    default void renameConversation(missive.v1.ConversationOuterClass.RenameConversationRequest request,
        io.grpc.stub.StreamObserver<missive.v1.ConversationOuterClass.RenameConversationResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getRenameConversationMethod(), responseObserver);
    }

    /**
     */
    default void updateMemberRole(missive.v1.ConversationOuterClass.UpdateMemberRoleRequest request,
        io.grpc.stub.StreamObserver<missive.v1.ConversationOuterClass.UpdateMemberRoleResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getUpdateMemberRoleMethod(), responseObserver);
    }

    /**
     * <pre>
     * Typing started or stopped: delivered live to the other members' devices, never stored.
     * </pre>
     */
    default void setTyping(missive.v1.ConversationOuterClass.SetTypingRequest request,
        io.grpc.stub.StreamObserver<missive.v1.ConversationOuterClass.SetTypingResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getSetTypingMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service ConversationService.
   * <pre>
   * Conversations: each user's self conversation, a 1:1 per accepted connection,
   * and groups. Admins add, remove, rename and change roles; anyone may leave a
   * group. Every change is an event to every member device. Every call needs an
   * access token.
   * </pre>
   */
  public static abstract class ConversationServiceImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return ConversationServiceGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service ConversationService.
   * <pre>
   * Conversations: each user's self conversation, a 1:1 per accepted connection,
   * and groups. Admins add, remove, rename and change roles; anyone may leave a
   * group. Every change is an event to every member device. Every call needs an
   * access token.
   * </pre>
   */
  public static final class ConversationServiceStub
      extends io.grpc.stub.AbstractAsyncStub<ConversationServiceStub> {
    private ConversationServiceStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ConversationServiceStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ConversationServiceStub(channel, callOptions);
    }

    /**
     * <pre>
     * Creates a group with the caller as admin and the given connected users as members.
     * </pre>
     */
    public void createConversation(missive.v1.ConversationOuterClass.CreateConversationRequest request,
        io.grpc.stub.StreamObserver<missive.v1.ConversationOuterClass.CreateConversationResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getCreateConversationMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     */
    public void getConversation(missive.v1.ConversationOuterClass.GetConversationRequest request,
        io.grpc.stub.StreamObserver<missive.v1.ConversationOuterClass.GetConversationResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetConversationMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     */
    public void listConversations(missive.v1.ConversationOuterClass.ListConversationsRequest request,
        io.grpc.stub.StreamObserver<missive.v1.ConversationOuterClass.ListConversationsResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListConversationsMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     */
    public void addMembers(missive.v1.ConversationOuterClass.AddMembersRequest request,
        io.grpc.stub.StreamObserver<missive.v1.ConversationOuterClass.AddMembersResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getAddMembersMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     */
    public void removeMember(missive.v1.ConversationOuterClass.RemoveMemberRequest request,
        io.grpc.stub.StreamObserver<missive.v1.ConversationOuterClass.RemoveMemberResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getRemoveMemberMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     */
    public void leaveConversation(missive.v1.ConversationOuterClass.LeaveConversationRequest request,
        io.grpc.stub.StreamObserver<missive.v1.ConversationOuterClass.LeaveConversationResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getLeaveConversationMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     */
    public void renameConversation(missive.v1.ConversationOuterClass.RenameConversationRequest request,
        io.grpc.stub.StreamObserver<missive.v1.ConversationOuterClass.RenameConversationResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getRenameConversationMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     */
    public void updateMemberRole(missive.v1.ConversationOuterClass.UpdateMemberRoleRequest request,
        io.grpc.stub.StreamObserver<missive.v1.ConversationOuterClass.UpdateMemberRoleResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getUpdateMemberRoleMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Typing started or stopped: delivered live to the other members' devices, never stored.
     * </pre>
     */
    public void setTyping(missive.v1.ConversationOuterClass.SetTypingRequest request,
        io.grpc.stub.StreamObserver<missive.v1.ConversationOuterClass.SetTypingResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getSetTypingMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service ConversationService.
   * <pre>
   * Conversations: each user's self conversation, a 1:1 per accepted connection,
   * and groups. Admins add, remove, rename and change roles; anyone may leave a
   * group. Every change is an event to every member device. Every call needs an
   * access token.
   * </pre>
   */
  public static final class ConversationServiceBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<ConversationServiceBlockingV2Stub> {
    private ConversationServiceBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ConversationServiceBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ConversationServiceBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * Creates a group with the caller as admin and the given connected users as members.
     * </pre>
     */
    public missive.v1.ConversationOuterClass.CreateConversationResponse createConversation(missive.v1.ConversationOuterClass.CreateConversationRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getCreateConversationMethod(), getCallOptions(), request);
    }

    /**
     */
    public missive.v1.ConversationOuterClass.GetConversationResponse getConversation(missive.v1.ConversationOuterClass.GetConversationRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetConversationMethod(), getCallOptions(), request);
    }

    /**
     */
    public missive.v1.ConversationOuterClass.ListConversationsResponse listConversations(missive.v1.ConversationOuterClass.ListConversationsRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getListConversationsMethod(), getCallOptions(), request);
    }

    /**
     */
    public missive.v1.ConversationOuterClass.AddMembersResponse addMembers(missive.v1.ConversationOuterClass.AddMembersRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getAddMembersMethod(), getCallOptions(), request);
    }

    /**
     */
    public missive.v1.ConversationOuterClass.RemoveMemberResponse removeMember(missive.v1.ConversationOuterClass.RemoveMemberRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getRemoveMemberMethod(), getCallOptions(), request);
    }

    /**
     */
    public missive.v1.ConversationOuterClass.LeaveConversationResponse leaveConversation(missive.v1.ConversationOuterClass.LeaveConversationRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getLeaveConversationMethod(), getCallOptions(), request);
    }

    /**
     */
    public missive.v1.ConversationOuterClass.RenameConversationResponse renameConversation(missive.v1.ConversationOuterClass.RenameConversationRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getRenameConversationMethod(), getCallOptions(), request);
    }

    /**
     */
    public missive.v1.ConversationOuterClass.UpdateMemberRoleResponse updateMemberRole(missive.v1.ConversationOuterClass.UpdateMemberRoleRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getUpdateMemberRoleMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Typing started or stopped: delivered live to the other members' devices, never stored.
     * </pre>
     */
    public missive.v1.ConversationOuterClass.SetTypingResponse setTyping(missive.v1.ConversationOuterClass.SetTypingRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getSetTypingMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service ConversationService.
   * <pre>
   * Conversations: each user's self conversation, a 1:1 per accepted connection,
   * and groups. Admins add, remove, rename and change roles; anyone may leave a
   * group. Every change is an event to every member device. Every call needs an
   * access token.
   * </pre>
   */
  public static final class ConversationServiceBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<ConversationServiceBlockingStub> {
    private ConversationServiceBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ConversationServiceBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ConversationServiceBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * Creates a group with the caller as admin and the given connected users as members.
     * </pre>
     */
    public missive.v1.ConversationOuterClass.CreateConversationResponse createConversation(missive.v1.ConversationOuterClass.CreateConversationRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getCreateConversationMethod(), getCallOptions(), request);
    }

    /**
     */
    public missive.v1.ConversationOuterClass.GetConversationResponse getConversation(missive.v1.ConversationOuterClass.GetConversationRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetConversationMethod(), getCallOptions(), request);
    }

    /**
     */
    public missive.v1.ConversationOuterClass.ListConversationsResponse listConversations(missive.v1.ConversationOuterClass.ListConversationsRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListConversationsMethod(), getCallOptions(), request);
    }

    /**
     */
    public missive.v1.ConversationOuterClass.AddMembersResponse addMembers(missive.v1.ConversationOuterClass.AddMembersRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getAddMembersMethod(), getCallOptions(), request);
    }

    /**
     */
    public missive.v1.ConversationOuterClass.RemoveMemberResponse removeMember(missive.v1.ConversationOuterClass.RemoveMemberRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getRemoveMemberMethod(), getCallOptions(), request);
    }

    /**
     */
    public missive.v1.ConversationOuterClass.LeaveConversationResponse leaveConversation(missive.v1.ConversationOuterClass.LeaveConversationRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getLeaveConversationMethod(), getCallOptions(), request);
    }

    /**
     */
    public missive.v1.ConversationOuterClass.RenameConversationResponse renameConversation(missive.v1.ConversationOuterClass.RenameConversationRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getRenameConversationMethod(), getCallOptions(), request);
    }

    /**
     */
    public missive.v1.ConversationOuterClass.UpdateMemberRoleResponse updateMemberRole(missive.v1.ConversationOuterClass.UpdateMemberRoleRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getUpdateMemberRoleMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Typing started or stopped: delivered live to the other members' devices, never stored.
     * </pre>
     */
    public missive.v1.ConversationOuterClass.SetTypingResponse setTyping(missive.v1.ConversationOuterClass.SetTypingRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getSetTypingMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service ConversationService.
   * <pre>
   * Conversations: each user's self conversation, a 1:1 per accepted connection,
   * and groups. Admins add, remove, rename and change roles; anyone may leave a
   * group. Every change is an event to every member device. Every call needs an
   * access token.
   * </pre>
   */
  public static final class ConversationServiceFutureStub
      extends io.grpc.stub.AbstractFutureStub<ConversationServiceFutureStub> {
    private ConversationServiceFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ConversationServiceFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ConversationServiceFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * Creates a group with the caller as admin and the given connected users as members.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<missive.v1.ConversationOuterClass.CreateConversationResponse> createConversation(
        missive.v1.ConversationOuterClass.CreateConversationRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getCreateConversationMethod(), getCallOptions()), request);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<missive.v1.ConversationOuterClass.GetConversationResponse> getConversation(
        missive.v1.ConversationOuterClass.GetConversationRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetConversationMethod(), getCallOptions()), request);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<missive.v1.ConversationOuterClass.ListConversationsResponse> listConversations(
        missive.v1.ConversationOuterClass.ListConversationsRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListConversationsMethod(), getCallOptions()), request);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<missive.v1.ConversationOuterClass.AddMembersResponse> addMembers(
        missive.v1.ConversationOuterClass.AddMembersRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getAddMembersMethod(), getCallOptions()), request);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<missive.v1.ConversationOuterClass.RemoveMemberResponse> removeMember(
        missive.v1.ConversationOuterClass.RemoveMemberRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getRemoveMemberMethod(), getCallOptions()), request);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<missive.v1.ConversationOuterClass.LeaveConversationResponse> leaveConversation(
        missive.v1.ConversationOuterClass.LeaveConversationRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getLeaveConversationMethod(), getCallOptions()), request);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<missive.v1.ConversationOuterClass.RenameConversationResponse> renameConversation(
        missive.v1.ConversationOuterClass.RenameConversationRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getRenameConversationMethod(), getCallOptions()), request);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<missive.v1.ConversationOuterClass.UpdateMemberRoleResponse> updateMemberRole(
        missive.v1.ConversationOuterClass.UpdateMemberRoleRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getUpdateMemberRoleMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Typing started or stopped: delivered live to the other members' devices, never stored.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<missive.v1.ConversationOuterClass.SetTypingResponse> setTyping(
        missive.v1.ConversationOuterClass.SetTypingRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getSetTypingMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_CREATE_CONVERSATION = 0;
  private static final int METHODID_GET_CONVERSATION = 1;
  private static final int METHODID_LIST_CONVERSATIONS = 2;
  private static final int METHODID_ADD_MEMBERS = 3;
  private static final int METHODID_REMOVE_MEMBER = 4;
  private static final int METHODID_LEAVE_CONVERSATION = 5;
  private static final int METHODID_RENAME_CONVERSATION = 6;
  private static final int METHODID_UPDATE_MEMBER_ROLE = 7;
  private static final int METHODID_SET_TYPING = 8;

  private static final class MethodHandlers<Req, Resp> implements
      io.grpc.stub.ServerCalls.UnaryMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.ServerStreamingMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.ClientStreamingMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.BidiStreamingMethod<Req, Resp> {
    private final AsyncService serviceImpl;
    private final int methodId;

    MethodHandlers(AsyncService serviceImpl, int methodId) {
      this.serviceImpl = serviceImpl;
      this.methodId = methodId;
    }

    @java.lang.Override
    @java.lang.SuppressWarnings("unchecked")
    public void invoke(Req request, io.grpc.stub.StreamObserver<Resp> responseObserver) {
      switch (methodId) {
        case METHODID_CREATE_CONVERSATION:
          serviceImpl.createConversation((missive.v1.ConversationOuterClass.CreateConversationRequest) request,
              (io.grpc.stub.StreamObserver<missive.v1.ConversationOuterClass.CreateConversationResponse>) responseObserver);
          break;
        case METHODID_GET_CONVERSATION:
          serviceImpl.getConversation((missive.v1.ConversationOuterClass.GetConversationRequest) request,
              (io.grpc.stub.StreamObserver<missive.v1.ConversationOuterClass.GetConversationResponse>) responseObserver);
          break;
        case METHODID_LIST_CONVERSATIONS:
          serviceImpl.listConversations((missive.v1.ConversationOuterClass.ListConversationsRequest) request,
              (io.grpc.stub.StreamObserver<missive.v1.ConversationOuterClass.ListConversationsResponse>) responseObserver);
          break;
        case METHODID_ADD_MEMBERS:
          serviceImpl.addMembers((missive.v1.ConversationOuterClass.AddMembersRequest) request,
              (io.grpc.stub.StreamObserver<missive.v1.ConversationOuterClass.AddMembersResponse>) responseObserver);
          break;
        case METHODID_REMOVE_MEMBER:
          serviceImpl.removeMember((missive.v1.ConversationOuterClass.RemoveMemberRequest) request,
              (io.grpc.stub.StreamObserver<missive.v1.ConversationOuterClass.RemoveMemberResponse>) responseObserver);
          break;
        case METHODID_LEAVE_CONVERSATION:
          serviceImpl.leaveConversation((missive.v1.ConversationOuterClass.LeaveConversationRequest) request,
              (io.grpc.stub.StreamObserver<missive.v1.ConversationOuterClass.LeaveConversationResponse>) responseObserver);
          break;
        case METHODID_RENAME_CONVERSATION:
          serviceImpl.renameConversation((missive.v1.ConversationOuterClass.RenameConversationRequest) request,
              (io.grpc.stub.StreamObserver<missive.v1.ConversationOuterClass.RenameConversationResponse>) responseObserver);
          break;
        case METHODID_UPDATE_MEMBER_ROLE:
          serviceImpl.updateMemberRole((missive.v1.ConversationOuterClass.UpdateMemberRoleRequest) request,
              (io.grpc.stub.StreamObserver<missive.v1.ConversationOuterClass.UpdateMemberRoleResponse>) responseObserver);
          break;
        case METHODID_SET_TYPING:
          serviceImpl.setTyping((missive.v1.ConversationOuterClass.SetTypingRequest) request,
              (io.grpc.stub.StreamObserver<missive.v1.ConversationOuterClass.SetTypingResponse>) responseObserver);
          break;
        default:
          throw new AssertionError();
      }
    }

    @java.lang.Override
    @java.lang.SuppressWarnings("unchecked")
    public io.grpc.stub.StreamObserver<Req> invoke(
        io.grpc.stub.StreamObserver<Resp> responseObserver) {
      switch (methodId) {
        default:
          throw new AssertionError();
      }
    }
  }

  public static final io.grpc.ServerServiceDefinition bindService(AsyncService service) {
    return io.grpc.ServerServiceDefinition.builder(getServiceDescriptor())
        .addMethod(
          getCreateConversationMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              missive.v1.ConversationOuterClass.CreateConversationRequest,
              missive.v1.ConversationOuterClass.CreateConversationResponse>(
                service, METHODID_CREATE_CONVERSATION)))
        .addMethod(
          getGetConversationMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              missive.v1.ConversationOuterClass.GetConversationRequest,
              missive.v1.ConversationOuterClass.GetConversationResponse>(
                service, METHODID_GET_CONVERSATION)))
        .addMethod(
          getListConversationsMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              missive.v1.ConversationOuterClass.ListConversationsRequest,
              missive.v1.ConversationOuterClass.ListConversationsResponse>(
                service, METHODID_LIST_CONVERSATIONS)))
        .addMethod(
          getAddMembersMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              missive.v1.ConversationOuterClass.AddMembersRequest,
              missive.v1.ConversationOuterClass.AddMembersResponse>(
                service, METHODID_ADD_MEMBERS)))
        .addMethod(
          getRemoveMemberMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              missive.v1.ConversationOuterClass.RemoveMemberRequest,
              missive.v1.ConversationOuterClass.RemoveMemberResponse>(
                service, METHODID_REMOVE_MEMBER)))
        .addMethod(
          getLeaveConversationMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              missive.v1.ConversationOuterClass.LeaveConversationRequest,
              missive.v1.ConversationOuterClass.LeaveConversationResponse>(
                service, METHODID_LEAVE_CONVERSATION)))
        .addMethod(
          getRenameConversationMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              missive.v1.ConversationOuterClass.RenameConversationRequest,
              missive.v1.ConversationOuterClass.RenameConversationResponse>(
                service, METHODID_RENAME_CONVERSATION)))
        .addMethod(
          getUpdateMemberRoleMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              missive.v1.ConversationOuterClass.UpdateMemberRoleRequest,
              missive.v1.ConversationOuterClass.UpdateMemberRoleResponse>(
                service, METHODID_UPDATE_MEMBER_ROLE)))
        .addMethod(
          getSetTypingMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              missive.v1.ConversationOuterClass.SetTypingRequest,
              missive.v1.ConversationOuterClass.SetTypingResponse>(
                service, METHODID_SET_TYPING)))
        .build();
  }

  private static volatile io.grpc.ServiceDescriptor serviceDescriptor;

  public static io.grpc.ServiceDescriptor getServiceDescriptor() {
    io.grpc.ServiceDescriptor result = serviceDescriptor;
    if (result == null) {
      synchronized (ConversationServiceGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .addMethod(getCreateConversationMethod())
              .addMethod(getGetConversationMethod())
              .addMethod(getListConversationsMethod())
              .addMethod(getAddMembersMethod())
              .addMethod(getRemoveMemberMethod())
              .addMethod(getLeaveConversationMethod())
              .addMethod(getRenameConversationMethod())
              .addMethod(getUpdateMemberRoleMethod())
              .addMethod(getSetTypingMethod())
              .build();
        }
      }
    }
    return result;
  }
}
