package missive.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * Account creation and device authentication. Register, Login, BeginDeviceAuth,
 * CompleteDeviceAuth and RefreshSession need no access token; Logout does.
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class AccountServiceGrpc {

  private AccountServiceGrpc() {}

  public static final java.lang.String SERVICE_NAME = "missive.v1.AccountService";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<missive.v1.Account.RegisterRequest,
      missive.v1.Account.RegisterResponse> getRegisterMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Register",
      requestType = missive.v1.Account.RegisterRequest.class,
      responseType = missive.v1.Account.RegisterResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<missive.v1.Account.RegisterRequest,
      missive.v1.Account.RegisterResponse> getRegisterMethod() {
    io.grpc.MethodDescriptor<missive.v1.Account.RegisterRequest, missive.v1.Account.RegisterResponse> getRegisterMethod;
    if ((getRegisterMethod = AccountServiceGrpc.getRegisterMethod) == null) {
      synchronized (AccountServiceGrpc.class) {
        if ((getRegisterMethod = AccountServiceGrpc.getRegisterMethod) == null) {
          AccountServiceGrpc.getRegisterMethod = getRegisterMethod =
              io.grpc.MethodDescriptor.<missive.v1.Account.RegisterRequest, missive.v1.Account.RegisterResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Register"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.Account.RegisterRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.Account.RegisterResponse.getDefaultInstance()))
              .build();
        }
      }
    }
    return getRegisterMethod;
  }

  private static volatile io.grpc.MethodDescriptor<missive.v1.Account.LoginRequest,
      missive.v1.Account.LoginResponse> getLoginMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Login",
      requestType = missive.v1.Account.LoginRequest.class,
      responseType = missive.v1.Account.LoginResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<missive.v1.Account.LoginRequest,
      missive.v1.Account.LoginResponse> getLoginMethod() {
    io.grpc.MethodDescriptor<missive.v1.Account.LoginRequest, missive.v1.Account.LoginResponse> getLoginMethod;
    if ((getLoginMethod = AccountServiceGrpc.getLoginMethod) == null) {
      synchronized (AccountServiceGrpc.class) {
        if ((getLoginMethod = AccountServiceGrpc.getLoginMethod) == null) {
          AccountServiceGrpc.getLoginMethod = getLoginMethod =
              io.grpc.MethodDescriptor.<missive.v1.Account.LoginRequest, missive.v1.Account.LoginResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Login"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.Account.LoginRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.Account.LoginResponse.getDefaultInstance()))
              .build();
        }
      }
    }
    return getLoginMethod;
  }

  private static volatile io.grpc.MethodDescriptor<missive.v1.Account.BeginDeviceAuthRequest,
      missive.v1.Account.BeginDeviceAuthResponse> getBeginDeviceAuthMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "BeginDeviceAuth",
      requestType = missive.v1.Account.BeginDeviceAuthRequest.class,
      responseType = missive.v1.Account.BeginDeviceAuthResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<missive.v1.Account.BeginDeviceAuthRequest,
      missive.v1.Account.BeginDeviceAuthResponse> getBeginDeviceAuthMethod() {
    io.grpc.MethodDescriptor<missive.v1.Account.BeginDeviceAuthRequest, missive.v1.Account.BeginDeviceAuthResponse> getBeginDeviceAuthMethod;
    if ((getBeginDeviceAuthMethod = AccountServiceGrpc.getBeginDeviceAuthMethod) == null) {
      synchronized (AccountServiceGrpc.class) {
        if ((getBeginDeviceAuthMethod = AccountServiceGrpc.getBeginDeviceAuthMethod) == null) {
          AccountServiceGrpc.getBeginDeviceAuthMethod = getBeginDeviceAuthMethod =
              io.grpc.MethodDescriptor.<missive.v1.Account.BeginDeviceAuthRequest, missive.v1.Account.BeginDeviceAuthResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "BeginDeviceAuth"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.Account.BeginDeviceAuthRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.Account.BeginDeviceAuthResponse.getDefaultInstance()))
              .build();
        }
      }
    }
    return getBeginDeviceAuthMethod;
  }

  private static volatile io.grpc.MethodDescriptor<missive.v1.Account.CompleteDeviceAuthRequest,
      missive.v1.Account.CompleteDeviceAuthResponse> getCompleteDeviceAuthMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "CompleteDeviceAuth",
      requestType = missive.v1.Account.CompleteDeviceAuthRequest.class,
      responseType = missive.v1.Account.CompleteDeviceAuthResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<missive.v1.Account.CompleteDeviceAuthRequest,
      missive.v1.Account.CompleteDeviceAuthResponse> getCompleteDeviceAuthMethod() {
    io.grpc.MethodDescriptor<missive.v1.Account.CompleteDeviceAuthRequest, missive.v1.Account.CompleteDeviceAuthResponse> getCompleteDeviceAuthMethod;
    if ((getCompleteDeviceAuthMethod = AccountServiceGrpc.getCompleteDeviceAuthMethod) == null) {
      synchronized (AccountServiceGrpc.class) {
        if ((getCompleteDeviceAuthMethod = AccountServiceGrpc.getCompleteDeviceAuthMethod) == null) {
          AccountServiceGrpc.getCompleteDeviceAuthMethod = getCompleteDeviceAuthMethod =
              io.grpc.MethodDescriptor.<missive.v1.Account.CompleteDeviceAuthRequest, missive.v1.Account.CompleteDeviceAuthResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "CompleteDeviceAuth"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.Account.CompleteDeviceAuthRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.Account.CompleteDeviceAuthResponse.getDefaultInstance()))
              .build();
        }
      }
    }
    return getCompleteDeviceAuthMethod;
  }

  private static volatile io.grpc.MethodDescriptor<missive.v1.Account.RefreshSessionRequest,
      missive.v1.Account.RefreshSessionResponse> getRefreshSessionMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "RefreshSession",
      requestType = missive.v1.Account.RefreshSessionRequest.class,
      responseType = missive.v1.Account.RefreshSessionResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<missive.v1.Account.RefreshSessionRequest,
      missive.v1.Account.RefreshSessionResponse> getRefreshSessionMethod() {
    io.grpc.MethodDescriptor<missive.v1.Account.RefreshSessionRequest, missive.v1.Account.RefreshSessionResponse> getRefreshSessionMethod;
    if ((getRefreshSessionMethod = AccountServiceGrpc.getRefreshSessionMethod) == null) {
      synchronized (AccountServiceGrpc.class) {
        if ((getRefreshSessionMethod = AccountServiceGrpc.getRefreshSessionMethod) == null) {
          AccountServiceGrpc.getRefreshSessionMethod = getRefreshSessionMethod =
              io.grpc.MethodDescriptor.<missive.v1.Account.RefreshSessionRequest, missive.v1.Account.RefreshSessionResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "RefreshSession"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.Account.RefreshSessionRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.Account.RefreshSessionResponse.getDefaultInstance()))
              .build();
        }
      }
    }
    return getRefreshSessionMethod;
  }

  private static volatile io.grpc.MethodDescriptor<missive.v1.Account.LogoutRequest,
      missive.v1.Account.LogoutResponse> getLogoutMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Logout",
      requestType = missive.v1.Account.LogoutRequest.class,
      responseType = missive.v1.Account.LogoutResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<missive.v1.Account.LogoutRequest,
      missive.v1.Account.LogoutResponse> getLogoutMethod() {
    io.grpc.MethodDescriptor<missive.v1.Account.LogoutRequest, missive.v1.Account.LogoutResponse> getLogoutMethod;
    if ((getLogoutMethod = AccountServiceGrpc.getLogoutMethod) == null) {
      synchronized (AccountServiceGrpc.class) {
        if ((getLogoutMethod = AccountServiceGrpc.getLogoutMethod) == null) {
          AccountServiceGrpc.getLogoutMethod = getLogoutMethod =
              io.grpc.MethodDescriptor.<missive.v1.Account.LogoutRequest, missive.v1.Account.LogoutResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Logout"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.Account.LogoutRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.Account.LogoutResponse.getDefaultInstance()))
              .build();
        }
      }
    }
    return getLogoutMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static AccountServiceStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<AccountServiceStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<AccountServiceStub>() {
        @java.lang.Override
        public AccountServiceStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new AccountServiceStub(channel, callOptions);
        }
      };
    return AccountServiceStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static AccountServiceBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<AccountServiceBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<AccountServiceBlockingV2Stub>() {
        @java.lang.Override
        public AccountServiceBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new AccountServiceBlockingV2Stub(channel, callOptions);
        }
      };
    return AccountServiceBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static AccountServiceBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<AccountServiceBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<AccountServiceBlockingStub>() {
        @java.lang.Override
        public AccountServiceBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new AccountServiceBlockingStub(channel, callOptions);
        }
      };
    return AccountServiceBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static AccountServiceFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<AccountServiceFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<AccountServiceFutureStub>() {
        @java.lang.Override
        public AccountServiceFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new AccountServiceFutureStub(channel, callOptions);
        }
      };
    return AccountServiceFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * Account creation and device authentication. Register, Login, BeginDeviceAuth,
   * CompleteDeviceAuth and RefreshSession need no access token; Logout does.
   * </pre>
   */
  public interface AsyncService {

    /**
     * <pre>
     * Creates a user with its first device and returns a session for that device.
     * </pre>
     */
    default void register(missive.v1.Account.RegisterRequest request,
        io.grpc.stub.StreamObserver<missive.v1.Account.RegisterResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getRegisterMethod(), responseObserver);
    }

    /**
     * <pre>
     * Password login: adds a new device to the account and returns its session.
     * </pre>
     */
    default void login(missive.v1.Account.LoginRequest request,
        io.grpc.stub.StreamObserver<missive.v1.Account.LoginResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getLoginMethod(), responseObserver);
    }

    /**
     * <pre>
     * Starts challenge-response login for an existing device.
     * </pre>
     */
    default void beginDeviceAuth(missive.v1.Account.BeginDeviceAuthRequest request,
        io.grpc.stub.StreamObserver<missive.v1.Account.BeginDeviceAuthResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getBeginDeviceAuthMethod(), responseObserver);
    }

    /**
     * <pre>
     * Finishes challenge-response login with the device's signature.
     * </pre>
     */
    default void completeDeviceAuth(missive.v1.Account.CompleteDeviceAuthRequest request,
        io.grpc.stub.StreamObserver<missive.v1.Account.CompleteDeviceAuthResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getCompleteDeviceAuthMethod(), responseObserver);
    }

    /**
     * <pre>
     * Exchanges a refresh token for a new session (the refresh token rotates).
     * </pre>
     */
    default void refreshSession(missive.v1.Account.RefreshSessionRequest request,
        io.grpc.stub.StreamObserver<missive.v1.Account.RefreshSessionResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getRefreshSessionMethod(), responseObserver);
    }

    /**
     * <pre>
     * Revokes the session the refresh token belongs to.
     * </pre>
     */
    default void logout(missive.v1.Account.LogoutRequest request,
        io.grpc.stub.StreamObserver<missive.v1.Account.LogoutResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getLogoutMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service AccountService.
   * <pre>
   * Account creation and device authentication. Register, Login, BeginDeviceAuth,
   * CompleteDeviceAuth and RefreshSession need no access token; Logout does.
   * </pre>
   */
  public static abstract class AccountServiceImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return AccountServiceGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service AccountService.
   * <pre>
   * Account creation and device authentication. Register, Login, BeginDeviceAuth,
   * CompleteDeviceAuth and RefreshSession need no access token; Logout does.
   * </pre>
   */
  public static final class AccountServiceStub
      extends io.grpc.stub.AbstractAsyncStub<AccountServiceStub> {
    private AccountServiceStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected AccountServiceStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new AccountServiceStub(channel, callOptions);
    }

    /**
     * <pre>
     * Creates a user with its first device and returns a session for that device.
     * </pre>
     */
    public void register(missive.v1.Account.RegisterRequest request,
        io.grpc.stub.StreamObserver<missive.v1.Account.RegisterResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getRegisterMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Password login: adds a new device to the account and returns its session.
     * </pre>
     */
    public void login(missive.v1.Account.LoginRequest request,
        io.grpc.stub.StreamObserver<missive.v1.Account.LoginResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getLoginMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Starts challenge-response login for an existing device.
     * </pre>
     */
    public void beginDeviceAuth(missive.v1.Account.BeginDeviceAuthRequest request,
        io.grpc.stub.StreamObserver<missive.v1.Account.BeginDeviceAuthResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getBeginDeviceAuthMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Finishes challenge-response login with the device's signature.
     * </pre>
     */
    public void completeDeviceAuth(missive.v1.Account.CompleteDeviceAuthRequest request,
        io.grpc.stub.StreamObserver<missive.v1.Account.CompleteDeviceAuthResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getCompleteDeviceAuthMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Exchanges a refresh token for a new session (the refresh token rotates).
     * </pre>
     */
    public void refreshSession(missive.v1.Account.RefreshSessionRequest request,
        io.grpc.stub.StreamObserver<missive.v1.Account.RefreshSessionResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getRefreshSessionMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Revokes the session the refresh token belongs to.
     * </pre>
     */
    public void logout(missive.v1.Account.LogoutRequest request,
        io.grpc.stub.StreamObserver<missive.v1.Account.LogoutResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getLogoutMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service AccountService.
   * <pre>
   * Account creation and device authentication. Register, Login, BeginDeviceAuth,
   * CompleteDeviceAuth and RefreshSession need no access token; Logout does.
   * </pre>
   */
  public static final class AccountServiceBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<AccountServiceBlockingV2Stub> {
    private AccountServiceBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected AccountServiceBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new AccountServiceBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * Creates a user with its first device and returns a session for that device.
     * </pre>
     */
    public missive.v1.Account.RegisterResponse register(missive.v1.Account.RegisterRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getRegisterMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Password login: adds a new device to the account and returns its session.
     * </pre>
     */
    public missive.v1.Account.LoginResponse login(missive.v1.Account.LoginRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getLoginMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Starts challenge-response login for an existing device.
     * </pre>
     */
    public missive.v1.Account.BeginDeviceAuthResponse beginDeviceAuth(missive.v1.Account.BeginDeviceAuthRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getBeginDeviceAuthMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Finishes challenge-response login with the device's signature.
     * </pre>
     */
    public missive.v1.Account.CompleteDeviceAuthResponse completeDeviceAuth(missive.v1.Account.CompleteDeviceAuthRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getCompleteDeviceAuthMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Exchanges a refresh token for a new session (the refresh token rotates).
     * </pre>
     */
    public missive.v1.Account.RefreshSessionResponse refreshSession(missive.v1.Account.RefreshSessionRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getRefreshSessionMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Revokes the session the refresh token belongs to.
     * </pre>
     */
    public missive.v1.Account.LogoutResponse logout(missive.v1.Account.LogoutRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getLogoutMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service AccountService.
   * <pre>
   * Account creation and device authentication. Register, Login, BeginDeviceAuth,
   * CompleteDeviceAuth and RefreshSession need no access token; Logout does.
   * </pre>
   */
  public static final class AccountServiceBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<AccountServiceBlockingStub> {
    private AccountServiceBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected AccountServiceBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new AccountServiceBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * Creates a user with its first device and returns a session for that device.
     * </pre>
     */
    public missive.v1.Account.RegisterResponse register(missive.v1.Account.RegisterRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getRegisterMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Password login: adds a new device to the account and returns its session.
     * </pre>
     */
    public missive.v1.Account.LoginResponse login(missive.v1.Account.LoginRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getLoginMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Starts challenge-response login for an existing device.
     * </pre>
     */
    public missive.v1.Account.BeginDeviceAuthResponse beginDeviceAuth(missive.v1.Account.BeginDeviceAuthRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getBeginDeviceAuthMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Finishes challenge-response login with the device's signature.
     * </pre>
     */
    public missive.v1.Account.CompleteDeviceAuthResponse completeDeviceAuth(missive.v1.Account.CompleteDeviceAuthRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getCompleteDeviceAuthMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Exchanges a refresh token for a new session (the refresh token rotates).
     * </pre>
     */
    public missive.v1.Account.RefreshSessionResponse refreshSession(missive.v1.Account.RefreshSessionRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getRefreshSessionMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Revokes the session the refresh token belongs to.
     * </pre>
     */
    public missive.v1.Account.LogoutResponse logout(missive.v1.Account.LogoutRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getLogoutMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service AccountService.
   * <pre>
   * Account creation and device authentication. Register, Login, BeginDeviceAuth,
   * CompleteDeviceAuth and RefreshSession need no access token; Logout does.
   * </pre>
   */
  public static final class AccountServiceFutureStub
      extends io.grpc.stub.AbstractFutureStub<AccountServiceFutureStub> {
    private AccountServiceFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected AccountServiceFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new AccountServiceFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * Creates a user with its first device and returns a session for that device.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<missive.v1.Account.RegisterResponse> register(
        missive.v1.Account.RegisterRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getRegisterMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Password login: adds a new device to the account and returns its session.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<missive.v1.Account.LoginResponse> login(
        missive.v1.Account.LoginRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getLoginMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Starts challenge-response login for an existing device.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<missive.v1.Account.BeginDeviceAuthResponse> beginDeviceAuth(
        missive.v1.Account.BeginDeviceAuthRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getBeginDeviceAuthMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Finishes challenge-response login with the device's signature.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<missive.v1.Account.CompleteDeviceAuthResponse> completeDeviceAuth(
        missive.v1.Account.CompleteDeviceAuthRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getCompleteDeviceAuthMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Exchanges a refresh token for a new session (the refresh token rotates).
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<missive.v1.Account.RefreshSessionResponse> refreshSession(
        missive.v1.Account.RefreshSessionRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getRefreshSessionMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Revokes the session the refresh token belongs to.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<missive.v1.Account.LogoutResponse> logout(
        missive.v1.Account.LogoutRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getLogoutMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_REGISTER = 0;
  private static final int METHODID_LOGIN = 1;
  private static final int METHODID_BEGIN_DEVICE_AUTH = 2;
  private static final int METHODID_COMPLETE_DEVICE_AUTH = 3;
  private static final int METHODID_REFRESH_SESSION = 4;
  private static final int METHODID_LOGOUT = 5;

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
        case METHODID_REGISTER:
          serviceImpl.register((missive.v1.Account.RegisterRequest) request,
              (io.grpc.stub.StreamObserver<missive.v1.Account.RegisterResponse>) responseObserver);
          break;
        case METHODID_LOGIN:
          serviceImpl.login((missive.v1.Account.LoginRequest) request,
              (io.grpc.stub.StreamObserver<missive.v1.Account.LoginResponse>) responseObserver);
          break;
        case METHODID_BEGIN_DEVICE_AUTH:
          serviceImpl.beginDeviceAuth((missive.v1.Account.BeginDeviceAuthRequest) request,
              (io.grpc.stub.StreamObserver<missive.v1.Account.BeginDeviceAuthResponse>) responseObserver);
          break;
        case METHODID_COMPLETE_DEVICE_AUTH:
          serviceImpl.completeDeviceAuth((missive.v1.Account.CompleteDeviceAuthRequest) request,
              (io.grpc.stub.StreamObserver<missive.v1.Account.CompleteDeviceAuthResponse>) responseObserver);
          break;
        case METHODID_REFRESH_SESSION:
          serviceImpl.refreshSession((missive.v1.Account.RefreshSessionRequest) request,
              (io.grpc.stub.StreamObserver<missive.v1.Account.RefreshSessionResponse>) responseObserver);
          break;
        case METHODID_LOGOUT:
          serviceImpl.logout((missive.v1.Account.LogoutRequest) request,
              (io.grpc.stub.StreamObserver<missive.v1.Account.LogoutResponse>) responseObserver);
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
          getRegisterMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              missive.v1.Account.RegisterRequest,
              missive.v1.Account.RegisterResponse>(
                service, METHODID_REGISTER)))
        .addMethod(
          getLoginMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              missive.v1.Account.LoginRequest,
              missive.v1.Account.LoginResponse>(
                service, METHODID_LOGIN)))
        .addMethod(
          getBeginDeviceAuthMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              missive.v1.Account.BeginDeviceAuthRequest,
              missive.v1.Account.BeginDeviceAuthResponse>(
                service, METHODID_BEGIN_DEVICE_AUTH)))
        .addMethod(
          getCompleteDeviceAuthMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              missive.v1.Account.CompleteDeviceAuthRequest,
              missive.v1.Account.CompleteDeviceAuthResponse>(
                service, METHODID_COMPLETE_DEVICE_AUTH)))
        .addMethod(
          getRefreshSessionMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              missive.v1.Account.RefreshSessionRequest,
              missive.v1.Account.RefreshSessionResponse>(
                service, METHODID_REFRESH_SESSION)))
        .addMethod(
          getLogoutMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              missive.v1.Account.LogoutRequest,
              missive.v1.Account.LogoutResponse>(
                service, METHODID_LOGOUT)))
        .build();
  }

  private static volatile io.grpc.ServiceDescriptor serviceDescriptor;

  public static io.grpc.ServiceDescriptor getServiceDescriptor() {
    io.grpc.ServiceDescriptor result = serviceDescriptor;
    if (result == null) {
      synchronized (AccountServiceGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .addMethod(getRegisterMethod())
              .addMethod(getLoginMethod())
              .addMethod(getBeginDeviceAuthMethod())
              .addMethod(getCompleteDeviceAuthMethod())
              .addMethod(getRefreshSessionMethod())
              .addMethod(getLogoutMethod())
              .build();
        }
      }
    }
    return result;
  }
}
