package missive.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * Prekeys (Proteus / Signal style) and MLS key packages. Key material is
 * opaque to the server. Every call needs an access token.
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class KeyServiceGrpc {

  private KeyServiceGrpc() {}

  public static final java.lang.String SERVICE_NAME = "missive.v1.KeyService";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<missive.v1.Key.UploadPrekeysRequest,
      missive.v1.Key.UploadPrekeysResponse> getUploadPrekeysMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "UploadPrekeys",
      requestType = missive.v1.Key.UploadPrekeysRequest.class,
      responseType = missive.v1.Key.UploadPrekeysResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<missive.v1.Key.UploadPrekeysRequest,
      missive.v1.Key.UploadPrekeysResponse> getUploadPrekeysMethod() {
    io.grpc.MethodDescriptor<missive.v1.Key.UploadPrekeysRequest, missive.v1.Key.UploadPrekeysResponse> getUploadPrekeysMethod;
    if ((getUploadPrekeysMethod = KeyServiceGrpc.getUploadPrekeysMethod) == null) {
      synchronized (KeyServiceGrpc.class) {
        if ((getUploadPrekeysMethod = KeyServiceGrpc.getUploadPrekeysMethod) == null) {
          KeyServiceGrpc.getUploadPrekeysMethod = getUploadPrekeysMethod =
              io.grpc.MethodDescriptor.<missive.v1.Key.UploadPrekeysRequest, missive.v1.Key.UploadPrekeysResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "UploadPrekeys"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.Key.UploadPrekeysRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.Key.UploadPrekeysResponse.getDefaultInstance()))
              .build();
        }
      }
    }
    return getUploadPrekeysMethod;
  }

  private static volatile io.grpc.MethodDescriptor<missive.v1.Key.GetPrekeyCountRequest,
      missive.v1.Key.GetPrekeyCountResponse> getGetPrekeyCountMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetPrekeyCount",
      requestType = missive.v1.Key.GetPrekeyCountRequest.class,
      responseType = missive.v1.Key.GetPrekeyCountResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<missive.v1.Key.GetPrekeyCountRequest,
      missive.v1.Key.GetPrekeyCountResponse> getGetPrekeyCountMethod() {
    io.grpc.MethodDescriptor<missive.v1.Key.GetPrekeyCountRequest, missive.v1.Key.GetPrekeyCountResponse> getGetPrekeyCountMethod;
    if ((getGetPrekeyCountMethod = KeyServiceGrpc.getGetPrekeyCountMethod) == null) {
      synchronized (KeyServiceGrpc.class) {
        if ((getGetPrekeyCountMethod = KeyServiceGrpc.getGetPrekeyCountMethod) == null) {
          KeyServiceGrpc.getGetPrekeyCountMethod = getGetPrekeyCountMethod =
              io.grpc.MethodDescriptor.<missive.v1.Key.GetPrekeyCountRequest, missive.v1.Key.GetPrekeyCountResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetPrekeyCount"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.Key.GetPrekeyCountRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.Key.GetPrekeyCountResponse.getDefaultInstance()))
              .build();
        }
      }
    }
    return getGetPrekeyCountMethod;
  }

  private static volatile io.grpc.MethodDescriptor<missive.v1.Key.ClaimPrekeyBundleRequest,
      missive.v1.Key.ClaimPrekeyBundleResponse> getClaimPrekeyBundleMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ClaimPrekeyBundle",
      requestType = missive.v1.Key.ClaimPrekeyBundleRequest.class,
      responseType = missive.v1.Key.ClaimPrekeyBundleResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<missive.v1.Key.ClaimPrekeyBundleRequest,
      missive.v1.Key.ClaimPrekeyBundleResponse> getClaimPrekeyBundleMethod() {
    io.grpc.MethodDescriptor<missive.v1.Key.ClaimPrekeyBundleRequest, missive.v1.Key.ClaimPrekeyBundleResponse> getClaimPrekeyBundleMethod;
    if ((getClaimPrekeyBundleMethod = KeyServiceGrpc.getClaimPrekeyBundleMethod) == null) {
      synchronized (KeyServiceGrpc.class) {
        if ((getClaimPrekeyBundleMethod = KeyServiceGrpc.getClaimPrekeyBundleMethod) == null) {
          KeyServiceGrpc.getClaimPrekeyBundleMethod = getClaimPrekeyBundleMethod =
              io.grpc.MethodDescriptor.<missive.v1.Key.ClaimPrekeyBundleRequest, missive.v1.Key.ClaimPrekeyBundleResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ClaimPrekeyBundle"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.Key.ClaimPrekeyBundleRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.Key.ClaimPrekeyBundleResponse.getDefaultInstance()))
              .build();
        }
      }
    }
    return getClaimPrekeyBundleMethod;
  }

  private static volatile io.grpc.MethodDescriptor<missive.v1.Key.ClaimPrekeysRequest,
      missive.v1.Key.ClaimPrekeysResponse> getClaimPrekeysMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ClaimPrekeys",
      requestType = missive.v1.Key.ClaimPrekeysRequest.class,
      responseType = missive.v1.Key.ClaimPrekeysResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<missive.v1.Key.ClaimPrekeysRequest,
      missive.v1.Key.ClaimPrekeysResponse> getClaimPrekeysMethod() {
    io.grpc.MethodDescriptor<missive.v1.Key.ClaimPrekeysRequest, missive.v1.Key.ClaimPrekeysResponse> getClaimPrekeysMethod;
    if ((getClaimPrekeysMethod = KeyServiceGrpc.getClaimPrekeysMethod) == null) {
      synchronized (KeyServiceGrpc.class) {
        if ((getClaimPrekeysMethod = KeyServiceGrpc.getClaimPrekeysMethod) == null) {
          KeyServiceGrpc.getClaimPrekeysMethod = getClaimPrekeysMethod =
              io.grpc.MethodDescriptor.<missive.v1.Key.ClaimPrekeysRequest, missive.v1.Key.ClaimPrekeysResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ClaimPrekeys"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.Key.ClaimPrekeysRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.Key.ClaimPrekeysResponse.getDefaultInstance()))
              .build();
        }
      }
    }
    return getClaimPrekeysMethod;
  }

  private static volatile io.grpc.MethodDescriptor<missive.v1.Key.UploadKeyPackagesRequest,
      missive.v1.Key.UploadKeyPackagesResponse> getUploadKeyPackagesMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "UploadKeyPackages",
      requestType = missive.v1.Key.UploadKeyPackagesRequest.class,
      responseType = missive.v1.Key.UploadKeyPackagesResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<missive.v1.Key.UploadKeyPackagesRequest,
      missive.v1.Key.UploadKeyPackagesResponse> getUploadKeyPackagesMethod() {
    io.grpc.MethodDescriptor<missive.v1.Key.UploadKeyPackagesRequest, missive.v1.Key.UploadKeyPackagesResponse> getUploadKeyPackagesMethod;
    if ((getUploadKeyPackagesMethod = KeyServiceGrpc.getUploadKeyPackagesMethod) == null) {
      synchronized (KeyServiceGrpc.class) {
        if ((getUploadKeyPackagesMethod = KeyServiceGrpc.getUploadKeyPackagesMethod) == null) {
          KeyServiceGrpc.getUploadKeyPackagesMethod = getUploadKeyPackagesMethod =
              io.grpc.MethodDescriptor.<missive.v1.Key.UploadKeyPackagesRequest, missive.v1.Key.UploadKeyPackagesResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "UploadKeyPackages"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.Key.UploadKeyPackagesRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.Key.UploadKeyPackagesResponse.getDefaultInstance()))
              .build();
        }
      }
    }
    return getUploadKeyPackagesMethod;
  }

  private static volatile io.grpc.MethodDescriptor<missive.v1.Key.CountKeyPackagesRequest,
      missive.v1.Key.CountKeyPackagesResponse> getCountKeyPackagesMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "CountKeyPackages",
      requestType = missive.v1.Key.CountKeyPackagesRequest.class,
      responseType = missive.v1.Key.CountKeyPackagesResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<missive.v1.Key.CountKeyPackagesRequest,
      missive.v1.Key.CountKeyPackagesResponse> getCountKeyPackagesMethod() {
    io.grpc.MethodDescriptor<missive.v1.Key.CountKeyPackagesRequest, missive.v1.Key.CountKeyPackagesResponse> getCountKeyPackagesMethod;
    if ((getCountKeyPackagesMethod = KeyServiceGrpc.getCountKeyPackagesMethod) == null) {
      synchronized (KeyServiceGrpc.class) {
        if ((getCountKeyPackagesMethod = KeyServiceGrpc.getCountKeyPackagesMethod) == null) {
          KeyServiceGrpc.getCountKeyPackagesMethod = getCountKeyPackagesMethod =
              io.grpc.MethodDescriptor.<missive.v1.Key.CountKeyPackagesRequest, missive.v1.Key.CountKeyPackagesResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "CountKeyPackages"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.Key.CountKeyPackagesRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.Key.CountKeyPackagesResponse.getDefaultInstance()))
              .build();
        }
      }
    }
    return getCountKeyPackagesMethod;
  }

  private static volatile io.grpc.MethodDescriptor<missive.v1.Key.ClaimKeyPackagesRequest,
      missive.v1.Key.ClaimKeyPackagesResponse> getClaimKeyPackagesMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ClaimKeyPackages",
      requestType = missive.v1.Key.ClaimKeyPackagesRequest.class,
      responseType = missive.v1.Key.ClaimKeyPackagesResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<missive.v1.Key.ClaimKeyPackagesRequest,
      missive.v1.Key.ClaimKeyPackagesResponse> getClaimKeyPackagesMethod() {
    io.grpc.MethodDescriptor<missive.v1.Key.ClaimKeyPackagesRequest, missive.v1.Key.ClaimKeyPackagesResponse> getClaimKeyPackagesMethod;
    if ((getClaimKeyPackagesMethod = KeyServiceGrpc.getClaimKeyPackagesMethod) == null) {
      synchronized (KeyServiceGrpc.class) {
        if ((getClaimKeyPackagesMethod = KeyServiceGrpc.getClaimKeyPackagesMethod) == null) {
          KeyServiceGrpc.getClaimKeyPackagesMethod = getClaimKeyPackagesMethod =
              io.grpc.MethodDescriptor.<missive.v1.Key.ClaimKeyPackagesRequest, missive.v1.Key.ClaimKeyPackagesResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ClaimKeyPackages"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.Key.ClaimKeyPackagesRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.Key.ClaimKeyPackagesResponse.getDefaultInstance()))
              .build();
        }
      }
    }
    return getClaimKeyPackagesMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static KeyServiceStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<KeyServiceStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<KeyServiceStub>() {
        @java.lang.Override
        public KeyServiceStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new KeyServiceStub(channel, callOptions);
        }
      };
    return KeyServiceStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static KeyServiceBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<KeyServiceBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<KeyServiceBlockingV2Stub>() {
        @java.lang.Override
        public KeyServiceBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new KeyServiceBlockingV2Stub(channel, callOptions);
        }
      };
    return KeyServiceBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static KeyServiceBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<KeyServiceBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<KeyServiceBlockingStub>() {
        @java.lang.Override
        public KeyServiceBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new KeyServiceBlockingStub(channel, callOptions);
        }
      };
    return KeyServiceBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static KeyServiceFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<KeyServiceFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<KeyServiceFutureStub>() {
        @java.lang.Override
        public KeyServiceFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new KeyServiceFutureStub(channel, callOptions);
        }
      };
    return KeyServiceFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * Prekeys (Proteus / Signal style) and MLS key packages. Key material is
   * opaque to the server. Every call needs an access token.
   * </pre>
   */
  public interface AsyncService {

    /**
     * <pre>
     * Adds or replaces one-time prekeys and, optionally, the last-resort prekey
     * of the calling device.
     * </pre>
     */
    default void uploadPrekeys(missive.v1.Key.UploadPrekeysRequest request,
        io.grpc.stub.StreamObserver<missive.v1.Key.UploadPrekeysResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getUploadPrekeysMethod(), responseObserver);
    }

    /**
     * <pre>
     * One-time prekeys left for the calling device.
     * </pre>
     */
    default void getPrekeyCount(missive.v1.Key.GetPrekeyCountRequest request,
        io.grpc.stub.StreamObserver<missive.v1.Key.GetPrekeyCountResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetPrekeyCountMethod(), responseObserver);
    }

    /**
     * <pre>
     * One prekey for every device of a user. A one-time prekey is handed out at
     * most once; when a device has none left its last-resort prekey is returned
     * (and kept).
     * </pre>
     */
    default void claimPrekeyBundle(missive.v1.Key.ClaimPrekeyBundleRequest request,
        io.grpc.stub.StreamObserver<missive.v1.Key.ClaimPrekeyBundleResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getClaimPrekeyBundleMethod(), responseObserver);
    }

    /**
     * <pre>
     * One prekey for each listed device of each listed user (at most 500 devices).
     * </pre>
     */
    default void claimPrekeys(missive.v1.Key.ClaimPrekeysRequest request,
        io.grpc.stub.StreamObserver<missive.v1.Key.ClaimPrekeysResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getClaimPrekeysMethod(), responseObserver);
    }

    /**
     */
    default void uploadKeyPackages(missive.v1.Key.UploadKeyPackagesRequest request,
        io.grpc.stub.StreamObserver<missive.v1.Key.UploadKeyPackagesResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getUploadKeyPackagesMethod(), responseObserver);
    }

    /**
     */
    default void countKeyPackages(missive.v1.Key.CountKeyPackagesRequest request,
        io.grpc.stub.StreamObserver<missive.v1.Key.CountKeyPackagesResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getCountKeyPackagesMethod(), responseObserver);
    }

    /**
     * <pre>
     * One key package for every device of a user but the caller's own device;
     * each key package is handed out once. There is no last resort.
     * </pre>
     */
    default void claimKeyPackages(missive.v1.Key.ClaimKeyPackagesRequest request,
        io.grpc.stub.StreamObserver<missive.v1.Key.ClaimKeyPackagesResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getClaimKeyPackagesMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service KeyService.
   * <pre>
   * Prekeys (Proteus / Signal style) and MLS key packages. Key material is
   * opaque to the server. Every call needs an access token.
   * </pre>
   */
  public static abstract class KeyServiceImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return KeyServiceGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service KeyService.
   * <pre>
   * Prekeys (Proteus / Signal style) and MLS key packages. Key material is
   * opaque to the server. Every call needs an access token.
   * </pre>
   */
  public static final class KeyServiceStub
      extends io.grpc.stub.AbstractAsyncStub<KeyServiceStub> {
    private KeyServiceStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected KeyServiceStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new KeyServiceStub(channel, callOptions);
    }

    /**
     * <pre>
     * Adds or replaces one-time prekeys and, optionally, the last-resort prekey
     * of the calling device.
     * </pre>
     */
    public void uploadPrekeys(missive.v1.Key.UploadPrekeysRequest request,
        io.grpc.stub.StreamObserver<missive.v1.Key.UploadPrekeysResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getUploadPrekeysMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * One-time prekeys left for the calling device.
     * </pre>
     */
    public void getPrekeyCount(missive.v1.Key.GetPrekeyCountRequest request,
        io.grpc.stub.StreamObserver<missive.v1.Key.GetPrekeyCountResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetPrekeyCountMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * One prekey for every device of a user. A one-time prekey is handed out at
     * most once; when a device has none left its last-resort prekey is returned
     * (and kept).
     * </pre>
     */
    public void claimPrekeyBundle(missive.v1.Key.ClaimPrekeyBundleRequest request,
        io.grpc.stub.StreamObserver<missive.v1.Key.ClaimPrekeyBundleResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getClaimPrekeyBundleMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * One prekey for each listed device of each listed user (at most 500 devices).
     * </pre>
     */
    public void claimPrekeys(missive.v1.Key.ClaimPrekeysRequest request,
        io.grpc.stub.StreamObserver<missive.v1.Key.ClaimPrekeysResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getClaimPrekeysMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     */
    public void uploadKeyPackages(missive.v1.Key.UploadKeyPackagesRequest request,
        io.grpc.stub.StreamObserver<missive.v1.Key.UploadKeyPackagesResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getUploadKeyPackagesMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     */
    public void countKeyPackages(missive.v1.Key.CountKeyPackagesRequest request,
        io.grpc.stub.StreamObserver<missive.v1.Key.CountKeyPackagesResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getCountKeyPackagesMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * One key package for every device of a user but the caller's own device;
     * each key package is handed out once. There is no last resort.
     * </pre>
     */
    public void claimKeyPackages(missive.v1.Key.ClaimKeyPackagesRequest request,
        io.grpc.stub.StreamObserver<missive.v1.Key.ClaimKeyPackagesResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getClaimKeyPackagesMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service KeyService.
   * <pre>
   * Prekeys (Proteus / Signal style) and MLS key packages. Key material is
   * opaque to the server. Every call needs an access token.
   * </pre>
   */
  public static final class KeyServiceBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<KeyServiceBlockingV2Stub> {
    private KeyServiceBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected KeyServiceBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new KeyServiceBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * Adds or replaces one-time prekeys and, optionally, the last-resort prekey
     * of the calling device.
     * </pre>
     */
    public missive.v1.Key.UploadPrekeysResponse uploadPrekeys(missive.v1.Key.UploadPrekeysRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getUploadPrekeysMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * One-time prekeys left for the calling device.
     * </pre>
     */
    public missive.v1.Key.GetPrekeyCountResponse getPrekeyCount(missive.v1.Key.GetPrekeyCountRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetPrekeyCountMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * One prekey for every device of a user. A one-time prekey is handed out at
     * most once; when a device has none left its last-resort prekey is returned
     * (and kept).
     * </pre>
     */
    public missive.v1.Key.ClaimPrekeyBundleResponse claimPrekeyBundle(missive.v1.Key.ClaimPrekeyBundleRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getClaimPrekeyBundleMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * One prekey for each listed device of each listed user (at most 500 devices).
     * </pre>
     */
    public missive.v1.Key.ClaimPrekeysResponse claimPrekeys(missive.v1.Key.ClaimPrekeysRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getClaimPrekeysMethod(), getCallOptions(), request);
    }

    /**
     */
    public missive.v1.Key.UploadKeyPackagesResponse uploadKeyPackages(missive.v1.Key.UploadKeyPackagesRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getUploadKeyPackagesMethod(), getCallOptions(), request);
    }

    /**
     */
    public missive.v1.Key.CountKeyPackagesResponse countKeyPackages(missive.v1.Key.CountKeyPackagesRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getCountKeyPackagesMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * One key package for every device of a user but the caller's own device;
     * each key package is handed out once. There is no last resort.
     * </pre>
     */
    public missive.v1.Key.ClaimKeyPackagesResponse claimKeyPackages(missive.v1.Key.ClaimKeyPackagesRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getClaimKeyPackagesMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service KeyService.
   * <pre>
   * Prekeys (Proteus / Signal style) and MLS key packages. Key material is
   * opaque to the server. Every call needs an access token.
   * </pre>
   */
  public static final class KeyServiceBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<KeyServiceBlockingStub> {
    private KeyServiceBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected KeyServiceBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new KeyServiceBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * Adds or replaces one-time prekeys and, optionally, the last-resort prekey
     * of the calling device.
     * </pre>
     */
    public missive.v1.Key.UploadPrekeysResponse uploadPrekeys(missive.v1.Key.UploadPrekeysRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getUploadPrekeysMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * One-time prekeys left for the calling device.
     * </pre>
     */
    public missive.v1.Key.GetPrekeyCountResponse getPrekeyCount(missive.v1.Key.GetPrekeyCountRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetPrekeyCountMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * One prekey for every device of a user. A one-time prekey is handed out at
     * most once; when a device has none left its last-resort prekey is returned
     * (and kept).
     * </pre>
     */
    public missive.v1.Key.ClaimPrekeyBundleResponse claimPrekeyBundle(missive.v1.Key.ClaimPrekeyBundleRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getClaimPrekeyBundleMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * One prekey for each listed device of each listed user (at most 500 devices).
     * </pre>
     */
    public missive.v1.Key.ClaimPrekeysResponse claimPrekeys(missive.v1.Key.ClaimPrekeysRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getClaimPrekeysMethod(), getCallOptions(), request);
    }

    /**
     */
    public missive.v1.Key.UploadKeyPackagesResponse uploadKeyPackages(missive.v1.Key.UploadKeyPackagesRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getUploadKeyPackagesMethod(), getCallOptions(), request);
    }

    /**
     */
    public missive.v1.Key.CountKeyPackagesResponse countKeyPackages(missive.v1.Key.CountKeyPackagesRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getCountKeyPackagesMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * One key package for every device of a user but the caller's own device;
     * each key package is handed out once. There is no last resort.
     * </pre>
     */
    public missive.v1.Key.ClaimKeyPackagesResponse claimKeyPackages(missive.v1.Key.ClaimKeyPackagesRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getClaimKeyPackagesMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service KeyService.
   * <pre>
   * Prekeys (Proteus / Signal style) and MLS key packages. Key material is
   * opaque to the server. Every call needs an access token.
   * </pre>
   */
  public static final class KeyServiceFutureStub
      extends io.grpc.stub.AbstractFutureStub<KeyServiceFutureStub> {
    private KeyServiceFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected KeyServiceFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new KeyServiceFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * Adds or replaces one-time prekeys and, optionally, the last-resort prekey
     * of the calling device.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<missive.v1.Key.UploadPrekeysResponse> uploadPrekeys(
        missive.v1.Key.UploadPrekeysRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getUploadPrekeysMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * One-time prekeys left for the calling device.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<missive.v1.Key.GetPrekeyCountResponse> getPrekeyCount(
        missive.v1.Key.GetPrekeyCountRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetPrekeyCountMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * One prekey for every device of a user. A one-time prekey is handed out at
     * most once; when a device has none left its last-resort prekey is returned
     * (and kept).
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<missive.v1.Key.ClaimPrekeyBundleResponse> claimPrekeyBundle(
        missive.v1.Key.ClaimPrekeyBundleRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getClaimPrekeyBundleMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * One prekey for each listed device of each listed user (at most 500 devices).
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<missive.v1.Key.ClaimPrekeysResponse> claimPrekeys(
        missive.v1.Key.ClaimPrekeysRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getClaimPrekeysMethod(), getCallOptions()), request);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<missive.v1.Key.UploadKeyPackagesResponse> uploadKeyPackages(
        missive.v1.Key.UploadKeyPackagesRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getUploadKeyPackagesMethod(), getCallOptions()), request);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<missive.v1.Key.CountKeyPackagesResponse> countKeyPackages(
        missive.v1.Key.CountKeyPackagesRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getCountKeyPackagesMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * One key package for every device of a user but the caller's own device;
     * each key package is handed out once. There is no last resort.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<missive.v1.Key.ClaimKeyPackagesResponse> claimKeyPackages(
        missive.v1.Key.ClaimKeyPackagesRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getClaimKeyPackagesMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_UPLOAD_PREKEYS = 0;
  private static final int METHODID_GET_PREKEY_COUNT = 1;
  private static final int METHODID_CLAIM_PREKEY_BUNDLE = 2;
  private static final int METHODID_CLAIM_PREKEYS = 3;
  private static final int METHODID_UPLOAD_KEY_PACKAGES = 4;
  private static final int METHODID_COUNT_KEY_PACKAGES = 5;
  private static final int METHODID_CLAIM_KEY_PACKAGES = 6;

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
        case METHODID_UPLOAD_PREKEYS:
          serviceImpl.uploadPrekeys((missive.v1.Key.UploadPrekeysRequest) request,
              (io.grpc.stub.StreamObserver<missive.v1.Key.UploadPrekeysResponse>) responseObserver);
          break;
        case METHODID_GET_PREKEY_COUNT:
          serviceImpl.getPrekeyCount((missive.v1.Key.GetPrekeyCountRequest) request,
              (io.grpc.stub.StreamObserver<missive.v1.Key.GetPrekeyCountResponse>) responseObserver);
          break;
        case METHODID_CLAIM_PREKEY_BUNDLE:
          serviceImpl.claimPrekeyBundle((missive.v1.Key.ClaimPrekeyBundleRequest) request,
              (io.grpc.stub.StreamObserver<missive.v1.Key.ClaimPrekeyBundleResponse>) responseObserver);
          break;
        case METHODID_CLAIM_PREKEYS:
          serviceImpl.claimPrekeys((missive.v1.Key.ClaimPrekeysRequest) request,
              (io.grpc.stub.StreamObserver<missive.v1.Key.ClaimPrekeysResponse>) responseObserver);
          break;
        case METHODID_UPLOAD_KEY_PACKAGES:
          serviceImpl.uploadKeyPackages((missive.v1.Key.UploadKeyPackagesRequest) request,
              (io.grpc.stub.StreamObserver<missive.v1.Key.UploadKeyPackagesResponse>) responseObserver);
          break;
        case METHODID_COUNT_KEY_PACKAGES:
          serviceImpl.countKeyPackages((missive.v1.Key.CountKeyPackagesRequest) request,
              (io.grpc.stub.StreamObserver<missive.v1.Key.CountKeyPackagesResponse>) responseObserver);
          break;
        case METHODID_CLAIM_KEY_PACKAGES:
          serviceImpl.claimKeyPackages((missive.v1.Key.ClaimKeyPackagesRequest) request,
              (io.grpc.stub.StreamObserver<missive.v1.Key.ClaimKeyPackagesResponse>) responseObserver);
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
          getUploadPrekeysMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              missive.v1.Key.UploadPrekeysRequest,
              missive.v1.Key.UploadPrekeysResponse>(
                service, METHODID_UPLOAD_PREKEYS)))
        .addMethod(
          getGetPrekeyCountMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              missive.v1.Key.GetPrekeyCountRequest,
              missive.v1.Key.GetPrekeyCountResponse>(
                service, METHODID_GET_PREKEY_COUNT)))
        .addMethod(
          getClaimPrekeyBundleMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              missive.v1.Key.ClaimPrekeyBundleRequest,
              missive.v1.Key.ClaimPrekeyBundleResponse>(
                service, METHODID_CLAIM_PREKEY_BUNDLE)))
        .addMethod(
          getClaimPrekeysMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              missive.v1.Key.ClaimPrekeysRequest,
              missive.v1.Key.ClaimPrekeysResponse>(
                service, METHODID_CLAIM_PREKEYS)))
        .addMethod(
          getUploadKeyPackagesMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              missive.v1.Key.UploadKeyPackagesRequest,
              missive.v1.Key.UploadKeyPackagesResponse>(
                service, METHODID_UPLOAD_KEY_PACKAGES)))
        .addMethod(
          getCountKeyPackagesMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              missive.v1.Key.CountKeyPackagesRequest,
              missive.v1.Key.CountKeyPackagesResponse>(
                service, METHODID_COUNT_KEY_PACKAGES)))
        .addMethod(
          getClaimKeyPackagesMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              missive.v1.Key.ClaimKeyPackagesRequest,
              missive.v1.Key.ClaimKeyPackagesResponse>(
                service, METHODID_CLAIM_KEY_PACKAGES)))
        .build();
  }

  private static volatile io.grpc.ServiceDescriptor serviceDescriptor;

  public static io.grpc.ServiceDescriptor getServiceDescriptor() {
    io.grpc.ServiceDescriptor result = serviceDescriptor;
    if (result == null) {
      synchronized (KeyServiceGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .addMethod(getUploadPrekeysMethod())
              .addMethod(getGetPrekeyCountMethod())
              .addMethod(getClaimPrekeyBundleMethod())
              .addMethod(getClaimPrekeysMethod())
              .addMethod(getUploadKeyPackagesMethod())
              .addMethod(getCountKeyPackagesMethod())
              .addMethod(getClaimKeyPackagesMethod())
              .build();
        }
      }
    }
    return result;
  }
}
