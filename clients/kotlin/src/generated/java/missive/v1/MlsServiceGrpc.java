package missive.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * The delivery service of MLS conversations (RFC 9420; docs/e2ee.md). The
 * server never decrypts: it checks each message's group and epoch, verifies
 * commits against the group's public state (commits and proposals are sent
 * as PublicMessage, application messages as PrivateMessage), orders commits
 * so that exactly one wins each epoch, makes the membership change a commit
 * carries, routes Welcomes to the devices added, and keeps the latest
 * GroupInfo. Every call needs an access token and membership.
 * A message or commit for another epoch than the group's current one answers
 * FAILED_PRECONDITION "mls-stale-message" with the current epoch in an
 * ErrorInfo detail (reason "mls-stale-message", metadata "epoch"): fetch
 * and process the events that moved it, then try again.
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class MlsServiceGrpc {

  private MlsServiceGrpc() {}

  public static final java.lang.String SERVICE_NAME = "missive.v1.MlsService";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<missive.v1.Mls.SendCommitBundleRequest,
      missive.v1.Mls.SendCommitBundleResponse> getSendCommitBundleMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "SendCommitBundle",
      requestType = missive.v1.Mls.SendCommitBundleRequest.class,
      responseType = missive.v1.Mls.SendCommitBundleResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<missive.v1.Mls.SendCommitBundleRequest,
      missive.v1.Mls.SendCommitBundleResponse> getSendCommitBundleMethod() {
    io.grpc.MethodDescriptor<missive.v1.Mls.SendCommitBundleRequest, missive.v1.Mls.SendCommitBundleResponse> getSendCommitBundleMethod;
    if ((getSendCommitBundleMethod = MlsServiceGrpc.getSendCommitBundleMethod) == null) {
      synchronized (MlsServiceGrpc.class) {
        if ((getSendCommitBundleMethod = MlsServiceGrpc.getSendCommitBundleMethod) == null) {
          MlsServiceGrpc.getSendCommitBundleMethod = getSendCommitBundleMethod =
              io.grpc.MethodDescriptor.<missive.v1.Mls.SendCommitBundleRequest, missive.v1.Mls.SendCommitBundleResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "SendCommitBundle"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.Mls.SendCommitBundleRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.Mls.SendCommitBundleResponse.getDefaultInstance()))
              .build();
        }
      }
    }
    return getSendCommitBundleMethod;
  }

  private static volatile io.grpc.MethodDescriptor<missive.v1.Mls.SendMlsMessageRequest,
      missive.v1.Mls.SendMlsMessageResponse> getSendMlsMessageMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "SendMlsMessage",
      requestType = missive.v1.Mls.SendMlsMessageRequest.class,
      responseType = missive.v1.Mls.SendMlsMessageResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<missive.v1.Mls.SendMlsMessageRequest,
      missive.v1.Mls.SendMlsMessageResponse> getSendMlsMessageMethod() {
    io.grpc.MethodDescriptor<missive.v1.Mls.SendMlsMessageRequest, missive.v1.Mls.SendMlsMessageResponse> getSendMlsMessageMethod;
    if ((getSendMlsMessageMethod = MlsServiceGrpc.getSendMlsMessageMethod) == null) {
      synchronized (MlsServiceGrpc.class) {
        if ((getSendMlsMessageMethod = MlsServiceGrpc.getSendMlsMessageMethod) == null) {
          MlsServiceGrpc.getSendMlsMessageMethod = getSendMlsMessageMethod =
              io.grpc.MethodDescriptor.<missive.v1.Mls.SendMlsMessageRequest, missive.v1.Mls.SendMlsMessageResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "SendMlsMessage"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.Mls.SendMlsMessageRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.Mls.SendMlsMessageResponse.getDefaultInstance()))
              .build();
        }
      }
    }
    return getSendMlsMessageMethod;
  }

  private static volatile io.grpc.MethodDescriptor<missive.v1.Mls.GetGroupInfoRequest,
      missive.v1.Mls.GetGroupInfoResponse> getGetGroupInfoMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetGroupInfo",
      requestType = missive.v1.Mls.GetGroupInfoRequest.class,
      responseType = missive.v1.Mls.GetGroupInfoResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<missive.v1.Mls.GetGroupInfoRequest,
      missive.v1.Mls.GetGroupInfoResponse> getGetGroupInfoMethod() {
    io.grpc.MethodDescriptor<missive.v1.Mls.GetGroupInfoRequest, missive.v1.Mls.GetGroupInfoResponse> getGetGroupInfoMethod;
    if ((getGetGroupInfoMethod = MlsServiceGrpc.getGetGroupInfoMethod) == null) {
      synchronized (MlsServiceGrpc.class) {
        if ((getGetGroupInfoMethod = MlsServiceGrpc.getGetGroupInfoMethod) == null) {
          MlsServiceGrpc.getGetGroupInfoMethod = getGetGroupInfoMethod =
              io.grpc.MethodDescriptor.<missive.v1.Mls.GetGroupInfoRequest, missive.v1.Mls.GetGroupInfoResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetGroupInfo"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.Mls.GetGroupInfoRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.Mls.GetGroupInfoResponse.getDefaultInstance()))
              .build();
        }
      }
    }
    return getGetGroupInfoMethod;
  }

  private static volatile io.grpc.MethodDescriptor<missive.v1.Mls.GetOneToOneRequest,
      missive.v1.Mls.GetOneToOneResponse> getGetOneToOneMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetOneToOne",
      requestType = missive.v1.Mls.GetOneToOneRequest.class,
      responseType = missive.v1.Mls.GetOneToOneResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<missive.v1.Mls.GetOneToOneRequest,
      missive.v1.Mls.GetOneToOneResponse> getGetOneToOneMethod() {
    io.grpc.MethodDescriptor<missive.v1.Mls.GetOneToOneRequest, missive.v1.Mls.GetOneToOneResponse> getGetOneToOneMethod;
    if ((getGetOneToOneMethod = MlsServiceGrpc.getGetOneToOneMethod) == null) {
      synchronized (MlsServiceGrpc.class) {
        if ((getGetOneToOneMethod = MlsServiceGrpc.getGetOneToOneMethod) == null) {
          MlsServiceGrpc.getGetOneToOneMethod = getGetOneToOneMethod =
              io.grpc.MethodDescriptor.<missive.v1.Mls.GetOneToOneRequest, missive.v1.Mls.GetOneToOneResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetOneToOne"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.Mls.GetOneToOneRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.Mls.GetOneToOneResponse.getDefaultInstance()))
              .build();
        }
      }
    }
    return getGetOneToOneMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static MlsServiceStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<MlsServiceStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<MlsServiceStub>() {
        @java.lang.Override
        public MlsServiceStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new MlsServiceStub(channel, callOptions);
        }
      };
    return MlsServiceStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static MlsServiceBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<MlsServiceBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<MlsServiceBlockingV2Stub>() {
        @java.lang.Override
        public MlsServiceBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new MlsServiceBlockingV2Stub(channel, callOptions);
        }
      };
    return MlsServiceBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static MlsServiceBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<MlsServiceBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<MlsServiceBlockingStub>() {
        @java.lang.Override
        public MlsServiceBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new MlsServiceBlockingStub(channel, callOptions);
        }
      };
    return MlsServiceBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static MlsServiceFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<MlsServiceFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<MlsServiceFutureStub>() {
        @java.lang.Override
        public MlsServiceFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new MlsServiceFutureStub(channel, callOptions);
        }
      };
    return MlsServiceFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * The delivery service of MLS conversations (RFC 9420; docs/e2ee.md). The
   * server never decrypts: it checks each message's group and epoch, verifies
   * commits against the group's public state (commits and proposals are sent
   * as PublicMessage, application messages as PrivateMessage), orders commits
   * so that exactly one wins each epoch, makes the membership change a commit
   * carries, routes Welcomes to the devices added, and keeps the latest
   * GroupInfo. Every call needs an access token and membership.
   * A message or commit for another epoch than the group's current one answers
   * FAILED_PRECONDITION "mls-stale-message" with the current epoch in an
   * ErrorInfo detail (reason "mls-stale-message", metadata "epoch"): fetch
   * and process the events that moved it, then try again.
   * </pre>
   */
  public interface AsyncService {

    /**
     * <pre>
     * A commit, the Welcome for the devices it adds, and the GroupInfo (with
     * the ratchet_tree extension) of the epoch it starts. Devices of users who
     * are not members join the conversation (the caller must be an admin and
     * connected to them); a user whose last device in the group it removes
     * leaves the conversation (an admin may remove others; anyone their own
     * devices). Committed in one transaction with the epoch's advance.
     * </pre>
     */
    default void sendCommitBundle(missive.v1.Mls.SendCommitBundleRequest request,
        io.grpc.stub.StreamObserver<missive.v1.Mls.SendCommitBundleResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getSendCommitBundleMethod(), responseObserver);
    }

    /**
     * <pre>
     * An application message (PrivateMessage) or a proposal (PublicMessage:
     * add, remove or update, verified against the group's state and made by
     * the caller's device) for the group's current epoch, to every other
     * device of the members. Proposals are kept until the epoch ends, so that
     * a commit may include them by reference; at most 100 per epoch
     * (RESOURCE_EXHAUSTED past it).
     * </pre>
     */
    default void sendMlsMessage(missive.v1.Mls.SendMlsMessageRequest request,
        io.grpc.stub.StreamObserver<missive.v1.Mls.SendMlsMessageResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getSendMlsMessageMethod(), responseObserver);
    }

    /**
     * <pre>
     * The group's current epoch and latest GroupInfo (empty before the first
     * commit).
     * </pre>
     */
    default void getGroupInfo(missive.v1.Mls.GetGroupInfoRequest request,
        io.grpc.stub.StreamObserver<missive.v1.Mls.GetGroupInfoResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetGroupInfoMethod(), responseObserver);
    }

    /**
     * <pre>
     * The MLS 1:1 conversation of the caller and a user they are connected
     * to, on this backend or another: created on the first ask by either,
     * the same for both (its id is derived from the two users). Its group
     * starts at epoch 0 with both users as members; either device makes the
     * first commit, adding the other's devices (exactly one such commit wins).
     * Its membership never changes; a blocked connection stops its messages.
     * PERMISSION_DENIED when the users are not connected.
     * </pre>
     */
    default void getOneToOne(missive.v1.Mls.GetOneToOneRequest request,
        io.grpc.stub.StreamObserver<missive.v1.Mls.GetOneToOneResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetOneToOneMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service MlsService.
   * <pre>
   * The delivery service of MLS conversations (RFC 9420; docs/e2ee.md). The
   * server never decrypts: it checks each message's group and epoch, verifies
   * commits against the group's public state (commits and proposals are sent
   * as PublicMessage, application messages as PrivateMessage), orders commits
   * so that exactly one wins each epoch, makes the membership change a commit
   * carries, routes Welcomes to the devices added, and keeps the latest
   * GroupInfo. Every call needs an access token and membership.
   * A message or commit for another epoch than the group's current one answers
   * FAILED_PRECONDITION "mls-stale-message" with the current epoch in an
   * ErrorInfo detail (reason "mls-stale-message", metadata "epoch"): fetch
   * and process the events that moved it, then try again.
   * </pre>
   */
  public static abstract class MlsServiceImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return MlsServiceGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service MlsService.
   * <pre>
   * The delivery service of MLS conversations (RFC 9420; docs/e2ee.md). The
   * server never decrypts: it checks each message's group and epoch, verifies
   * commits against the group's public state (commits and proposals are sent
   * as PublicMessage, application messages as PrivateMessage), orders commits
   * so that exactly one wins each epoch, makes the membership change a commit
   * carries, routes Welcomes to the devices added, and keeps the latest
   * GroupInfo. Every call needs an access token and membership.
   * A message or commit for another epoch than the group's current one answers
   * FAILED_PRECONDITION "mls-stale-message" with the current epoch in an
   * ErrorInfo detail (reason "mls-stale-message", metadata "epoch"): fetch
   * and process the events that moved it, then try again.
   * </pre>
   */
  public static final class MlsServiceStub
      extends io.grpc.stub.AbstractAsyncStub<MlsServiceStub> {
    private MlsServiceStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected MlsServiceStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new MlsServiceStub(channel, callOptions);
    }

    /**
     * <pre>
     * A commit, the Welcome for the devices it adds, and the GroupInfo (with
     * the ratchet_tree extension) of the epoch it starts. Devices of users who
     * are not members join the conversation (the caller must be an admin and
     * connected to them); a user whose last device in the group it removes
     * leaves the conversation (an admin may remove others; anyone their own
     * devices). Committed in one transaction with the epoch's advance.
     * </pre>
     */
    public void sendCommitBundle(missive.v1.Mls.SendCommitBundleRequest request,
        io.grpc.stub.StreamObserver<missive.v1.Mls.SendCommitBundleResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getSendCommitBundleMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * An application message (PrivateMessage) or a proposal (PublicMessage:
     * add, remove or update, verified against the group's state and made by
     * the caller's device) for the group's current epoch, to every other
     * device of the members. Proposals are kept until the epoch ends, so that
     * a commit may include them by reference; at most 100 per epoch
     * (RESOURCE_EXHAUSTED past it).
     * </pre>
     */
    public void sendMlsMessage(missive.v1.Mls.SendMlsMessageRequest request,
        io.grpc.stub.StreamObserver<missive.v1.Mls.SendMlsMessageResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getSendMlsMessageMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * The group's current epoch and latest GroupInfo (empty before the first
     * commit).
     * </pre>
     */
    public void getGroupInfo(missive.v1.Mls.GetGroupInfoRequest request,
        io.grpc.stub.StreamObserver<missive.v1.Mls.GetGroupInfoResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetGroupInfoMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * The MLS 1:1 conversation of the caller and a user they are connected
     * to, on this backend or another: created on the first ask by either,
     * the same for both (its id is derived from the two users). Its group
     * starts at epoch 0 with both users as members; either device makes the
     * first commit, adding the other's devices (exactly one such commit wins).
     * Its membership never changes; a blocked connection stops its messages.
     * PERMISSION_DENIED when the users are not connected.
     * </pre>
     */
    public void getOneToOne(missive.v1.Mls.GetOneToOneRequest request,
        io.grpc.stub.StreamObserver<missive.v1.Mls.GetOneToOneResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetOneToOneMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service MlsService.
   * <pre>
   * The delivery service of MLS conversations (RFC 9420; docs/e2ee.md). The
   * server never decrypts: it checks each message's group and epoch, verifies
   * commits against the group's public state (commits and proposals are sent
   * as PublicMessage, application messages as PrivateMessage), orders commits
   * so that exactly one wins each epoch, makes the membership change a commit
   * carries, routes Welcomes to the devices added, and keeps the latest
   * GroupInfo. Every call needs an access token and membership.
   * A message or commit for another epoch than the group's current one answers
   * FAILED_PRECONDITION "mls-stale-message" with the current epoch in an
   * ErrorInfo detail (reason "mls-stale-message", metadata "epoch"): fetch
   * and process the events that moved it, then try again.
   * </pre>
   */
  public static final class MlsServiceBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<MlsServiceBlockingV2Stub> {
    private MlsServiceBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected MlsServiceBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new MlsServiceBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * A commit, the Welcome for the devices it adds, and the GroupInfo (with
     * the ratchet_tree extension) of the epoch it starts. Devices of users who
     * are not members join the conversation (the caller must be an admin and
     * connected to them); a user whose last device in the group it removes
     * leaves the conversation (an admin may remove others; anyone their own
     * devices). Committed in one transaction with the epoch's advance.
     * </pre>
     */
    public missive.v1.Mls.SendCommitBundleResponse sendCommitBundle(missive.v1.Mls.SendCommitBundleRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getSendCommitBundleMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * An application message (PrivateMessage) or a proposal (PublicMessage:
     * add, remove or update, verified against the group's state and made by
     * the caller's device) for the group's current epoch, to every other
     * device of the members. Proposals are kept until the epoch ends, so that
     * a commit may include them by reference; at most 100 per epoch
     * (RESOURCE_EXHAUSTED past it).
     * </pre>
     */
    public missive.v1.Mls.SendMlsMessageResponse sendMlsMessage(missive.v1.Mls.SendMlsMessageRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getSendMlsMessageMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * The group's current epoch and latest GroupInfo (empty before the first
     * commit).
     * </pre>
     */
    public missive.v1.Mls.GetGroupInfoResponse getGroupInfo(missive.v1.Mls.GetGroupInfoRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetGroupInfoMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * The MLS 1:1 conversation of the caller and a user they are connected
     * to, on this backend or another: created on the first ask by either,
     * the same for both (its id is derived from the two users). Its group
     * starts at epoch 0 with both users as members; either device makes the
     * first commit, adding the other's devices (exactly one such commit wins).
     * Its membership never changes; a blocked connection stops its messages.
     * PERMISSION_DENIED when the users are not connected.
     * </pre>
     */
    public missive.v1.Mls.GetOneToOneResponse getOneToOne(missive.v1.Mls.GetOneToOneRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetOneToOneMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service MlsService.
   * <pre>
   * The delivery service of MLS conversations (RFC 9420; docs/e2ee.md). The
   * server never decrypts: it checks each message's group and epoch, verifies
   * commits against the group's public state (commits and proposals are sent
   * as PublicMessage, application messages as PrivateMessage), orders commits
   * so that exactly one wins each epoch, makes the membership change a commit
   * carries, routes Welcomes to the devices added, and keeps the latest
   * GroupInfo. Every call needs an access token and membership.
   * A message or commit for another epoch than the group's current one answers
   * FAILED_PRECONDITION "mls-stale-message" with the current epoch in an
   * ErrorInfo detail (reason "mls-stale-message", metadata "epoch"): fetch
   * and process the events that moved it, then try again.
   * </pre>
   */
  public static final class MlsServiceBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<MlsServiceBlockingStub> {
    private MlsServiceBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected MlsServiceBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new MlsServiceBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * A commit, the Welcome for the devices it adds, and the GroupInfo (with
     * the ratchet_tree extension) of the epoch it starts. Devices of users who
     * are not members join the conversation (the caller must be an admin and
     * connected to them); a user whose last device in the group it removes
     * leaves the conversation (an admin may remove others; anyone their own
     * devices). Committed in one transaction with the epoch's advance.
     * </pre>
     */
    public missive.v1.Mls.SendCommitBundleResponse sendCommitBundle(missive.v1.Mls.SendCommitBundleRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getSendCommitBundleMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * An application message (PrivateMessage) or a proposal (PublicMessage:
     * add, remove or update, verified against the group's state and made by
     * the caller's device) for the group's current epoch, to every other
     * device of the members. Proposals are kept until the epoch ends, so that
     * a commit may include them by reference; at most 100 per epoch
     * (RESOURCE_EXHAUSTED past it).
     * </pre>
     */
    public missive.v1.Mls.SendMlsMessageResponse sendMlsMessage(missive.v1.Mls.SendMlsMessageRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getSendMlsMessageMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * The group's current epoch and latest GroupInfo (empty before the first
     * commit).
     * </pre>
     */
    public missive.v1.Mls.GetGroupInfoResponse getGroupInfo(missive.v1.Mls.GetGroupInfoRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetGroupInfoMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * The MLS 1:1 conversation of the caller and a user they are connected
     * to, on this backend or another: created on the first ask by either,
     * the same for both (its id is derived from the two users). Its group
     * starts at epoch 0 with both users as members; either device makes the
     * first commit, adding the other's devices (exactly one such commit wins).
     * Its membership never changes; a blocked connection stops its messages.
     * PERMISSION_DENIED when the users are not connected.
     * </pre>
     */
    public missive.v1.Mls.GetOneToOneResponse getOneToOne(missive.v1.Mls.GetOneToOneRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetOneToOneMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service MlsService.
   * <pre>
   * The delivery service of MLS conversations (RFC 9420; docs/e2ee.md). The
   * server never decrypts: it checks each message's group and epoch, verifies
   * commits against the group's public state (commits and proposals are sent
   * as PublicMessage, application messages as PrivateMessage), orders commits
   * so that exactly one wins each epoch, makes the membership change a commit
   * carries, routes Welcomes to the devices added, and keeps the latest
   * GroupInfo. Every call needs an access token and membership.
   * A message or commit for another epoch than the group's current one answers
   * FAILED_PRECONDITION "mls-stale-message" with the current epoch in an
   * ErrorInfo detail (reason "mls-stale-message", metadata "epoch"): fetch
   * and process the events that moved it, then try again.
   * </pre>
   */
  public static final class MlsServiceFutureStub
      extends io.grpc.stub.AbstractFutureStub<MlsServiceFutureStub> {
    private MlsServiceFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected MlsServiceFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new MlsServiceFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * A commit, the Welcome for the devices it adds, and the GroupInfo (with
     * the ratchet_tree extension) of the epoch it starts. Devices of users who
     * are not members join the conversation (the caller must be an admin and
     * connected to them); a user whose last device in the group it removes
     * leaves the conversation (an admin may remove others; anyone their own
     * devices). Committed in one transaction with the epoch's advance.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<missive.v1.Mls.SendCommitBundleResponse> sendCommitBundle(
        missive.v1.Mls.SendCommitBundleRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getSendCommitBundleMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * An application message (PrivateMessage) or a proposal (PublicMessage:
     * add, remove or update, verified against the group's state and made by
     * the caller's device) for the group's current epoch, to every other
     * device of the members. Proposals are kept until the epoch ends, so that
     * a commit may include them by reference; at most 100 per epoch
     * (RESOURCE_EXHAUSTED past it).
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<missive.v1.Mls.SendMlsMessageResponse> sendMlsMessage(
        missive.v1.Mls.SendMlsMessageRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getSendMlsMessageMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * The group's current epoch and latest GroupInfo (empty before the first
     * commit).
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<missive.v1.Mls.GetGroupInfoResponse> getGroupInfo(
        missive.v1.Mls.GetGroupInfoRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetGroupInfoMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * The MLS 1:1 conversation of the caller and a user they are connected
     * to, on this backend or another: created on the first ask by either,
     * the same for both (its id is derived from the two users). Its group
     * starts at epoch 0 with both users as members; either device makes the
     * first commit, adding the other's devices (exactly one such commit wins).
     * Its membership never changes; a blocked connection stops its messages.
     * PERMISSION_DENIED when the users are not connected.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<missive.v1.Mls.GetOneToOneResponse> getOneToOne(
        missive.v1.Mls.GetOneToOneRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetOneToOneMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_SEND_COMMIT_BUNDLE = 0;
  private static final int METHODID_SEND_MLS_MESSAGE = 1;
  private static final int METHODID_GET_GROUP_INFO = 2;
  private static final int METHODID_GET_ONE_TO_ONE = 3;

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
        case METHODID_SEND_COMMIT_BUNDLE:
          serviceImpl.sendCommitBundle((missive.v1.Mls.SendCommitBundleRequest) request,
              (io.grpc.stub.StreamObserver<missive.v1.Mls.SendCommitBundleResponse>) responseObserver);
          break;
        case METHODID_SEND_MLS_MESSAGE:
          serviceImpl.sendMlsMessage((missive.v1.Mls.SendMlsMessageRequest) request,
              (io.grpc.stub.StreamObserver<missive.v1.Mls.SendMlsMessageResponse>) responseObserver);
          break;
        case METHODID_GET_GROUP_INFO:
          serviceImpl.getGroupInfo((missive.v1.Mls.GetGroupInfoRequest) request,
              (io.grpc.stub.StreamObserver<missive.v1.Mls.GetGroupInfoResponse>) responseObserver);
          break;
        case METHODID_GET_ONE_TO_ONE:
          serviceImpl.getOneToOne((missive.v1.Mls.GetOneToOneRequest) request,
              (io.grpc.stub.StreamObserver<missive.v1.Mls.GetOneToOneResponse>) responseObserver);
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
          getSendCommitBundleMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              missive.v1.Mls.SendCommitBundleRequest,
              missive.v1.Mls.SendCommitBundleResponse>(
                service, METHODID_SEND_COMMIT_BUNDLE)))
        .addMethod(
          getSendMlsMessageMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              missive.v1.Mls.SendMlsMessageRequest,
              missive.v1.Mls.SendMlsMessageResponse>(
                service, METHODID_SEND_MLS_MESSAGE)))
        .addMethod(
          getGetGroupInfoMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              missive.v1.Mls.GetGroupInfoRequest,
              missive.v1.Mls.GetGroupInfoResponse>(
                service, METHODID_GET_GROUP_INFO)))
        .addMethod(
          getGetOneToOneMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              missive.v1.Mls.GetOneToOneRequest,
              missive.v1.Mls.GetOneToOneResponse>(
                service, METHODID_GET_ONE_TO_ONE)))
        .build();
  }

  private static volatile io.grpc.ServiceDescriptor serviceDescriptor;

  public static io.grpc.ServiceDescriptor getServiceDescriptor() {
    io.grpc.ServiceDescriptor result = serviceDescriptor;
    if (result == null) {
      synchronized (MlsServiceGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .addMethod(getSendCommitBundleMethod())
              .addMethod(getSendMlsMessageMethod())
              .addMethod(getGetGroupInfoMethod())
              .addMethod(getGetOneToOneMethod())
              .build();
        }
      }
    }
    return result;
  }
}
