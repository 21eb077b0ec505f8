package missive.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * Configuration of audio and video calls. Call signalling (offers, answers,
 * ICE candidates) stays end-to-end encrypted: clients send it as messages
 * with SendMessageRequest.transient set. The server only says where the
 * STUN and TURN relays are, with credentials for the TURN relays that
 * expire (docs/calls.md).
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class CallServiceGrpc {

  private CallServiceGrpc() {}

  public static final java.lang.String SERVICE_NAME = "missive.v1.CallService";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<missive.v1.Call.GetCallConfigRequest,
      missive.v1.Call.GetCallConfigResponse> getGetCallConfigMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetCallConfig",
      requestType = missive.v1.Call.GetCallConfigRequest.class,
      responseType = missive.v1.Call.GetCallConfigResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<missive.v1.Call.GetCallConfigRequest,
      missive.v1.Call.GetCallConfigResponse> getGetCallConfigMethod() {
    io.grpc.MethodDescriptor<missive.v1.Call.GetCallConfigRequest, missive.v1.Call.GetCallConfigResponse> getGetCallConfigMethod;
    if ((getGetCallConfigMethod = CallServiceGrpc.getGetCallConfigMethod) == null) {
      synchronized (CallServiceGrpc.class) {
        if ((getGetCallConfigMethod = CallServiceGrpc.getGetCallConfigMethod) == null) {
          CallServiceGrpc.getGetCallConfigMethod = getGetCallConfigMethod =
              io.grpc.MethodDescriptor.<missive.v1.Call.GetCallConfigRequest, missive.v1.Call.GetCallConfigResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetCallConfig"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.Call.GetCallConfigRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.Call.GetCallConfigResponse.getDefaultInstance()))
              .build();
        }
      }
    }
    return getGetCallConfigMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static CallServiceStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<CallServiceStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<CallServiceStub>() {
        @java.lang.Override
        public CallServiceStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new CallServiceStub(channel, callOptions);
        }
      };
    return CallServiceStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static CallServiceBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<CallServiceBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<CallServiceBlockingV2Stub>() {
        @java.lang.Override
        public CallServiceBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new CallServiceBlockingV2Stub(channel, callOptions);
        }
      };
    return CallServiceBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static CallServiceBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<CallServiceBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<CallServiceBlockingStub>() {
        @java.lang.Override
        public CallServiceBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new CallServiceBlockingStub(channel, callOptions);
        }
      };
    return CallServiceBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static CallServiceFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<CallServiceFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<CallServiceFutureStub>() {
        @java.lang.Override
        public CallServiceFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new CallServiceFutureStub(channel, callOptions);
        }
      };
    return CallServiceFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * Configuration of audio and video calls. Call signalling (offers, answers,
   * ICE candidates) stays end-to-end encrypted: clients send it as messages
   * with SendMessageRequest.transient set. The server only says where the
   * STUN and TURN relays are, with credentials for the TURN relays that
   * expire (docs/calls.md).
   * </pre>
   */
  public interface AsyncService {

    /**
     * <pre>
     * The ICE servers for a call, with TURN credentials in the TURN REST
     * scheme (username `&lt;expiry unix time&gt;:&lt;user id&gt;`, password the base64
     * HMAC-SHA1 of the username under a secret shared with the TURN server,
     * as coturn's use-auth-secret checks). Fetch again before `expires`.
     * A backend with no STUN or TURN configured answers an empty list and
     * says why in `unavailable_reason`.
     * </pre>
     */
    default void getCallConfig(missive.v1.Call.GetCallConfigRequest request,
        io.grpc.stub.StreamObserver<missive.v1.Call.GetCallConfigResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetCallConfigMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service CallService.
   * <pre>
   * Configuration of audio and video calls. Call signalling (offers, answers,
   * ICE candidates) stays end-to-end encrypted: clients send it as messages
   * with SendMessageRequest.transient set. The server only says where the
   * STUN and TURN relays are, with credentials for the TURN relays that
   * expire (docs/calls.md).
   * </pre>
   */
  public static abstract class CallServiceImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return CallServiceGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service CallService.
   * <pre>
   * Configuration of audio and video calls. Call signalling (offers, answers,
   * ICE candidates) stays end-to-end encrypted: clients send it as messages
   * with SendMessageRequest.transient set. The server only says where the
   * STUN and TURN relays are, with credentials for the TURN relays that
   * expire (docs/calls.md).
   * </pre>
   */
  public static final class CallServiceStub
      extends io.grpc.stub.AbstractAsyncStub<CallServiceStub> {
    private CallServiceStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected CallServiceStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new CallServiceStub(channel, callOptions);
    }

    /**
     * <pre>
     * The ICE servers for a call, with TURN credentials in the TURN REST
     * scheme (username `&lt;expiry unix time&gt;:&lt;user id&gt;`, password the base64
     * HMAC-SHA1 of the username under a secret shared with the TURN server,
     * as coturn's use-auth-secret checks). Fetch again before `expires`.
     * A backend with no STUN or TURN configured answers an empty list and
     * says why in `unavailable_reason`.
     * </pre>
     */
    public void getCallConfig(missive.v1.Call.GetCallConfigRequest request,
        io.grpc.stub.StreamObserver<missive.v1.Call.GetCallConfigResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetCallConfigMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service CallService.
   * <pre>
   * Configuration of audio and video calls. Call signalling (offers, answers,
   * ICE candidates) stays end-to-end encrypted: clients send it as messages
   * with SendMessageRequest.transient set. The server only says where the
   * STUN and TURN relays are, with credentials for the TURN relays that
   * expire (docs/calls.md).
   * </pre>
   */
  public static final class CallServiceBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<CallServiceBlockingV2Stub> {
    private CallServiceBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected CallServiceBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new CallServiceBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * The ICE servers for a call, with TURN credentials in the TURN REST
     * scheme (username `&lt;expiry unix time&gt;:&lt;user id&gt;`, password the base64
     * HMAC-SHA1 of the username under a secret shared with the TURN server,
     * as coturn's use-auth-secret checks). Fetch again before `expires`.
     * A backend with no STUN or TURN configured answers an empty list and
     * says why in `unavailable_reason`.
     * </pre>
     */
    public missive.v1.Call.GetCallConfigResponse getCallConfig(missive.v1.Call.GetCallConfigRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetCallConfigMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service CallService.
   * <pre>
   * Configuration of audio and video calls. Call signalling (offers, answers,
   * ICE candidates) stays end-to-end encrypted: clients send it as messages
   * with SendMessageRequest.transient set. The server only says where the
   * STUN and TURN relays are, with credentials for the TURN relays that
   * expire (docs/calls.md).
   * </pre>
   */
  public static final class CallServiceBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<CallServiceBlockingStub> {
    private CallServiceBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected CallServiceBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new CallServiceBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * The ICE servers for a call, with TURN credentials in the TURN REST
     * scheme (username `&lt;expiry unix time&gt;:&lt;user id&gt;`, password the base64
     * HMAC-SHA1 of the username under a secret shared with the TURN server,
     * as coturn's use-auth-secret checks). Fetch again before `expires`.
     * A backend with no STUN or TURN configured answers an empty list and
     * says why in `unavailable_reason`.
     * </pre>
     */
    public missive.v1.Call.GetCallConfigResponse getCallConfig(missive.v1.Call.GetCallConfigRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetCallConfigMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service CallService.
   * <pre>
   * Configuration of audio and video calls. Call signalling (offers, answers,
   * ICE candidates) stays end-to-end encrypted: clients send it as messages
   * with SendMessageRequest.transient set. The server only says where the
   * STUN and TURN relays are, with credentials for the TURN relays that
   * expire (docs/calls.md).
   * </pre>
   */
  public static final class CallServiceFutureStub
      extends io.grpc.stub.AbstractFutureStub<CallServiceFutureStub> {
    private CallServiceFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected CallServiceFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new CallServiceFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * The ICE servers for a call, with TURN credentials in the TURN REST
     * scheme (username `&lt;expiry unix time&gt;:&lt;user id&gt;`, password the base64
     * HMAC-SHA1 of the username under a secret shared with the TURN server,
     * as coturn's use-auth-secret checks). Fetch again before `expires`.
     * A backend with no STUN or TURN configured answers an empty list and
     * says why in `unavailable_reason`.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<missive.v1.Call.GetCallConfigResponse> getCallConfig(
        missive.v1.Call.GetCallConfigRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetCallConfigMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_GET_CALL_CONFIG = 0;

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
        case METHODID_GET_CALL_CONFIG:
          serviceImpl.getCallConfig((missive.v1.Call.GetCallConfigRequest) request,
              (io.grpc.stub.StreamObserver<missive.v1.Call.GetCallConfigResponse>) responseObserver);
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
          getGetCallConfigMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              missive.v1.Call.GetCallConfigRequest,
              missive.v1.Call.GetCallConfigResponse>(
                service, METHODID_GET_CALL_CONFIG)))
        .build();
  }

  private static volatile io.grpc.ServiceDescriptor serviceDescriptor;

  public static io.grpc.ServiceDescriptor getServiceDescriptor() {
    io.grpc.ServiceDescriptor result = serviceDescriptor;
    if (result == null) {
      synchronized (CallServiceGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .addMethod(getGetCallConfigMethod())
              .build();
        }
      }
    }
    return result;
  }
}
