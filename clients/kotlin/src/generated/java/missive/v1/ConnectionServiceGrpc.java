package missive.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * Connections between users. Only connected users share a 1:1 conversation or
 * can be added to a group. Every call needs an access token.
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class ConnectionServiceGrpc {

  private ConnectionServiceGrpc() {}

  public static final java.lang.String SERVICE_NAME = "missive.v1.ConnectionService";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<missive.v1.ConnectionOuterClass.SendConnectionRequestRequest,
      missive.v1.ConnectionOuterClass.SendConnectionRequestResponse> getSendConnectionRequestMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "SendConnectionRequest",
      requestType = missive.v1.ConnectionOuterClass.SendConnectionRequestRequest.class,
      responseType = missive.v1.ConnectionOuterClass.SendConnectionRequestResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<missive.v1.ConnectionOuterClass.SendConnectionRequestRequest,
      missive.v1.ConnectionOuterClass.SendConnectionRequestResponse> getSendConnectionRequestMethod() {
    io.grpc.MethodDescriptor<missive.v1.ConnectionOuterClass.SendConnectionRequestRequest, missive.v1.ConnectionOuterClass.SendConnectionRequestResponse> getSendConnectionRequestMethod;
    if ((getSendConnectionRequestMethod = ConnectionServiceGrpc.getSendConnectionRequestMethod) == null) {
      synchronized (ConnectionServiceGrpc.class) {
        if ((getSendConnectionRequestMethod = ConnectionServiceGrpc.getSendConnectionRequestMethod) == null) {
          ConnectionServiceGrpc.getSendConnectionRequestMethod = getSendConnectionRequestMethod =
              io.grpc.MethodDescriptor.<missive.v1.ConnectionOuterClass.SendConnectionRequestRequest, missive.v1.ConnectionOuterClass.SendConnectionRequestResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "SendConnectionRequest"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.ConnectionOuterClass.SendConnectionRequestRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.ConnectionOuterClass.SendConnectionRequestResponse.getDefaultInstance()))
              .build();
        }
      }
    }
    return getSendConnectionRequestMethod;
  }

  private static volatile io.grpc.MethodDescriptor<missive.v1.ConnectionOuterClass.UpdateConnectionRequest,
      missive.v1.ConnectionOuterClass.UpdateConnectionResponse> getUpdateConnectionMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "UpdateConnection",
      requestType = missive.v1.ConnectionOuterClass.UpdateConnectionRequest.class,
      responseType = missive.v1.ConnectionOuterClass.UpdateConnectionResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<missive.v1.ConnectionOuterClass.UpdateConnectionRequest,
      missive.v1.ConnectionOuterClass.UpdateConnectionResponse> getUpdateConnectionMethod() {
    io.grpc.MethodDescriptor<missive.v1.ConnectionOuterClass.UpdateConnectionRequest, missive.v1.ConnectionOuterClass.UpdateConnectionResponse> getUpdateConnectionMethod;
    if ((getUpdateConnectionMethod = ConnectionServiceGrpc.getUpdateConnectionMethod) == null) {
      synchronized (ConnectionServiceGrpc.class) {
        if ((getUpdateConnectionMethod = ConnectionServiceGrpc.getUpdateConnectionMethod) == null) {
          ConnectionServiceGrpc.getUpdateConnectionMethod = getUpdateConnectionMethod =
              io.grpc.MethodDescriptor.<missive.v1.ConnectionOuterClass.UpdateConnectionRequest, missive.v1.ConnectionOuterClass.UpdateConnectionResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "UpdateConnection"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.ConnectionOuterClass.UpdateConnectionRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.ConnectionOuterClass.UpdateConnectionResponse.getDefaultInstance()))
              .build();
        }
      }
    }
    return getUpdateConnectionMethod;
  }

  private static volatile io.grpc.MethodDescriptor<missive.v1.ConnectionOuterClass.ListConnectionsRequest,
      missive.v1.ConnectionOuterClass.ListConnectionsResponse> getListConnectionsMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ListConnections",
      requestType = missive.v1.ConnectionOuterClass.ListConnectionsRequest.class,
      responseType = missive.v1.ConnectionOuterClass.ListConnectionsResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<missive.v1.ConnectionOuterClass.ListConnectionsRequest,
      missive.v1.ConnectionOuterClass.ListConnectionsResponse> getListConnectionsMethod() {
    io.grpc.MethodDescriptor<missive.v1.ConnectionOuterClass.ListConnectionsRequest, missive.v1.ConnectionOuterClass.ListConnectionsResponse> getListConnectionsMethod;
    if ((getListConnectionsMethod = ConnectionServiceGrpc.getListConnectionsMethod) == null) {
      synchronized (ConnectionServiceGrpc.class) {
        if ((getListConnectionsMethod = ConnectionServiceGrpc.getListConnectionsMethod) == null) {
          ConnectionServiceGrpc.getListConnectionsMethod = getListConnectionsMethod =
              io.grpc.MethodDescriptor.<missive.v1.ConnectionOuterClass.ListConnectionsRequest, missive.v1.ConnectionOuterClass.ListConnectionsResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListConnections"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.ConnectionOuterClass.ListConnectionsRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.ConnectionOuterClass.ListConnectionsResponse.getDefaultInstance()))
              .build();
        }
      }
    }
    return getListConnectionsMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static ConnectionServiceStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ConnectionServiceStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ConnectionServiceStub>() {
        @java.lang.Override
        public ConnectionServiceStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ConnectionServiceStub(channel, callOptions);
        }
      };
    return ConnectionServiceStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static ConnectionServiceBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ConnectionServiceBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ConnectionServiceBlockingV2Stub>() {
        @java.lang.Override
        public ConnectionServiceBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ConnectionServiceBlockingV2Stub(channel, callOptions);
        }
      };
    return ConnectionServiceBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static ConnectionServiceBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ConnectionServiceBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ConnectionServiceBlockingStub>() {
        @java.lang.Override
        public ConnectionServiceBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ConnectionServiceBlockingStub(channel, callOptions);
        }
      };
    return ConnectionServiceBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static ConnectionServiceFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<ConnectionServiceFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<ConnectionServiceFutureStub>() {
        @java.lang.Override
        public ConnectionServiceFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new ConnectionServiceFutureStub(channel, callOptions);
        }
      };
    return ConnectionServiceFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * Connections between users. Only connected users share a 1:1 conversation or
   * can be added to a group. Every call needs an access token.
   * </pre>
   */
  public interface AsyncService {

    /**
     * <pre>
     * Asks another user to connect. Sending to someone who already asked you
     * accepts their request.
     * </pre>
     */
    default void sendConnectionRequest(missive.v1.ConnectionOuterClass.SendConnectionRequestRequest request,
        io.grpc.stub.StreamObserver<missive.v1.ConnectionOuterClass.SendConnectionRequestResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getSendConnectionRequestMethod(), responseObserver);
    }

    /**
     * <pre>
     * Accepts, ignores, blocks or cancels. Accepting creates the 1:1 conversation.
     * </pre>
     */
    default void updateConnection(missive.v1.ConnectionOuterClass.UpdateConnectionRequest request,
        io.grpc.stub.StreamObserver<missive.v1.ConnectionOuterClass.UpdateConnectionResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getUpdateConnectionMethod(), responseObserver);
    }

    /**
     */
    default void listConnections(missive.v1.ConnectionOuterClass.ListConnectionsRequest request,
        io.grpc.stub.StreamObserver<missive.v1.ConnectionOuterClass.ListConnectionsResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListConnectionsMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service ConnectionService.
   * <pre>
   * Connections between users. Only connected users share a 1:1 conversation or
   * can be added to a group. Every call needs an access token.
   * </pre>
   */
  public static abstract class ConnectionServiceImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return ConnectionServiceGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service ConnectionService.
   * <pre>
   * Connections between users. Only connected users share a 1:1 conversation or
   * can be added to a group. Every call needs an access token.
   * </pre>
   */
  public static final class ConnectionServiceStub
      extends io.grpc.stub.AbstractAsyncStub<ConnectionServiceStub> {
    private ConnectionServiceStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ConnectionServiceStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ConnectionServiceStub(channel, callOptions);
    }

    /**
     * <pre>
     * Asks another user to connect. Sending to someone who already asked you
     * accepts their request.
     * </pre>
     */
    public void sendConnectionRequest(missive.v1.ConnectionOuterClass.SendConnectionRequestRequest request,
        io.grpc.stub.StreamObserver<missive.v1.ConnectionOuterClass.SendConnectionRequestResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getSendConnectionRequestMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Accepts, ignores, blocks or cancels. Accepting creates the 1:1 conversation.
     * </pre>
     */
    public void updateConnection(missive.v1.ConnectionOuterClass.UpdateConnectionRequest request,
        io.grpc.stub.StreamObserver<missive.v1.ConnectionOuterClass.UpdateConnectionResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getUpdateConnectionMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     */
    public void listConnections(missive.v1.ConnectionOuterClass.ListConnectionsRequest request,
        io.grpc.stub.StreamObserver<missive.v1.ConnectionOuterClass.ListConnectionsResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListConnectionsMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service ConnectionService.
   * <pre>
   * Connections between users. Only connected users share a 1:1 conversation or
   * can be added to a group. Every call needs an access token.
   * </pre>
   */
  public static final class ConnectionServiceBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<ConnectionServiceBlockingV2Stub> {
    private ConnectionServiceBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ConnectionServiceBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ConnectionServiceBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * Asks another user to connect. Sending to someone who already asked you
     * accepts their request.
     * </pre>
     */
    public missive.v1.ConnectionOuterClass.SendConnectionRequestResponse sendConnectionRequest(missive.v1.ConnectionOuterClass.SendConnectionRequestRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getSendConnectionRequestMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Accepts, ignores, blocks or cancels. Accepting creates the 1:1 conversation.
     * </pre>
     */
    public missive.v1.ConnectionOuterClass.UpdateConnectionResponse updateConnection(missive.v1.ConnectionOuterClass.UpdateConnectionRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getUpdateConnectionMethod(), getCallOptions(), request);
    }

    /**
     */
    public missive.v1.ConnectionOuterClass.ListConnectionsResponse listConnections(missive.v1.ConnectionOuterClass.ListConnectionsRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getListConnectionsMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service ConnectionService.
   * <pre>
   * Connections between users. Only connected users share a 1:1 conversation or
   * can be added to a group. Every call needs an access token.
   * </pre>
   */
  public static final class ConnectionServiceBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<ConnectionServiceBlockingStub> {
    private ConnectionServiceBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ConnectionServiceBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ConnectionServiceBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * Asks another user to connect. Sending to someone who already asked you
     * accepts their request.
     * </pre>
     */
    public missive.v1.ConnectionOuterClass.SendConnectionRequestResponse sendConnectionRequest(missive.v1.ConnectionOuterClass.SendConnectionRequestRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getSendConnectionRequestMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Accepts, ignores, blocks or cancels. Accepting creates the 1:1 conversation.
     * </pre>
     */
    public missive.v1.ConnectionOuterClass.UpdateConnectionResponse updateConnection(missive.v1.ConnectionOuterClass.UpdateConnectionRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getUpdateConnectionMethod(), getCallOptions(), request);
    }

    /**
     */
    public missive.v1.ConnectionOuterClass.ListConnectionsResponse listConnections(missive.v1.ConnectionOuterClass.ListConnectionsRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListConnectionsMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service ConnectionService.
   * <pre>
   * Connections between users. Only connected users share a 1:1 conversation or
   * can be added to a group. Every call needs an access token.
   * </pre>
   */
  public static final class ConnectionServiceFutureStub
      extends io.grpc.stub.AbstractFutureStub<ConnectionServiceFutureStub> {
    private ConnectionServiceFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected ConnectionServiceFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new ConnectionServiceFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * Asks another user to connect. Sending to someone who already asked you
     * accepts their request.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<missive.v1.ConnectionOuterClass.SendConnectionRequestResponse> sendConnectionRequest(
        missive.v1.ConnectionOuterClass.SendConnectionRequestRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getSendConnectionRequestMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Accepts, ignores, blocks or cancels. Accepting creates the 1:1 conversation.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<missive.v1.ConnectionOuterClass.UpdateConnectionResponse> updateConnection(
        missive.v1.ConnectionOuterClass.UpdateConnectionRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getUpdateConnectionMethod(), getCallOptions()), request);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<missive.v1.ConnectionOuterClass.ListConnectionsResponse> listConnections(
        missive.v1.ConnectionOuterClass.ListConnectionsRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListConnectionsMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_SEND_CONNECTION_REQUEST = 0;
  private static final int METHODID_UPDATE_CONNECTION = 1;
  private static final int METHODID_LIST_CONNECTIONS = 2;

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
        case METHODID_SEND_CONNECTION_REQUEST:
          serviceImpl.sendConnectionRequest((missive.v1.ConnectionOuterClass.SendConnectionRequestRequest) request,
              (io.grpc.stub.StreamObserver<missive.v1.ConnectionOuterClass.SendConnectionRequestResponse>) responseObserver);
          break;
        case METHODID_UPDATE_CONNECTION:
          serviceImpl.updateConnection((missive.v1.ConnectionOuterClass.UpdateConnectionRequest) request,
              (io.grpc.stub.StreamObserver<missive.v1.ConnectionOuterClass.UpdateConnectionResponse>) responseObserver);
          break;
        case METHODID_LIST_CONNECTIONS:
          serviceImpl.listConnections((missive.v1.ConnectionOuterClass.ListConnectionsRequest) request,
              (io.grpc.stub.StreamObserver<missive.v1.ConnectionOuterClass.ListConnectionsResponse>) responseObserver);
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
          getSendConnectionRequestMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              missive.v1.ConnectionOuterClass.SendConnectionRequestRequest,
              missive.v1.ConnectionOuterClass.SendConnectionRequestResponse>(
                service, METHODID_SEND_CONNECTION_REQUEST)))
        .addMethod(
          getUpdateConnectionMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              missive.v1.ConnectionOuterClass.UpdateConnectionRequest,
              missive.v1.ConnectionOuterClass.UpdateConnectionResponse>(
                service, METHODID_UPDATE_CONNECTION)))
        .addMethod(
          getListConnectionsMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              missive.v1.ConnectionOuterClass.ListConnectionsRequest,
              missive.v1.ConnectionOuterClass.ListConnectionsResponse>(
                service, METHODID_LIST_CONNECTIONS)))
        .build();
  }

  private static volatile io.grpc.ServiceDescriptor serviceDescriptor;

  public static io.grpc.ServiceDescriptor getServiceDescriptor() {
    io.grpc.ServiceDescriptor result = serviceDescriptor;
    if (result == null) {
      synchronized (ConnectionServiceGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .addMethod(getSendConnectionRequestMethod())
              .addMethod(getUpdateConnectionMethod())
              .addMethod(getListConnectionsMethod())
              .build();
        }
      }
    }
    return result;
  }
}
