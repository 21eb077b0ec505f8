package missive.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * Push tokens: how the server wakes a device that has no open event stream.
 * The server talks to APNs, FCM and Web Push (RFC 8030, so UnifiedPush
 * distributors too) itself, with no broker in between. A wake-up carries no
 * content: no ciphertext, no sender, no conversation; at most a notification
 * id and the device's newest event cursor (docs/push.md). The app then opens
 * its stream (or fetches) and decrypts what waits.
 * One token per device: setting one replaces the device's earlier token, of
 * any provider. Removing the device removes its token. A token the provider
 * reports gone (APNs 410, FCM UNREGISTERED, Web Push 404/410) is removed by
 * the server; GetPushToken then answers an empty response.
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class PushServiceGrpc {

  private PushServiceGrpc() {}

  public static final java.lang.String SERVICE_NAME = "missive.v1.PushService";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<missive.v1.Push.SetPushTokenRequest,
      missive.v1.Push.SetPushTokenResponse> getSetPushTokenMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "SetPushToken",
      requestType = missive.v1.Push.SetPushTokenRequest.class,
      responseType = missive.v1.Push.SetPushTokenResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<missive.v1.Push.SetPushTokenRequest,
      missive.v1.Push.SetPushTokenResponse> getSetPushTokenMethod() {
    io.grpc.MethodDescriptor<missive.v1.Push.SetPushTokenRequest, missive.v1.Push.SetPushTokenResponse> getSetPushTokenMethod;
    if ((getSetPushTokenMethod = PushServiceGrpc.getSetPushTokenMethod) == null) {
      synchronized (PushServiceGrpc.class) {
        if ((getSetPushTokenMethod = PushServiceGrpc.getSetPushTokenMethod) == null) {
          PushServiceGrpc.getSetPushTokenMethod = getSetPushTokenMethod =
              io.grpc.MethodDescriptor.<missive.v1.Push.SetPushTokenRequest, missive.v1.Push.SetPushTokenResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "SetPushToken"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.Push.SetPushTokenRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.Push.SetPushTokenResponse.getDefaultInstance()))
              .build();
        }
      }
    }
    return getSetPushTokenMethod;
  }

  private static volatile io.grpc.MethodDescriptor<missive.v1.Push.GetPushTokenRequest,
      missive.v1.Push.GetPushTokenResponse> getGetPushTokenMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetPushToken",
      requestType = missive.v1.Push.GetPushTokenRequest.class,
      responseType = missive.v1.Push.GetPushTokenResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<missive.v1.Push.GetPushTokenRequest,
      missive.v1.Push.GetPushTokenResponse> getGetPushTokenMethod() {
    io.grpc.MethodDescriptor<missive.v1.Push.GetPushTokenRequest, missive.v1.Push.GetPushTokenResponse> getGetPushTokenMethod;
    if ((getGetPushTokenMethod = PushServiceGrpc.getGetPushTokenMethod) == null) {
      synchronized (PushServiceGrpc.class) {
        if ((getGetPushTokenMethod = PushServiceGrpc.getGetPushTokenMethod) == null) {
          PushServiceGrpc.getGetPushTokenMethod = getGetPushTokenMethod =
              io.grpc.MethodDescriptor.<missive.v1.Push.GetPushTokenRequest, missive.v1.Push.GetPushTokenResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetPushToken"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.Push.GetPushTokenRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.Push.GetPushTokenResponse.getDefaultInstance()))
              .build();
        }
      }
    }
    return getGetPushTokenMethod;
  }

  private static volatile io.grpc.MethodDescriptor<missive.v1.Push.RemovePushTokenRequest,
      missive.v1.Push.RemovePushTokenResponse> getRemovePushTokenMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "RemovePushToken",
      requestType = missive.v1.Push.RemovePushTokenRequest.class,
      responseType = missive.v1.Push.RemovePushTokenResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<missive.v1.Push.RemovePushTokenRequest,
      missive.v1.Push.RemovePushTokenResponse> getRemovePushTokenMethod() {
    io.grpc.MethodDescriptor<missive.v1.Push.RemovePushTokenRequest, missive.v1.Push.RemovePushTokenResponse> getRemovePushTokenMethod;
    if ((getRemovePushTokenMethod = PushServiceGrpc.getRemovePushTokenMethod) == null) {
      synchronized (PushServiceGrpc.class) {
        if ((getRemovePushTokenMethod = PushServiceGrpc.getRemovePushTokenMethod) == null) {
          PushServiceGrpc.getRemovePushTokenMethod = getRemovePushTokenMethod =
              io.grpc.MethodDescriptor.<missive.v1.Push.RemovePushTokenRequest, missive.v1.Push.RemovePushTokenResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "RemovePushToken"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.Push.RemovePushTokenRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.Push.RemovePushTokenResponse.getDefaultInstance()))
              .build();
        }
      }
    }
    return getRemovePushTokenMethod;
  }

  private static volatile io.grpc.MethodDescriptor<missive.v1.Push.GetPushConfigRequest,
      missive.v1.Push.GetPushConfigResponse> getGetPushConfigMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetPushConfig",
      requestType = missive.v1.Push.GetPushConfigRequest.class,
      responseType = missive.v1.Push.GetPushConfigResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<missive.v1.Push.GetPushConfigRequest,
      missive.v1.Push.GetPushConfigResponse> getGetPushConfigMethod() {
    io.grpc.MethodDescriptor<missive.v1.Push.GetPushConfigRequest, missive.v1.Push.GetPushConfigResponse> getGetPushConfigMethod;
    if ((getGetPushConfigMethod = PushServiceGrpc.getGetPushConfigMethod) == null) {
      synchronized (PushServiceGrpc.class) {
        if ((getGetPushConfigMethod = PushServiceGrpc.getGetPushConfigMethod) == null) {
          PushServiceGrpc.getGetPushConfigMethod = getGetPushConfigMethod =
              io.grpc.MethodDescriptor.<missive.v1.Push.GetPushConfigRequest, missive.v1.Push.GetPushConfigResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetPushConfig"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.Push.GetPushConfigRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.Push.GetPushConfigResponse.getDefaultInstance()))
              .build();
        }
      }
    }
    return getGetPushConfigMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static PushServiceStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<PushServiceStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<PushServiceStub>() {
        @java.lang.Override
        public PushServiceStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new PushServiceStub(channel, callOptions);
        }
      };
    return PushServiceStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static PushServiceBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<PushServiceBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<PushServiceBlockingV2Stub>() {
        @java.lang.Override
        public PushServiceBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new PushServiceBlockingV2Stub(channel, callOptions);
        }
      };
    return PushServiceBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static PushServiceBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<PushServiceBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<PushServiceBlockingStub>() {
        @java.lang.Override
        public PushServiceBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new PushServiceBlockingStub(channel, callOptions);
        }
      };
    return PushServiceBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static PushServiceFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<PushServiceFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<PushServiceFutureStub>() {
        @java.lang.Override
        public PushServiceFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new PushServiceFutureStub(channel, callOptions);
        }
      };
    return PushServiceFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * Push tokens: how the server wakes a device that has no open event stream.
   * The server talks to APNs, FCM and Web Push (RFC 8030, so UnifiedPush
   * distributors too) itself, with no broker in between. A wake-up carries no
   * content: no ciphertext, no sender, no conversation; at most a notification
   * id and the device's newest event cursor (docs/push.md). The app then opens
   * its stream (or fetches) and decrypts what waits.
   * One token per device: setting one replaces the device's earlier token, of
   * any provider. Removing the device removes its token. A token the provider
   * reports gone (APNs 410, FCM UNREGISTERED, Web Push 404/410) is removed by
   * the server; GetPushToken then answers an empty response.
   * </pre>
   */
  public interface AsyncService {

    /**
     */
    default void setPushToken(missive.v1.Push.SetPushTokenRequest request,
        io.grpc.stub.StreamObserver<missive.v1.Push.SetPushTokenResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getSetPushTokenMethod(), responseObserver);
    }

    /**
     * <pre>
     * The calling device's token, if it has one.
     * </pre>
     */
    default void getPushToken(missive.v1.Push.GetPushTokenRequest request,
        io.grpc.stub.StreamObserver<missive.v1.Push.GetPushTokenResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetPushTokenMethod(), responseObserver);
    }

    /**
     * <pre>
     * Idempotent: removing no token succeeds.
     * </pre>
     */
    default void removePushToken(missive.v1.Push.RemovePushTokenRequest request,
        io.grpc.stub.StreamObserver<missive.v1.Push.RemovePushTokenResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getRemovePushTokenMethod(), responseObserver);
    }

    /**
     * <pre>
     * Which providers this backend is configured for, and the key a browser
     * subscribes with. Setting a token of a provider that is not configured
     * answers FAILED_PRECONDITION.
     * </pre>
     */
    default void getPushConfig(missive.v1.Push.GetPushConfigRequest request,
        io.grpc.stub.StreamObserver<missive.v1.Push.GetPushConfigResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetPushConfigMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service PushService.
   * <pre>
   * Push tokens: how the server wakes a device that has no open event stream.
   * The server talks to APNs, FCM and Web Push (RFC 8030, so UnifiedPush
   * distributors too) itself, with no broker in between. A wake-up carries no
   * content: no ciphertext, no sender, no conversation; at most a notification
   * id and the device's newest event cursor (docs/push.md). The app then opens
   * its stream (or fetches) and decrypts what waits.
   * One token per device: setting one replaces the device's earlier token, of
   * any provider. Removing the device removes its token. A token the provider
   * reports gone (APNs 410, FCM UNREGISTERED, Web Push 404/410) is removed by
   * the server; GetPushToken then answers an empty response.
   * </pre>
   */
  public static abstract class PushServiceImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return PushServiceGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service PushService.
   * <pre>
   * Push tokens: how the server wakes a device that has no open event stream.
   * The server talks to APNs, FCM and Web Push (RFC 8030, so UnifiedPush
   * distributors too) itself, with no broker in between. A wake-up carries no
   * content: no ciphertext, no sender, no conversation; at most a notification
   * id and the device's newest event cursor (docs/push.md). The app then opens
   * its stream (or fetches) and decrypts what waits.
   * One token per device: setting one replaces the device's earlier token, of
   * any provider. Removing the device removes its token. A token the provider
   * reports gone (APNs 410, FCM UNREGISTERED, Web Push 404/410) is removed by
   * the server; GetPushToken then answers an empty response.
   * </pre>
   */
  public static final class PushServiceStub
      extends io.grpc.stub.AbstractAsyncStub<PushServiceStub> {
    private PushServiceStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected PushServiceStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new PushServiceStub(channel, callOptions);
    }

    /**
     */
    public void setPushToken(missive.v1.Push.SetPushTokenRequest request,
        io.grpc.stub.StreamObserver<missive.v1.Push.SetPushTokenResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getSetPushTokenMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * The calling device's token, if it has one.
     * </pre>
     */
    public void getPushToken(missive.v1.Push.GetPushTokenRequest request,
        io.grpc.stub.StreamObserver<missive.v1.Push.GetPushTokenResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetPushTokenMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Idempotent: removing no token succeeds.
     * </pre>
     */
    public void removePushToken(missive.v1.Push.RemovePushTokenRequest request,
        io.grpc.stub.StreamObserver<missive.v1.Push.RemovePushTokenResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getRemovePushTokenMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Which providers this backend is configured for, and the key a browser
     * subscribes with. Setting a token of a provider that is not configured
     * answers FAILED_PRECONDITION.
     * </pre>
     */
    public void getPushConfig(missive.v1.Push.GetPushConfigRequest request,
        io.grpc.stub.StreamObserver<missive.v1.Push.GetPushConfigResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetPushConfigMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service PushService.
   * <pre>
   * Push tokens: how the server wakes a device that has no open event stream.
   * The server talks to APNs, FCM and Web Push (RFC 8030, so UnifiedPush
   * distributors too) itself, with no broker in between. A wake-up carries no
   * content: no ciphertext, no sender, no conversation; at most a notification
   * id and the device's newest event cursor (docs/push.md). The app then opens
   * its stream (or fetches) and decrypts what waits.
   * One token per device: setting one replaces the device's earlier token, of
   * any provider. Removing the device removes its token. A token the provider
   * reports gone (APNs 410, FCM UNREGISTERED, Web Push 404/410) is removed by
   * the server; GetPushToken then answers an empty response.
   * </pre>
   */
  public static final class PushServiceBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<PushServiceBlockingV2Stub> {
    private PushServiceBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected PushServiceBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new PushServiceBlockingV2Stub(channel, callOptions);
    }

    /**
     */
    public missive.v1.Push.SetPushTokenResponse setPushToken(missive.v1.Push.SetPushTokenRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getSetPushTokenMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * The calling device's token, if it has one.
     * </pre>
     */
    public missive.v1.Push.GetPushTokenResponse getPushToken(missive.v1.Push.GetPushTokenRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetPushTokenMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Idempotent: removing no token succeeds.
     * </pre>
     */
    public missive.v1.Push.RemovePushTokenResponse removePushToken(missive.v1.Push.RemovePushTokenRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getRemovePushTokenMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Which providers this backend is configured for, and the key a browser
     * subscribes with. Setting a token of a provider that is not configured
     * answers FAILED_PRECONDITION.
     * </pre>
     */
    public missive.v1.Push.GetPushConfigResponse getPushConfig(missive.v1.Push.GetPushConfigRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetPushConfigMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service PushService.
   * <pre>
   * Push tokens: how the server wakes a device that has no open event stream.
   * The server talks to APNs, FCM and Web Push (RFC 8030, so UnifiedPush
   * distributors too) itself, with no broker in between. A wake-up carries no
   * content: no ciphertext, no sender, no conversation; at most a notification
   * id and the device's newest event cursor (docs/push.md). The app then opens
   * its stream (or fetches) and decrypts what waits.
   * One token per device: setting one replaces the device's earlier token, of
   * any provider. Removing the device removes its token. A token the provider
   * reports gone (APNs 410, FCM UNREGISTERED, Web Push 404/410) is removed by
   * the server; GetPushToken then answers an empty response.
   * </pre>
   */
  public static final class PushServiceBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<PushServiceBlockingStub> {
    private PushServiceBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected PushServiceBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new PushServiceBlockingStub(channel, callOptions);
    }

    /**
     */
    public missive.v1.Push.SetPushTokenResponse setPushToken(missive.v1.Push.SetPushTokenRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getSetPushTokenMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * The calling device's token, if it has one.
     * </pre>
     */
    public missive.v1.Push.GetPushTokenResponse getPushToken(missive.v1.Push.GetPushTokenRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetPushTokenMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Idempotent: removing no token succeeds.
     * </pre>
     */
    public missive.v1.Push.RemovePushTokenResponse removePushToken(missive.v1.Push.RemovePushTokenRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getRemovePushTokenMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Which providers this backend is configured for, and the key a browser
     * subscribes with. Setting a token of a provider that is not configured
     * answers FAILED_PRECONDITION.
     * </pre>
     */
    public missive.v1.Push.GetPushConfigResponse getPushConfig(missive.v1.Push.GetPushConfigRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetPushConfigMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service PushService.
   * <pre>
   * Push tokens: how the server wakes a device that has no open event stream.
   * The server talks to APNs, FCM and Web Push (RFC 8030, so UnifiedPush
   * distributors too) itself, with no broker in between. A wake-up carries no
   * content: no ciphertext, no sender, no conversation; at most a notification
   * id and the device's newest event cursor (docs/push.md). The app then opens
   * its stream (or fetches) and decrypts what waits.
   * One token per device: setting one replaces the device's earlier token, of
   * any provider. Removing the device removes its token. A token the provider
   * reports gone (APNs 410, FCM UNREGISTERED, Web Push 404/410) is removed by
   * the server; GetPushToken then answers an empty response.
   * </pre>
   */
  public static final class PushServiceFutureStub
      extends io.grpc.stub.AbstractFutureStub<PushServiceFutureStub> {
    private PushServiceFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected PushServiceFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new PushServiceFutureStub(channel, callOptions);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<missive.v1.Push.SetPushTokenResponse> setPushToken(
        missive.v1.Push.SetPushTokenRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getSetPushTokenMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * The calling device's token, if it has one.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<missive.v1.Push.GetPushTokenResponse> getPushToken(
        missive.v1.Push.GetPushTokenRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetPushTokenMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Idempotent: removing no token succeeds.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<missive.v1.Push.RemovePushTokenResponse> removePushToken(
        missive.v1.Push.RemovePushTokenRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getRemovePushTokenMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Which providers this backend is configured for, and the key a browser
     * subscribes with. Setting a token of a provider that is not configured
     * answers FAILED_PRECONDITION.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<missive.v1.Push.GetPushConfigResponse> getPushConfig(
        missive.v1.Push.GetPushConfigRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetPushConfigMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_SET_PUSH_TOKEN = 0;
  private static final int METHODID_GET_PUSH_TOKEN = 1;
  private static final int METHODID_REMOVE_PUSH_TOKEN = 2;
  private static final int METHODID_GET_PUSH_CONFIG = 3;

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
        case METHODID_SET_PUSH_TOKEN:
          serviceImpl.setPushToken((missive.v1.Push.SetPushTokenRequest) request,
              (io.grpc.stub.StreamObserver<missive.v1.Push.SetPushTokenResponse>) responseObserver);
          break;
        case METHODID_GET_PUSH_TOKEN:
          serviceImpl.getPushToken((missive.v1.Push.GetPushTokenRequest) request,
              (io.grpc.stub.StreamObserver<missive.v1.Push.GetPushTokenResponse>) responseObserver);
          break;
        case METHODID_REMOVE_PUSH_TOKEN:
          serviceImpl.removePushToken((missive.v1.Push.RemovePushTokenRequest) request,
              (io.grpc.stub.StreamObserver<missive.v1.Push.RemovePushTokenResponse>) responseObserver);
          break;
        case METHODID_GET_PUSH_CONFIG:
          serviceImpl.getPushConfig((missive.v1.Push.GetPushConfigRequest) request,
              (io.grpc.stub.StreamObserver<missive.v1.Push.GetPushConfigResponse>) responseObserver);
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
          getSetPushTokenMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              missive.v1.Push.SetPushTokenRequest,
              missive.v1.Push.SetPushTokenResponse>(
                service, METHODID_SET_PUSH_TOKEN)))
        .addMethod(
          getGetPushTokenMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              missive.v1.Push.GetPushTokenRequest,
              missive.v1.Push.GetPushTokenResponse>(
                service, METHODID_GET_PUSH_TOKEN)))
        .addMethod(
          getRemovePushTokenMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              missive.v1.Push.RemovePushTokenRequest,
              missive.v1.Push.RemovePushTokenResponse>(
                service, METHODID_REMOVE_PUSH_TOKEN)))
        .addMethod(
          getGetPushConfigMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              missive.v1.Push.GetPushConfigRequest,
              missive.v1.Push.GetPushConfigResponse>(
                service, METHODID_GET_PUSH_CONFIG)))
        .build();
  }

  private static volatile io.grpc.ServiceDescriptor serviceDescriptor;

  public static io.grpc.ServiceDescriptor getServiceDescriptor() {
    io.grpc.ServiceDescriptor result = serviceDescriptor;
    if (result == null) {
      synchronized (PushServiceGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .addMethod(getSetPushTokenMethod())
              .addMethod(getGetPushTokenMethod())
              .addMethod(getRemovePushTokenMethod())
              .addMethod(getGetPushConfigMethod())
              .build();
        }
      }
    }
    return result;
  }
}
