package missive.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * Profiles and handles. Every call needs an access token.
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class UserServiceGrpc {

  private UserServiceGrpc() {}

  public static final java.lang.String SERVICE_NAME = "missive.v1.UserService";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<missive.v1.User.GetSelfRequest,
      missive.v1.User.GetSelfResponse> getGetSelfMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetSelf",
      requestType = missive.v1.User.GetSelfRequest.class,
      responseType = missive.v1.User.GetSelfResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<missive.v1.User.GetSelfRequest,
      missive.v1.User.GetSelfResponse> getGetSelfMethod() {
    io.grpc.MethodDescriptor<missive.v1.User.GetSelfRequest, missive.v1.User.GetSelfResponse> getGetSelfMethod;
    if ((getGetSelfMethod = UserServiceGrpc.getGetSelfMethod) == null) {
      synchronized (UserServiceGrpc.class) {
        if ((getGetSelfMethod = UserServiceGrpc.getGetSelfMethod) == null) {
          UserServiceGrpc.getGetSelfMethod = getGetSelfMethod =
              io.grpc.MethodDescriptor.<missive.v1.User.GetSelfRequest, missive.v1.User.GetSelfResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetSelf"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.User.GetSelfRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.User.GetSelfResponse.getDefaultInstance()))
              .build();
        }
      }
    }
    return getGetSelfMethod;
  }

  private static volatile io.grpc.MethodDescriptor<missive.v1.User.UpdateProfileRequest,
      missive.v1.User.UpdateProfileResponse> getUpdateProfileMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "UpdateProfile",
      requestType = missive.v1.User.UpdateProfileRequest.class,
      responseType = missive.v1.User.UpdateProfileResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<missive.v1.User.UpdateProfileRequest,
      missive.v1.User.UpdateProfileResponse> getUpdateProfileMethod() {
    io.grpc.MethodDescriptor<missive.v1.User.UpdateProfileRequest, missive.v1.User.UpdateProfileResponse> getUpdateProfileMethod;
    if ((getUpdateProfileMethod = UserServiceGrpc.getUpdateProfileMethod) == null) {
      synchronized (UserServiceGrpc.class) {
        if ((getUpdateProfileMethod = UserServiceGrpc.getUpdateProfileMethod) == null) {
          UserServiceGrpc.getUpdateProfileMethod = getUpdateProfileMethod =
              io.grpc.MethodDescriptor.<missive.v1.User.UpdateProfileRequest, missive.v1.User.UpdateProfileResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "UpdateProfile"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.User.UpdateProfileRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.User.UpdateProfileResponse.getDefaultInstance()))
              .build();
        }
      }
    }
    return getUpdateProfileMethod;
  }

  private static volatile io.grpc.MethodDescriptor<missive.v1.User.GetUsersRequest,
      missive.v1.User.GetUsersResponse> getGetUsersMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetUsers",
      requestType = missive.v1.User.GetUsersRequest.class,
      responseType = missive.v1.User.GetUsersResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<missive.v1.User.GetUsersRequest,
      missive.v1.User.GetUsersResponse> getGetUsersMethod() {
    io.grpc.MethodDescriptor<missive.v1.User.GetUsersRequest, missive.v1.User.GetUsersResponse> getGetUsersMethod;
    if ((getGetUsersMethod = UserServiceGrpc.getGetUsersMethod) == null) {
      synchronized (UserServiceGrpc.class) {
        if ((getGetUsersMethod = UserServiceGrpc.getGetUsersMethod) == null) {
          UserServiceGrpc.getGetUsersMethod = getGetUsersMethod =
              io.grpc.MethodDescriptor.<missive.v1.User.GetUsersRequest, missive.v1.User.GetUsersResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetUsers"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.User.GetUsersRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.User.GetUsersResponse.getDefaultInstance()))
              .build();
        }
      }
    }
    return getGetUsersMethod;
  }

  private static volatile io.grpc.MethodDescriptor<missive.v1.User.GetUserByHandleRequest,
      missive.v1.User.GetUserByHandleResponse> getGetUserByHandleMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetUserByHandle",
      requestType = missive.v1.User.GetUserByHandleRequest.class,
      responseType = missive.v1.User.GetUserByHandleResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<missive.v1.User.GetUserByHandleRequest,
      missive.v1.User.GetUserByHandleResponse> getGetUserByHandleMethod() {
    io.grpc.MethodDescriptor<missive.v1.User.GetUserByHandleRequest, missive.v1.User.GetUserByHandleResponse> getGetUserByHandleMethod;
    if ((getGetUserByHandleMethod = UserServiceGrpc.getGetUserByHandleMethod) == null) {
      synchronized (UserServiceGrpc.class) {
        if ((getGetUserByHandleMethod = UserServiceGrpc.getGetUserByHandleMethod) == null) {
          UserServiceGrpc.getGetUserByHandleMethod = getGetUserByHandleMethod =
              io.grpc.MethodDescriptor.<missive.v1.User.GetUserByHandleRequest, missive.v1.User.GetUserByHandleResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetUserByHandle"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.User.GetUserByHandleRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.User.GetUserByHandleResponse.getDefaultInstance()))
              .build();
        }
      }
    }
    return getGetUserByHandleMethod;
  }

  private static volatile io.grpc.MethodDescriptor<missive.v1.User.CheckHandlesRequest,
      missive.v1.User.CheckHandlesResponse> getCheckHandlesMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "CheckHandles",
      requestType = missive.v1.User.CheckHandlesRequest.class,
      responseType = missive.v1.User.CheckHandlesResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<missive.v1.User.CheckHandlesRequest,
      missive.v1.User.CheckHandlesResponse> getCheckHandlesMethod() {
    io.grpc.MethodDescriptor<missive.v1.User.CheckHandlesRequest, missive.v1.User.CheckHandlesResponse> getCheckHandlesMethod;
    if ((getCheckHandlesMethod = UserServiceGrpc.getCheckHandlesMethod) == null) {
      synchronized (UserServiceGrpc.class) {
        if ((getCheckHandlesMethod = UserServiceGrpc.getCheckHandlesMethod) == null) {
          UserServiceGrpc.getCheckHandlesMethod = getCheckHandlesMethod =
              io.grpc.MethodDescriptor.<missive.v1.User.CheckHandlesRequest, missive.v1.User.CheckHandlesResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "CheckHandles"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.User.CheckHandlesRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.User.CheckHandlesResponse.getDefaultInstance()))
              .build();
        }
      }
    }
    return getCheckHandlesMethod;
  }

  private static volatile io.grpc.MethodDescriptor<missive.v1.User.SearchUsersRequest,
      missive.v1.User.SearchUsersResponse> getSearchUsersMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "SearchUsers",
      requestType = missive.v1.User.SearchUsersRequest.class,
      responseType = missive.v1.User.SearchUsersResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<missive.v1.User.SearchUsersRequest,
      missive.v1.User.SearchUsersResponse> getSearchUsersMethod() {
    io.grpc.MethodDescriptor<missive.v1.User.SearchUsersRequest, missive.v1.User.SearchUsersResponse> getSearchUsersMethod;
    if ((getSearchUsersMethod = UserServiceGrpc.getSearchUsersMethod) == null) {
      synchronized (UserServiceGrpc.class) {
        if ((getSearchUsersMethod = UserServiceGrpc.getSearchUsersMethod) == null) {
          UserServiceGrpc.getSearchUsersMethod = getSearchUsersMethod =
              io.grpc.MethodDescriptor.<missive.v1.User.SearchUsersRequest, missive.v1.User.SearchUsersResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "SearchUsers"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.User.SearchUsersRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.User.SearchUsersResponse.getDefaultInstance()))
              .build();
        }
      }
    }
    return getSearchUsersMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static UserServiceStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<UserServiceStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<UserServiceStub>() {
        @java.lang.Override
        public UserServiceStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new UserServiceStub(channel, callOptions);
        }
      };
    return UserServiceStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static UserServiceBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<UserServiceBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<UserServiceBlockingV2Stub>() {
        @java.lang.Override
        public UserServiceBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new UserServiceBlockingV2Stub(channel, callOptions);
        }
      };
    return UserServiceBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static UserServiceBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<UserServiceBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<UserServiceBlockingStub>() {
        @java.lang.Override
        public UserServiceBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new UserServiceBlockingStub(channel, callOptions);
        }
      };
    return UserServiceBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static UserServiceFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<UserServiceFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<UserServiceFutureStub>() {
        @java.lang.Override
        public UserServiceFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new UserServiceFutureStub(channel, callOptions);
        }
      };
    return UserServiceFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * Profiles and handles. Every call needs an access token.
   * </pre>
   */
  public interface AsyncService {

    /**
     */
    default void getSelf(missive.v1.User.GetSelfRequest request,
        io.grpc.stub.StreamObserver<missive.v1.User.GetSelfResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetSelfMethod(), responseObserver);
    }

    /**
     */
    default void updateProfile(missive.v1.User.UpdateProfileRequest request,
        io.grpc.stub.StreamObserver<missive.v1.User.UpdateProfileResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getUpdateProfileMethod(), responseObserver);
    }

    /**
     * <pre>
     * Looks up to 500 users by qualified id.
     * </pre>
     */
    default void getUsers(missive.v1.User.GetUsersRequest request,
        io.grpc.stub.StreamObserver<missive.v1.User.GetUsersResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetUsersMethod(), responseObserver);
    }

    /**
     */
    default void getUserByHandle(missive.v1.User.GetUserByHandleRequest request,
        io.grpc.stub.StreamObserver<missive.v1.User.GetUserByHandleResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetUserByHandleMethod(), responseObserver);
    }

    /**
     * <pre>
     * Tells for each of up to 50 handles whether it is available, taken or invalid.
     * </pre>
     */
    default void checkHandles(missive.v1.User.CheckHandlesRequest request,
        io.grpc.stub.StreamObserver<missive.v1.User.CheckHandlesResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getCheckHandlesMethod(), responseObserver);
    }

    /**
     * <pre>
     * Finds users by handle prefix or display name; an exact handle match comes first.
     * </pre>
     */
    default void searchUsers(missive.v1.User.SearchUsersRequest request,
        io.grpc.stub.StreamObserver<missive.v1.User.SearchUsersResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getSearchUsersMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service UserService.
   * <pre>
   * Profiles and handles. Every call needs an access token.
   * </pre>
   */
  public static abstract class UserServiceImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return UserServiceGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service UserService.
   * <pre>
   * Profiles and handles. Every call needs an access token.
   * </pre>
   */
  public static final class UserServiceStub
      extends io.grpc.stub.AbstractAsyncStub<UserServiceStub> {
    private UserServiceStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected UserServiceStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new UserServiceStub(channel, callOptions);
    }

    /**
     */
    public void getSelf(missive.v1.User.GetSelfRequest request,
        io.grpc.stub.StreamObserver<missive.v1.User.GetSelfResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetSelfMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     */
    public void updateProfile(missive.v1.User.UpdateProfileRequest request,
        io.grpc.stub.StreamObserver<missive.v1.User.UpdateProfileResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getUpdateProfileMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Looks up to 500 users by qualified id.
     * </pre>
     */
    public void getUsers(missive.v1.User.GetUsersRequest request,
        io.grpc.stub.StreamObserver<missive.v1.User.GetUsersResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetUsersMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     */
    public void getUserByHandle(missive.v1.User.GetUserByHandleRequest request,
        io.grpc.stub.StreamObserver<missive.v1.User.GetUserByHandleResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetUserByHandleMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Tells for each of up to 50 handles whether it is available, taken or invalid.
     * </pre>
     */
    public void checkHandles(missive.v1.User.CheckHandlesRequest request,
        io.grpc.stub.StreamObserver<missive.v1.User.CheckHandlesResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getCheckHandlesMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Finds users by handle prefix or display name; an exact handle match comes first.
     * </pre>
     */
    public void searchUsers(missive.v1.User.SearchUsersRequest request,
        io.grpc.stub.StreamObserver<missive.v1.User.SearchUsersResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getSearchUsersMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service UserService.
   * <pre>
   * Profiles and handles. Every call needs an access token.
   * </pre>
   */
  public static final class UserServiceBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<UserServiceBlockingV2Stub> {
    private UserServiceBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected UserServiceBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new UserServiceBlockingV2Stub(channel, callOptions);
    }

    /**
     */
    public missive.v1.User.GetSelfResponse getSelf(missive.v1.User.GetSelfRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetSelfMethod(), getCallOptions(), request);
    }

    /**
     */
    public missive.v1.User.UpdateProfileResponse updateProfile(missive.v1.User.UpdateProfileRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getUpdateProfileMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Looks up to 500 users by qualified id.
     * </pre>
     */
    public missive.v1.User.GetUsersResponse getUsers(missive.v1.User.GetUsersRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetUsersMethod(), getCallOptions(), request);
    }

    /**
     */
    public missive.v1.User.GetUserByHandleResponse getUserByHandle(missive.v1.User.GetUserByHandleRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetUserByHandleMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Tells for each of up to 50 handles whether it is available, taken or invalid.
     * </pre>
     */
    public missive.v1.User.CheckHandlesResponse checkHandles(missive.v1.User.CheckHandlesRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getCheckHandlesMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Finds users by handle prefix or display name; an exact handle match comes first.
     * </pre>
     */
    public missive.v1.User.SearchUsersResponse searchUsers(missive.v1.User.SearchUsersRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getSearchUsersMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service UserService.
   * <pre>
   * Profiles and handles. Every call needs an access token.
   * </pre>
   */
  public static final class UserServiceBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<UserServiceBlockingStub> {
    private UserServiceBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected UserServiceBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new UserServiceBlockingStub(channel, callOptions);
    }

    /**
     */
    public missive.v1.User.GetSelfResponse getSelf(missive.v1.User.GetSelfRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetSelfMethod(), getCallOptions(), request);
    }

    /**
     */
    public missive.v1.User.UpdateProfileResponse updateProfile(missive.v1.User.UpdateProfileRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getUpdateProfileMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Looks up to 500 users by qualified id.
     * </pre>
     */
    public missive.v1.User.GetUsersResponse getUsers(missive.v1.User.GetUsersRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetUsersMethod(), getCallOptions(), request);
    }

    /**
     */
    public missive.v1.User.GetUserByHandleResponse getUserByHandle(missive.v1.User.GetUserByHandleRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetUserByHandleMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Tells for each of up to 50 handles whether it is available, taken or invalid.
     * </pre>
     */
    public missive.v1.User.CheckHandlesResponse checkHandles(missive.v1.User.CheckHandlesRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getCheckHandlesMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Finds users by handle prefix or display name; an exact handle match comes first.
     * </pre>
     */
    public missive.v1.User.SearchUsersResponse searchUsers(missive.v1.User.SearchUsersRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getSearchUsersMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service UserService.
   * <pre>
   * Profiles and handles. Every call needs an access token.
   * </pre>
   */
  public static final class UserServiceFutureStub
      extends io.grpc.stub.AbstractFutureStub<UserServiceFutureStub> {
    private UserServiceFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected UserServiceFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new UserServiceFutureStub(channel, callOptions);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<missive.v1.User.GetSelfResponse> getSelf(
        missive.v1.User.GetSelfRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetSelfMethod(), getCallOptions()), request);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<missive.v1.User.UpdateProfileResponse> updateProfile(
        missive.v1.User.UpdateProfileRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getUpdateProfileMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Looks up to 500 users by qualified id.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<missive.v1.User.GetUsersResponse> getUsers(
        missive.v1.User.GetUsersRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetUsersMethod(), getCallOptions()), request);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<missive.v1.User.GetUserByHandleResponse> getUserByHandle(
        missive.v1.User.GetUserByHandleRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetUserByHandleMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Tells for each of up to 50 handles whether it is available, taken or invalid.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<missive.v1.User.CheckHandlesResponse> checkHandles(
        missive.v1.User.CheckHandlesRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getCheckHandlesMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Finds users by handle prefix or display name; an exact handle match comes first.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<missive.v1.User.SearchUsersResponse> searchUsers(
        missive.v1.User.SearchUsersRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getSearchUsersMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_GET_SELF = 0;
  private static final int METHODID_UPDATE_PROFILE = 1;
  private static final int METHODID_GET_USERS = 2;
  private static final int METHODID_GET_USER_BY_HANDLE = 3;
  private static final int METHODID_CHECK_HANDLES = 4;
  private static final int METHODID_SEARCH_USERS = 5;

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
        case METHODID_GET_SELF:
          serviceImpl.getSelf((missive.v1.User.GetSelfRequest) request,
              (io.grpc.stub.StreamObserver<missive.v1.User.GetSelfResponse>) responseObserver);
          break;
        case METHODID_UPDATE_PROFILE:
          serviceImpl.updateProfile((missive.v1.User.UpdateProfileRequest) request,
              (io.grpc.stub.StreamObserver<missive.v1.User.UpdateProfileResponse>) responseObserver);
          break;
        case METHODID_GET_USERS:
          serviceImpl.getUsers((missive.v1.User.GetUsersRequest) request,
              (io.grpc.stub.StreamObserver<missive.v1.User.GetUsersResponse>) responseObserver);
          break;
        case METHODID_GET_USER_BY_HANDLE:
          serviceImpl.getUserByHandle((missive.v1.User.GetUserByHandleRequest) request,
              (io.grpc.stub.StreamObserver<missive.v1.User.GetUserByHandleResponse>) responseObserver);
          break;
        case METHODID_CHECK_HANDLES:
          serviceImpl.checkHandles((missive.v1.User.CheckHandlesRequest) request,
              (io.grpc.stub.StreamObserver<missive.v1.User.CheckHandlesResponse>) responseObserver);
          break;
        case METHODID_SEARCH_USERS:
          serviceImpl.searchUsers((missive.v1.User.SearchUsersRequest) request,
              (io.grpc.stub.StreamObserver<missive.v1.User.SearchUsersResponse>) responseObserver);
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
          getGetSelfMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              missive.v1.User.GetSelfRequest,
              missive.v1.User.GetSelfResponse>(
                service, METHODID_GET_SELF)))
        .addMethod(
          getUpdateProfileMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              missive.v1.User.UpdateProfileRequest,
              missive.v1.User.UpdateProfileResponse>(
                service, METHODID_UPDATE_PROFILE)))
        .addMethod(
          getGetUsersMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              missive.v1.User.GetUsersRequest,
              missive.v1.User.GetUsersResponse>(
                service, METHODID_GET_USERS)))
        .addMethod(
          getGetUserByHandleMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              missive.v1.User.GetUserByHandleRequest,
              missive.v1.User.GetUserByHandleResponse>(
                service, METHODID_GET_USER_BY_HANDLE)))
        .addMethod(
          getCheckHandlesMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              missive.v1.User.CheckHandlesRequest,
              missive.v1.User.CheckHandlesResponse>(
                service, METHODID_CHECK_HANDLES)))
        .addMethod(
          getSearchUsersMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              missive.v1.User.SearchUsersRequest,
              missive.v1.User.SearchUsersResponse>(
                service, METHODID_SEARCH_USERS)))
        .build();
  }

  private static volatile io.grpc.ServiceDescriptor serviceDescriptor;

  public static io.grpc.ServiceDescriptor getServiceDescriptor() {
    io.grpc.ServiceDescriptor result = serviceDescriptor;
    if (result == null) {
      synchronized (UserServiceGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .addMethod(getGetSelfMethod())
              .addMethod(getUpdateProfileMethod())
              .addMethod(getGetUsersMethod())
              .addMethod(getGetUserByHandleMethod())
              .addMethod(getCheckHandlesMethod())
              .addMethod(getSearchUsersMethod())
              .build();
        }
      }
    }
    return result;
  }
}
