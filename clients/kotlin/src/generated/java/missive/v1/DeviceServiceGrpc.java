package missive.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * Devices of an account. Every call needs an access token.
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class DeviceServiceGrpc {

  private DeviceServiceGrpc() {}

  public static final java.lang.String SERVICE_NAME = "missive.v1.DeviceService";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<missive.v1.Device.ListDevicesRequest,
      missive.v1.Device.ListDevicesResponse> getListDevicesMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ListDevices",
      requestType = missive.v1.Device.ListDevicesRequest.class,
      responseType = missive.v1.Device.ListDevicesResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<missive.v1.Device.ListDevicesRequest,
      missive.v1.Device.ListDevicesResponse> getListDevicesMethod() {
    io.grpc.MethodDescriptor<missive.v1.Device.ListDevicesRequest, missive.v1.Device.ListDevicesResponse> getListDevicesMethod;
    if ((getListDevicesMethod = DeviceServiceGrpc.getListDevicesMethod) == null) {
      synchronized (DeviceServiceGrpc.class) {
        if ((getListDevicesMethod = DeviceServiceGrpc.getListDevicesMethod) == null) {
          DeviceServiceGrpc.getListDevicesMethod = getListDevicesMethod =
              io.grpc.MethodDescriptor.<missive.v1.Device.ListDevicesRequest, missive.v1.Device.ListDevicesResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListDevices"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.Device.ListDevicesRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.Device.ListDevicesResponse.getDefaultInstance()))
              .build();
        }
      }
    }
    return getListDevicesMethod;
  }

  private static volatile io.grpc.MethodDescriptor<missive.v1.Device.GetDeviceRequest,
      missive.v1.Device.GetDeviceResponse> getGetDeviceMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetDevice",
      requestType = missive.v1.Device.GetDeviceRequest.class,
      responseType = missive.v1.Device.GetDeviceResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<missive.v1.Device.GetDeviceRequest,
      missive.v1.Device.GetDeviceResponse> getGetDeviceMethod() {
    io.grpc.MethodDescriptor<missive.v1.Device.GetDeviceRequest, missive.v1.Device.GetDeviceResponse> getGetDeviceMethod;
    if ((getGetDeviceMethod = DeviceServiceGrpc.getGetDeviceMethod) == null) {
      synchronized (DeviceServiceGrpc.class) {
        if ((getGetDeviceMethod = DeviceServiceGrpc.getGetDeviceMethod) == null) {
          DeviceServiceGrpc.getGetDeviceMethod = getGetDeviceMethod =
              io.grpc.MethodDescriptor.<missive.v1.Device.GetDeviceRequest, missive.v1.Device.GetDeviceResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetDevice"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.Device.GetDeviceRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.Device.GetDeviceResponse.getDefaultInstance()))
              .build();
        }
      }
    }
    return getGetDeviceMethod;
  }

  private static volatile io.grpc.MethodDescriptor<missive.v1.Device.RemoveDeviceRequest,
      missive.v1.Device.RemoveDeviceResponse> getRemoveDeviceMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "RemoveDevice",
      requestType = missive.v1.Device.RemoveDeviceRequest.class,
      responseType = missive.v1.Device.RemoveDeviceResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<missive.v1.Device.RemoveDeviceRequest,
      missive.v1.Device.RemoveDeviceResponse> getRemoveDeviceMethod() {
    io.grpc.MethodDescriptor<missive.v1.Device.RemoveDeviceRequest, missive.v1.Device.RemoveDeviceResponse> getRemoveDeviceMethod;
    if ((getRemoveDeviceMethod = DeviceServiceGrpc.getRemoveDeviceMethod) == null) {
      synchronized (DeviceServiceGrpc.class) {
        if ((getRemoveDeviceMethod = DeviceServiceGrpc.getRemoveDeviceMethod) == null) {
          DeviceServiceGrpc.getRemoveDeviceMethod = getRemoveDeviceMethod =
              io.grpc.MethodDescriptor.<missive.v1.Device.RemoveDeviceRequest, missive.v1.Device.RemoveDeviceResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "RemoveDevice"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.Device.RemoveDeviceRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.Device.RemoveDeviceResponse.getDefaultInstance()))
              .build();
        }
      }
    }
    return getRemoveDeviceMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static DeviceServiceStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<DeviceServiceStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<DeviceServiceStub>() {
        @java.lang.Override
        public DeviceServiceStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new DeviceServiceStub(channel, callOptions);
        }
      };
    return DeviceServiceStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static DeviceServiceBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<DeviceServiceBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<DeviceServiceBlockingV2Stub>() {
        @java.lang.Override
        public DeviceServiceBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new DeviceServiceBlockingV2Stub(channel, callOptions);
        }
      };
    return DeviceServiceBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static DeviceServiceBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<DeviceServiceBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<DeviceServiceBlockingStub>() {
        @java.lang.Override
        public DeviceServiceBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new DeviceServiceBlockingStub(channel, callOptions);
        }
      };
    return DeviceServiceBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static DeviceServiceFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<DeviceServiceFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<DeviceServiceFutureStub>() {
        @java.lang.Override
        public DeviceServiceFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new DeviceServiceFutureStub(channel, callOptions);
        }
      };
    return DeviceServiceFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * Devices of an account. Every call needs an access token.
   * </pre>
   */
  public interface AsyncService {

    /**
     * <pre>
     * Lists the devices of a user (the caller when `user` is absent). Labels are
     * only returned for the caller's own devices.
     * </pre>
     */
    default void listDevices(missive.v1.Device.ListDevicesRequest request,
        io.grpc.stub.StreamObserver<missive.v1.Device.ListDevicesResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListDevicesMethod(), responseObserver);
    }

    /**
     */
    default void getDevice(missive.v1.Device.GetDeviceRequest request,
        io.grpc.stub.StreamObserver<missive.v1.Device.GetDeviceResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetDeviceMethod(), responseObserver);
    }

    /**
     * <pre>
     * Removes one of the caller's devices and revokes its sessions. Needs the
     * account password.
     * </pre>
     */
    default void removeDevice(missive.v1.Device.RemoveDeviceRequest request,
        io.grpc.stub.StreamObserver<missive.v1.Device.RemoveDeviceResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getRemoveDeviceMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service DeviceService.
   * <pre>
   * Devices of an account. Every call needs an access token.
   * </pre>
   */
  public static abstract class DeviceServiceImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return DeviceServiceGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service DeviceService.
   * <pre>
   * Devices of an account. Every call needs an access token.
   * </pre>
   */
  public static final class DeviceServiceStub
      extends io.grpc.stub.AbstractAsyncStub<DeviceServiceStub> {
    private DeviceServiceStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected DeviceServiceStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new DeviceServiceStub(channel, callOptions);
    }

    /**
     * <pre>
     * Lists the devices of a user (the caller when `user` is absent). Labels are
     * only returned for the caller's own devices.
     * </pre>
     */
    public void listDevices(missive.v1.Device.ListDevicesRequest request,
        io.grpc.stub.StreamObserver<missive.v1.Device.ListDevicesResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListDevicesMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     */
    public void getDevice(missive.v1.Device.GetDeviceRequest request,
        io.grpc.stub.StreamObserver<missive.v1.Device.GetDeviceResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetDeviceMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Removes one of the caller's devices and revokes its sessions. Needs the
     * account password.
     * </pre>
     */
    public void removeDevice(missive.v1.Device.RemoveDeviceRequest request,
        io.grpc.stub.StreamObserver<missive.v1.Device.RemoveDeviceResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getRemoveDeviceMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service DeviceService.
   * <pre>
   * Devices of an account. Every call needs an access token.
   * </pre>
   */
  public static final class DeviceServiceBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<DeviceServiceBlockingV2Stub> {
    private DeviceServiceBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected DeviceServiceBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new DeviceServiceBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * Lists the devices of a user (the caller when `user` is absent). Labels are
     * only returned for the caller's own devices.
     * </pre>
     */
    public missive.v1.Device.ListDevicesResponse listDevices(missive.v1.Device.ListDevicesRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getListDevicesMethod(), getCallOptions(), request);
    }

    /**
     */
    public missive.v1.Device.GetDeviceResponse getDevice(missive.v1.Device.GetDeviceRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetDeviceMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Removes one of the caller's devices and revokes its sessions. Needs the
     * account password.
     * </pre>
     */
    public missive.v1.Device.RemoveDeviceResponse removeDevice(missive.v1.Device.RemoveDeviceRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getRemoveDeviceMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service DeviceService.
   * <pre>
   * Devices of an account. Every call needs an access token.
   * </pre>
   */
  public static final class DeviceServiceBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<DeviceServiceBlockingStub> {
    private DeviceServiceBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected DeviceServiceBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new DeviceServiceBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * Lists the devices of a user (the caller when `user` is absent). Labels are
     * only returned for the caller's own devices.
     * </pre>
     */
    public missive.v1.Device.ListDevicesResponse listDevices(missive.v1.Device.ListDevicesRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListDevicesMethod(), getCallOptions(), request);
    }

    /**
     */
    public missive.v1.Device.GetDeviceResponse getDevice(missive.v1.Device.GetDeviceRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetDeviceMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Removes one of the caller's devices and revokes its sessions. Needs the
     * account password.
     * </pre>
     */
    public missive.v1.Device.RemoveDeviceResponse removeDevice(missive.v1.Device.RemoveDeviceRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getRemoveDeviceMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service DeviceService.
   * <pre>
   * Devices of an account. Every call needs an access token.
   * </pre>
   */
  public static final class DeviceServiceFutureStub
      extends io.grpc.stub.AbstractFutureStub<DeviceServiceFutureStub> {
    private DeviceServiceFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected DeviceServiceFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new DeviceServiceFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * Lists the devices of a user (the caller when `user` is absent). Labels are
     * only returned for the caller's own devices.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<missive.v1.Device.ListDevicesResponse> listDevices(
        missive.v1.Device.ListDevicesRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListDevicesMethod(), getCallOptions()), request);
    }

    /**
     */
    public com.google.common.util.concurrent.ListenableFuture<missive.v1.Device.GetDeviceResponse> getDevice(
        missive.v1.Device.GetDeviceRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetDeviceMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Removes one of the caller's devices and revokes its sessions. Needs the
     * account password.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<missive.v1.Device.RemoveDeviceResponse> removeDevice(
        missive.v1.Device.RemoveDeviceRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getRemoveDeviceMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_LIST_DEVICES = 0;
  private static final int METHODID_GET_DEVICE = 1;
  private static final int METHODID_REMOVE_DEVICE = 2;

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
        case METHODID_LIST_DEVICES:
          serviceImpl.listDevices((missive.v1.Device.ListDevicesRequest) request,
              (io.grpc.stub.StreamObserver<missive.v1.Device.ListDevicesResponse>) responseObserver);
          break;
        case METHODID_GET_DEVICE:
          serviceImpl.getDevice((missive.v1.Device.GetDeviceRequest) request,
              (io.grpc.stub.StreamObserver<missive.v1.Device.GetDeviceResponse>) responseObserver);
          break;
        case METHODID_REMOVE_DEVICE:
          serviceImpl.removeDevice((missive.v1.Device.RemoveDeviceRequest) request,
              (io.grpc.stub.StreamObserver<missive.v1.Device.RemoveDeviceResponse>) responseObserver);
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
          getListDevicesMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              missive.v1.Device.ListDevicesRequest,
              missive.v1.Device.ListDevicesResponse>(
                service, METHODID_LIST_DEVICES)))
        .addMethod(
          getGetDeviceMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              missive.v1.Device.GetDeviceRequest,
              missive.v1.Device.GetDeviceResponse>(
                service, METHODID_GET_DEVICE)))
        .addMethod(
          getRemoveDeviceMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              missive.v1.Device.RemoveDeviceRequest,
              missive.v1.Device.RemoveDeviceResponse>(
                service, METHODID_REMOVE_DEVICE)))
        .build();
  }

  private static volatile io.grpc.ServiceDescriptor serviceDescriptor;

  public static io.grpc.ServiceDescriptor getServiceDescriptor() {
    io.grpc.ServiceDescriptor result = serviceDescriptor;
    if (result == null) {
      synchronized (DeviceServiceGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .addMethod(getListDevicesMethod())
              .addMethod(getGetDeviceMethod())
              .addMethod(getRemoveDeviceMethod())
              .build();
        }
      }
    }
    return result;
  }
}
